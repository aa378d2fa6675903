// SAST speed on real code: every JavaScript/TypeScript file in the project's node_modules
// (sorted paths, so the set is reproducible; minified bundles and files over 1 MB left out,
// as the scanner itself skips them). Prints files/s, total time and peak memory for Upkeep's
// engine, the same rules through ast-grep's CLI (the floor), and ESLint with
// eslint-plugin-security (JavaScript files only: ESLint's own parser cannot read TypeScript).
// Each tool runs as a process under /usr/bin/time with 2 threads where it has a setting.
import { spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { sastConfigSchema } from "../core/sast/config.ts";
import { fileKindOf } from "../core/sast/languages.ts";
import type { CompiledRule } from "../core/sast/rule.ts";
import { scanInPool } from "../core/sast/scan/pool.ts";
import { loadAllRules } from "../core/sast/scan/run-scan.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const THREADS = Number(process.env.BENCH_THREADS ?? 2);
const CODE = /\.(js|mjs|cjs|ts|mts|cts|tsx)$/;
const JS_ONLY = /\.(js|mjs|cjs)$/;

function rules(): CompiledRule[] {
  return loadAllRules(ROOT, sastConfigSchema.parse({}), []).rules;
}

/** Real code files, sorted; the same cut the scanner makes (size cap, minified lines). */
function benchFiles(): string[] {
  // BENCH_DIRS (colon-separated) adds trees, e.g. /usr/lib/node_modules, for a bigger sample.
  const bases = [
    join(ROOT, "node_modules"),
    ...(process.env.BENCH_DIRS ?? "").split(":").filter(Boolean),
  ];
  return bases
    .flatMap((base) =>
      readdirSync(base, { recursive: true, encoding: "utf8" })
        .filter((path) => CODE.test(path) && !path.endsWith(".d.ts") && !path.startsWith(".cache"))
        .sort()
        .map((path) => join(base, path)),
    )
    .filter((path) => {
      if (statSync(path).size > 1_000_000) return false;
      return readFileSync(path, "utf8")
        .split("\n")
        .every((line) => line.length <= 20_000);
    });
}

/** Child mode: scan the listed files with Upkeep's engine and print how many findings. */
async function upkeepChild(listFile: string): Promise<void> {
  const files = readFileSync(listFile, "utf8").split("\n").filter(Boolean);
  const jobs = files.map((path) => ({ absolutePath: path, path, kind: fileKindOf(path)! }));
  const outcomes = await scanInPool(jobs, {
    rules: rules(),
    maxFileSize: 1_000_000,
    maxFileSeconds: 10,
    jobs: THREADS,
  });
  console.log(
    JSON.stringify({ findings: outcomes.reduce((sum, o) => sum + o.findings.length, 0) }),
  );
}

/** The JavaScript rules as plain ast-grep rules, one per language ast-grep distinguishes. */
function writeAstGrepProject(dir: string): string {
  mkdirSync(join(dir, "rules"));
  for (const rule of rules().filter((candidate) => candidate.language === "javascript")) {
    const constraints: Record<string, unknown> = { ...(rule.matcher?.constraints ?? {}) };
    if (rule.sink) {
      const names = [
        ...new Set(rule.sink.functions.map((name) => name.slice(name.lastIndexOf(".") + 1))),
      ];
      constraints[rule.sink.callee] = { regex: `(^|[.\\s])(${names.join("|")})$` };
    }
    const documents = ["JavaScript", "TypeScript", "Tsx"].map((language) =>
      stringify({
        id: `${rule.id}-${language.toLowerCase()}`,
        language,
        severity: "warning",
        message: rule.message,
        rule: rule.rule,
        ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
        ...(rule.utils ? { utils: rule.utils } : {}),
      }),
    );
    writeFileSync(join(dir, "rules", `${rule.id}.yml`), documents.join("---\n"));
  }
  writeFileSync(join(dir, "sgconfig.yml"), "ruleDirs:\n  - rules\n");
  return join(dir, "sgconfig.yml");
}

function writeEslintConfig(dir: string): string {
  const plugin = join(ROOT, "node_modules/eslint-plugin-security/index.js");
  const file = join(dir, "eslint.config.mjs");
  writeFileSync(
    file,
    `import security from ${JSON.stringify(plugin)};\nexport default [{ ignores: ["!**/node_modules/"] }, { files: ["**/*.js", "**/*.mjs", "**/*.cjs"], ...security.configs.recommended }];\n`,
  );
  return file;
}

interface Timed {
  seconds: number;
  /** User + system CPU seconds: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  peakMb: number;
  stdout: string;
  ok: boolean;
}

function timed(command: string, args: string[]): Timed {
  const run = spawnSync("/usr/bin/time", ["-f", "UPKEEP_TIME %e %M %U %S", command, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
  const match = run.stderr.match(/UPKEEP_TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/);
  if (!match) throw new Error(`${command} did not run: ${run.stderr.slice(-500)}`);
  return {
    seconds: Number(match[1]),
    peakMb: Number(match[2]) / 1024,
    cpuSeconds: Number(match[3]) + Number(match[4]),
    stdout: run.stdout,
    ok: run.status === 0,
  };
}

function figure(label: string, files: number, result: Timed, findings: number | string): void {
  const rate = files / result.seconds;
  console.log(
    `${label.padEnd(34)} files=${files} total=${result.seconds.toFixed(2)}s files/s=${rate.toFixed(0)} cpu=${result.cpuSeconds.toFixed(2)}s peak=${result.peakMb.toFixed(0)}MB findings=${findings}`,
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === "--upkeep-child") return upkeepChild(process.argv[3] as string);
  const dir = mkdtempSync(join(tmpdir(), "upkeep-sast-bench-"));
  const all = benchFiles();
  const jsOnly = all.filter((path) => JS_ONLY.test(path));
  writeFileSync(join(dir, "all.txt"), all.join("\n"));
  writeFileSync(join(dir, "js.txt"), jsOnly.join("\n"));
  console.log(
    `node_modules sample: ${all.length} JS/TS code files after the size/minified cut (${jsOnly.length} JavaScript); threads=${THREADS}`,
  );
  const self = new URL(import.meta.url).pathname;
  const node = process.execPath;

  const upkeep = timed(node, [self, "--upkeep-child", join(dir, "all.txt")]);
  figure("upkeep (all JS/TS)", all.length, upkeep, JSON.parse(upkeep.stdout).findings);

  const sgconfig = writeAstGrepProject(dir);
  const astGrep = timed(join(ROOT, "node_modules/.bin/ast-grep"), [
    "scan",
    "-c",
    sgconfig,
    "-j",
    String(THREADS),
    "--json=stream",
    ...all,
  ]);
  figure(
    "ast-grep CLI, same rules (floor)",
    all.length,
    astGrep,
    astGrep.stdout.split("\n").filter(Boolean).length,
  );

  const upkeepJs = timed(node, [self, "--upkeep-child", join(dir, "js.txt")]);
  figure("upkeep (JavaScript only)", jsOnly.length, upkeepJs, JSON.parse(upkeepJs.stdout).findings);
  const eslintConfig = writeEslintConfig(dir);
  const eslint = timed(join(ROOT, "node_modules/.bin/eslint"), [
    "-c",
    eslintConfig,
    "--format",
    "json",
    "--concurrency",
    String(THREADS),
    ...jsOnly,
  ]);
  const eslintFindings = JSON.parse(eslint.stdout || "[]").reduce(
    (sum: number, file: { messages: unknown[] }) => sum + file.messages.length,
    0,
  );
  figure("eslint + plugin-security (JS only)", jsOnly.length, eslint, eslintFindings);

  const ratio = (a: Timed, b: Timed) =>
    `${(a.seconds / b.seconds).toFixed(2)}x wall, ${(a.cpuSeconds / b.cpuSeconds).toFixed(2)}x cpu`;
  console.log(`upkeep / ast-grep: ${ratio(upkeep, astGrep)} (goal <= 1.5x)`);
  console.log(`eslint / upkeep on JavaScript: ${ratio(eslint, upkeepJs)} (goal >= 5x)`);
}

await main();
