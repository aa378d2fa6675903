// Finds a file Upkeep ships in its repository (templates/…) from wherever this module runs: the
// TypeScript source, or an action's bundled dist/ inside the checked-out Upkeep repository.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function readShippedFile(
  relativePath: string,
  from: string = import.meta.url,
): string | undefined {
  let dir = dirname(fileURLToPath(from));
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, relativePath);
    if (existsSync(candidate)) return readFileSync(candidate, "utf8");
    dir = dirname(dir);
  }
  return undefined;
}
