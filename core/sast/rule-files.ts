// Finds rule YAML on disk: the built-in pack shipped in the repository's rules/ folder (found by
// walking up from this module, which works from sources and from any bundled dist file) and
// user rule files or folders named in config.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScanProblem } from "./finding.ts";
import type { RuleText } from "./load-rules.ts";

const MARKER = "upkeep-rules.yml";

export function builtinRulesDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "rules", MARKER))) return join(dir, "rules");
    if (dirname(dir) === dir) throw new Error(`built-in rules not found above ${from}`);
  }
}

/** Every .yml/.yaml file under `path` (or `path` itself), sorted for a stable rule order. */
export function readRuleTexts(
  path: string,
  base: string,
): { texts: RuleText[]; problems: ScanProblem[] } {
  const texts: RuleText[] = [];
  const problems: ScanProblem[] = [];
  let files: string[];
  try {
    files = statSync(path).isDirectory() ? listYaml(path) : [path];
  } catch (error) {
    problems.push({
      level: "error",
      subject: relative(base, path) || path,
      message: `cannot read rules: ${(error as Error).message}`,
    });
    return { texts, problems };
  }
  for (const file of files) {
    if (file.endsWith(MARKER)) continue;
    if (!statSync(file).isFile()) {
      const subject = relative(base, file) || file;
      problems.push({ level: "error", subject, message: "not a regular file; rules not read" });
      continue;
    }
    texts.push({ file: relative(base, file) || file, text: readFileSync(file, "utf8") });
  }
  return { texts, problems };
}

function listYaml(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}
