// Release notes on a big history: a synthetic repository of 100,000 conventional commits and 1,000
// release tags, built with `git fast-import`. Prints the full-history CHANGELOG time and peak memory
// and the latest-release time for Upkeep, side by side with conventional-changelog
// (conventionalcommits preset) and git-cliff on the same repository. Each tool runs as a process
// under /usr/bin/time; the others are capped (BENCH_CAP_S, default 300 s).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { releaseNotesConfigSchema } from "../core/release-notes/config.ts";
import { planLocalRelease } from "../git/release-source.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const COMMITS = Number(process.env.BENCH_COMMITS ?? 100_000);
const TAGS = Number(process.env.BENCH_TAGS ?? 1_000);
const CAP_S = Number(process.env.BENCH_CAP_S ?? 300);

const TYPES = ["feat", "fix", "fix", "perf", "docs", "chore", "refactor", "test", "ci", "build"];
const SCOPES = ["", "(api)", "(core)", "(cli)", "(ui)", "(db)", "(auth)"];

function message(index: number): string {
  const type = TYPES[index % TYPES.length] as string;
  const scope = SCOPES[(index * 7) % SCOPES.length] as string;
  const breaking = index % 997 === 0 ? "!" : "";
  const pr = index % 3 === 0 ? ` (#${index})` : "";
  const body =
    index % 5 === 0 ? `\n\nLonger explanation of change ${index}.\n\nCloses #${index % 5000}` : "";
  return `${type}${scope}${breaking}: change number ${index}${pr}${body}\n`;
}

/** Writes the history through one fast-import process: commits with no tree changes, tags every N. */
function buildRepository(dir: string): void {
  spawnSync("git", ["init", "-q", "-b", "main", dir]);
  const every = Math.floor(COMMITS / TAGS);
  const chunks: string[] = [];
  const start = Date.UTC(2015, 0, 1) / 1000;
  for (let index = 1; index <= COMMITS; index++) {
    const text = message(index);
    const when = `${start + index * 600} +0000`;
    const who = index % 11 === 0 ? "Bob <bob@example.com>" : "Alice <alice@example.com>";
    chunks.push(
      `commit refs/heads/main\nmark :${index}\nauthor ${who} ${when}\ncommitter ${who} ${when}\n`,
      `data ${Buffer.byteLength(text)}\n${text}\n`,
    );
    if (index % every === 0)
      chunks.push(`reset refs/tags/v1.${index / every}.0\nfrom :${index}\n\n`);
  }
  const result = spawnSync("git", ["fast-import", "--quiet"], {
    cwd: dir,
    input: chunks.join(""),
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) throw new Error(`fast-import failed: ${result.stderr}`);
  spawnSync("git", ["checkout", "-q", "main"], { cwd: dir });
  // Clones come with packed refs; fast-import leaves 1,000 loose tag files.
  spawnSync("git", ["pack-refs", "--all"], { cwd: dir });
  // package.json gives every tool the repository URL for links.
  spawnSync(
    "sh",
    [
      "-c",
      'echo \'{"name":"bench","version":"1.0.0","repository":"https://github.com/octo-org/bench"}\' > package.json',
    ],
    { cwd: dir },
  );
}

interface Timed {
  seconds?: number;
  peakMb?: number;
  finished: boolean;
  exitCode?: number;
}

/** Runs a command under /usr/bin/time, killed after `capSeconds`. */
function timed(command: string[], cwd: string, capSeconds: number): Promise<Timed> {
  const timeFile = join(cwd, ".time");
  rmSync(timeFile, { force: true });
  const child = spawn("/usr/bin/time", ["-o", timeFile, "-f", "%e %M", ...command], {
    cwd,
    stdio: ["ignore", "ignore", "ignore"],
    detached: true,
  });
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    process.kill(-(child.pid as number), "SIGKILL");
  }, capSeconds * 1000);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      clearTimeout(timer);
      if (killed || !existsSync(timeFile)) return resolve({ finished: false });
      const last = readFileSync(timeFile, "utf8").trim().split("\n").at(-1) ?? "";
      const [seconds, kb] = last.split(" ").map(Number);
      resolve({ seconds, peakMb: (kb ?? 0) / 1024, finished: true, exitCode: code ?? undefined });
    });
  });
}

function figure(label: string, result: Timed, cap: number): string {
  if (!result.finished) return `${label}: did not finish in ${cap} s`;
  const failed = result.exitCode ? ` (exit ${result.exitCode})` : "";
  return `${label}: ${result.seconds?.toFixed(2)} s, peak ${result.peakMb?.toFixed(0)} MB${failed}`;
}

/** Release sections keyed by version, dates and blank lines dropped. */
function sections(file: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const heading = line.match(/^##? \[?(\d+\.\d+\.\d+)\]?/);
    if (heading) {
      current = [line.replace(/ \(\d{4}-\d{2}-\d{2}\)$/, "")];
      if ((found.get(heading[1] as string)?.length ?? 0) <= 1)
        found.set(heading[1] as string, current);
    } else if (current && line.trim() && !line.startsWith("# ")) {
      current.push(line);
    }
  }
  return found;
}

function sameSections(ours: string, theirs: string): string {
  const mine = sections(ours);
  const other = sections(theirs);
  let same = 0;
  for (const [version, lines] of mine)
    if (JSON.stringify(other.get(version)) === JSON.stringify(lines)) same++;
  return `${same} of ${mine.size}`;
}

async function latestInProcess(dir: string): Promise<number> {
  const config = releaseNotesConfigSchema.parse({});
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    await planLocalRelease({ cwd: dir, config, today: "2025-01-01" });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[3] as number;
}

const load = () => loadavg()[0]?.toFixed(1);
const dir = mkdtempSync(join(tmpdir(), "upkeep-bench-release-"));
const node = process.execPath;
// The bundled CLI is what `npx upkeep` runs; fall back to the sources in a fresh checkout.
const bundled = join(ROOT, "dist/upkeep.js");
const upkeep = [node, existsSync(bundled) ? bundled : join(ROOT, "cli/bin.ts"), "release-notes"];
const conventionalChangelog = [
  node,
  join(ROOT, "node_modules/conventional-changelog-cli/cli.js"),
  "-p",
  "conventionalcommits",
];
const gitCliff = [join(ROOT, "node_modules/git-cliff-linux-x64/bin/git-cliff")];
try {
  let started = performance.now();
  buildRepository(dir);
  console.log(
    `upkeep runs ${upkeep[1]?.replace(ROOT, "")}; load average ${load()} on ${cpus().length} CPUs`,
  );
  console.log(
    `repository: ${COMMITS} commits, ${TAGS} tags, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const ours = await timed([...upkeep, "--all", "--changelog", "upkeep.md"], dir, CAP_S);
  console.log(figure("upkeep full-history CHANGELOG", ours, CAP_S));
  const cc = await timed([...conventionalChangelog, "-r", "0", "-o", "cc.md"], dir, CAP_S);
  console.log(figure("conventional-changelog full-history CHANGELOG", cc, CAP_S));
  const cliff = await timed([...gitCliff, "-o", "cliff.md"], dir, CAP_S);
  console.log(figure("git-cliff full-history CHANGELOG", cliff, CAP_S));
  if (cc.finished) {
    const same = sameSections(join(dir, "upkeep.md"), join(dir, "cc.md"));
    console.log(
      `full history: ${same} sections identical to conventional-changelog's (default style: a breaking note's (#N) is linked, as release-please does)`,
    );
  }
  for (const [name, other] of [
    ["conventional-changelog", cc],
    ["git-cliff", cliff],
  ] as const) {
    if (ours.seconds && other.seconds)
      console.log(
        `full history: upkeep is ${(other.seconds / ours.seconds).toFixed(1)}x faster than ${name}`,
      );
    else if (ours.seconds && !other.finished)
      console.log(
        `full history: upkeep is more than ${(CAP_S / ours.seconds).toFixed(0)}x faster than ${name}`,
      );
  }

  started = performance.now();
  const median = await latestInProcess(dir);
  console.log(`upkeep latest release, in process (median of 7): ${median.toFixed(1)} ms`);
  const latest = await timed([...upkeep, "--format", "json"], dir, CAP_S);
  console.log(figure("upkeep latest release, CLI process incl. Node start", latest, CAP_S));
  const ccLatest = await timed([...conventionalChangelog, "-r", "1"], dir, CAP_S);
  console.log(figure("conventional-changelog latest release", ccLatest, CAP_S));
  const cliffLatest = await timed([...gitCliff, "--latest"], dir, CAP_S);
  console.log(figure("git-cliff latest release", cliffLatest, CAP_S));
  console.log(
    `load average at the end: ${load()} (figures are wall-clock; other work on the machine slows them)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
