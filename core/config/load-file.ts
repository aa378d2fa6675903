// Reads the config from disk for the CLI and for actions that have a checkout.
import { readFile } from "node:fs/promises";
import { type ConfigResult, parseConfigText } from "./parse.ts";
import { defaultConfig } from "./schema.ts";

/** A missing file is not an error: Upkeep runs on defaults. */
export async function loadConfigFile(
  path: string,
  options: { required?: boolean } = {},
): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && !options.required) {
      return { ok: true, config: defaultConfig() };
    }
    return {
      ok: false,
      problems: [
        { file: path, path: "", message: `cannot read file: ${(error as Error).message}` },
      ],
    };
  }
  return parseConfigText(text, path);
}
