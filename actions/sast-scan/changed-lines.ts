// Lines a pull request changed, from `git diff --unified=0` in the checkout, so annotations stay
// on code the author touched. Undefined when the diff cannot be computed (shallow clone).
import { execFileSync } from "node:child_process";

export type ChangedLines = Map<string, Set<number>>;

export function changedLines(root: string, base: string, head: string): ChangedLines | undefined {
  let diff: string;
  try {
    diff = execFileSync(
      "git",
      ["diff", "--unified=0", "--no-color", "--no-ext-diff", `${base}...${head}`],
      {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
  } catch {
    return undefined;
  }
  return parseUnifiedDiff(diff);
}

export function parseUnifiedDiff(diff: string): ChangedLines {
  const changed: ChangedLines = new Map();
  let current: Set<number> | undefined;
  for (const line of diff.split("\n")) {
    const file = line.match(/^\+\+\+ (?:b\/)?(.+)$/);
    if (file) {
      current = file[1] === "/dev/null" ? undefined : new Set();
      if (current) changed.set(file[1] as string, current);
      continue;
    }
    const hunk = line.match(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let offset = 0; offset < count; offset++) current.add(start + offset);
    }
  }
  return changed;
}
