// A whole scan of a checkout: rules, files, threads, Snyk Code, ignores and baseline.
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { markBaseline, readBaseline } from "../baseline.ts";
import type { SastConfig } from "../config.ts";
import { crossFileTaint, JS_PARSERS, type SourceFile } from "../cross-file.ts";
import type { Finding, ScanProblem } from "../finding.ts";
import { type LoadedRules, loadRules } from "../load-rules.ts";
import type { CompiledRule } from "../rule.ts";
import { builtinRulesDir, readRuleTexts } from "../rule-files.ts";
import type { SnykRule } from "../snyk/parse.ts";
import { runSnykCode } from "../snyk/run.ts";
import { applyConfigIgnores } from "../suppressions.ts";
import { discoverFiles } from "./discover.ts";
import { scanInPool } from "./pool.ts";
import { readSource } from "./read-source.ts";
import type { FileJob } from "./scan-file.ts";

export interface ScanRequest {
  root: string;
  config: SastConfig;
  /** Extra rule files or folders (the CLI's --rules), besides config's `rules`. */
  ruleDirs?: string[];
  /** A baseline file, overriding config's `baseline`. */
  baseline?: string;
  jobs?: number;
  today: Date;
  env?: NodeJS.ProcessEnv;
}

export interface ScanReport {
  findings: Finding[];
  problems: ScanProblem[];
  rules: CompiledRule[];
  snykRules: SnykRule[];
  filesScanned: number;
  skipped: { vendored: number; ignored: number; minified: number; generated: number };
  durationMs: number;
  baselineUsed: boolean;
  /** True when a file, rule or adapter could not be handled: results may be missing. */
  incomplete: boolean;
}

export async function runScan(request: ScanRequest): Promise<ScanReport> {
  const started = performance.now();
  const { config, root } = request;
  const loaded = loadAllRules(root, config, request.ruleDirs ?? []);
  const problems = [...loaded.problems];
  const discovery = discoverFiles(root, config.paths, config.exclude);
  for (const path of discovery.missing)
    problems.push({
      level: "error",
      subject: "sast.paths",
      message: `${path}: no such file or directory`,
    });
  for (const path of discovery.special)
    problems.push({
      level: "warning",
      subject: path,
      message:
        "skipped: not a regular file (a FIFO, socket or device); only regular files are read",
    });
  const outcomes = await scanInPool(withCrossFileTaint(discovery.files, config.maxFileSize), {
    rules: loaded.rules,
    maxFileSize: config.maxFileSize,
    maxFileSeconds: config.maxFileSeconds,
    jobs: request.jobs,
  });
  let findings = outcomes.flatMap((outcome) => outcome.findings);
  for (const outcome of outcomes) problems.push(...outcome.problems);
  let snykRules: SnykRule[] = [];
  if (config.snyk) {
    const snyk = await runSnykCode(root, request.env ?? process.env);
    if (snyk.ok) {
      findings.push(...snyk.findings);
      snykRules = snyk.rules;
    } else problems.push(snyk.problem);
  }
  const ignored = applyConfigIgnores(findings, config.ignore, request.today);
  findings = ignored.findings;
  problems.push(...ignored.problems);
  const baselineFile = request.baseline ?? config.baseline;
  const baseline = baselineFile ? loadBaseline(root, baselineFile, problems) : undefined;
  findings = markBaseline(findings, baseline);
  return {
    findings: findings.sort(byLocation),
    problems,
    rules: loaded.rules,
    snykRules,
    filesScanned: discovery.files.length,
    skipped: {
      ...discovery.skipped,
      generated: outcomes.filter((outcome) => outcome.skipped === "generated").length,
    },
    durationMs: performance.now() - started,
    baselineUsed: baseline !== undefined,
    incomplete: problems.some((problem) => problem.level === "error"),
  };
}

/** Reads the JavaScript/TypeScript files once more to find request data passed between them. */
function withCrossFileTaint(files: FileJob[], maxFileSize: number): FileJob[] {
  const sources: SourceFile[] = [];
  for (const file of files) {
    if (file.kind.kind !== "code" || !JS_PARSERS.has(file.kind.parser)) continue;
    try {
      const read = readSource(file.absolutePath, maxFileSize);
      if (read.ok) sources.push({ path: file.path, text: read.text, parser: file.kind.parser });
    } catch {
      // The scan itself reports a file it cannot read.
    }
  }
  const tainted = crossFileTaint(sources);
  return files.map((file) =>
    tainted[file.path] ? { ...file, taintedParameters: tainted[file.path] } : file,
  );
}

export function loadAllRules(root: string, config: SastConfig, ruleDirs: string[]): LoadedRules {
  const builtin = readBuiltinRules();
  const user = [...config.rules, ...ruleDirs].map((path) =>
    readRuleTexts(resolve(root, path), root),
  );
  const loaded = loadRules([...builtin.texts, ...user.flatMap((read) => read.texts)]);
  const disabled = new Set(config.disableRules);
  return {
    rules: loaded.rules.filter((rule) => !disabled.has(rule.id)),
    problems: [...builtin.problems, ...user.flatMap((read) => read.problems), ...loaded.problems],
  };
}

/** The shipped pack; an install without it (a trimmed package) still runs the user's rules. */
function readBuiltinRules(): ReturnType<typeof readRuleTexts> {
  let dir: string;
  try {
    dir = builtinRulesDir();
  } catch (error) {
    const message = `${(error as Error).message}; only your own rules ran`;
    return { texts: [], problems: [{ level: "error", subject: "built-in rules", message }] };
  }
  return readRuleTexts(dir, dir);
}

function loadBaseline(
  root: string,
  file: string,
  problems: ScanProblem[],
): Set<string> | undefined {
  let text: string;
  try {
    if (!statSync(resolve(root, file)).isFile()) throw new Error("not a regular file");
    text = readFileSync(resolve(root, file), "utf8");
  } catch (error) {
    problems.push({
      level: "error",
      subject: file,
      message: `cannot read baseline: ${(error as Error).message}`,
    });
    return undefined;
  }
  const read = readBaseline(text, file);
  if (read.ok) return read.fingerprints;
  problems.push({ level: "error", subject: file, message: read.message });
  return undefined;
}

function byLocation(a: Finding, b: Finding): number {
  return (
    a.path.localeCompare(b.path) || a.startLine - b.startLine || a.ruleId.localeCompare(b.ruleId)
  );
}
