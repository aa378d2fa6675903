// Reads a repository's own template for a tracking body, if the config names one.
import type { CustomTemplate } from "../../core/tracking/rca/body.ts";
import type { GitHubPort } from "../port.ts";

/** A configured template whose file is missing comes back without text: the body then says so. */
export async function readTemplate(
  github: GitHubPort,
  path: string | undefined,
): Promise<CustomTemplate | undefined> {
  if (!path) return undefined;
  const text = await github.readFile(path);
  return { path, text };
}
