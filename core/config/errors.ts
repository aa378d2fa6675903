// A config problem a maintainer can fix: where it is and what was expected.

export interface ConfigProblem {
  file: string;
  /** Dotted key path such as `sla.goals.critical.resolution`; empty for the whole file. */
  path: string;
  /** 1-based line and column in the file, when the file's text was available. */
  line?: number;
  column?: number;
  message: string;
}

export function formatConfigProblem(problem: ConfigProblem): string {
  const where = problem.line
    ? `${problem.file}:${problem.line}:${problem.column ?? 1}`
    : problem.file;
  const key = problem.path ? ` at ${problem.path}` : "";
  return oneLine(`${where}${key}: ${problem.message}`);
}

/** Keys and values come from the user's file: a newline in one must not start a second, spoofed problem line. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (char) =>
    char === "\n" ? "\\n" : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super(problems.map(formatConfigProblem).join("\n"));
    this.name = "ConfigError";
    this.problems = problems;
  }
}
