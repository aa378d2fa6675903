// Parse time and peak memory for a generated 5,000-package package-lock.json (v3) and
// pnpm-lock.yaml (v9), next to the floor: JSON.parse (or YAML parse) of the same text alone.
// Each measurement runs in its own process so peak RSS belongs to that parser alone.
import { spawnSync } from "node:child_process";
import { parse as parseYaml } from "yaml";
import { parseLockfileText, parserFor } from "../core/deps/lockfiles/index.ts";

const PACKAGES = 5000;
// YAML parsing is slow enough that fewer runs keep the benchmark short on shared machines.
const RUNS = { npm: 7, pnpm: 3 };

function name(index: number): string {
  return index % 7 === 0 ? `@scope${index % 13}/pkg-${index}` : `pkg-${index}`;
}

function dependencyIndexes(index: number): number[] {
  return [1, 2, 3]
    .map((step) => (index * 31 + step * 17) % PACKAGES)
    .filter((other) => other !== index);
}

function integrity(index: number): string {
  return `sha512-${Buffer.from(`integrity-${index}`.repeat(6)).toString("base64").slice(0, 86)}==`;
}

function packageLock(): string {
  const packages: Record<string, unknown> = {
    "": {
      name: "bench-app",
      version: "1.0.0",
      dependencies: Object.fromEntries([0, 1, 2, 3, 4].map((i) => [name(i), "^1.0.0"])),
      devDependencies: { [name(5)]: "^1.0.0" },
    },
  };
  for (let index = 0; index < PACKAGES; index++) {
    const folder =
      index % 10 === 9
        ? `node_modules/${name(index - 1)}/node_modules/${name(index)}`
        : `node_modules/${name(index)}`;
    packages[folder] = {
      version: `1.${index % 20}.${index % 7}`,
      resolved: `https://registry.npmjs.org/${name(index)}/-/${name(index).split("/").pop()}-1.0.0.tgz`,
      integrity: integrity(index),
      ...(index % 4 === 0 ? { dev: true } : {}),
      dependencies: Object.fromEntries(
        dependencyIndexes(index).map((other) => [name(other), "^1.0.0"]),
      ),
    };
  }
  return JSON.stringify(
    { name: "bench-app", version: "1.0.0", lockfileVersion: 3, requires: true, packages },
    null,
    2,
  );
}

function pnpmLock(): string {
  const version = (index: number) => `1.${index % 20}.${index % 7}`;
  const key = (index: number) => `${name(index)}@${version(index)}`;
  const quote = (text: string) => (text.startsWith("@") ? `'${text}'` : text);
  const lines = [
    "lockfileVersion: '9.0'",
    "",
    "settings:",
    "  autoInstallPeers: true",
    "",
    "importers:",
    "",
    "  .:",
    "    dependencies:",
  ];
  for (const index of [0, 1, 2, 3, 4])
    lines.push(
      `      ${quote(name(index))}:`,
      "        specifier: ^1.0.0",
      `        version: ${version(index)}`,
    );
  lines.push(
    "    devDependencies:",
    `      ${quote(name(5))}:`,
    "        specifier: ^1.0.0",
    `        version: ${version(5)}`,
    "",
    "packages:",
    "",
  );
  for (let index = 0; index < PACKAGES; index++)
    lines.push(
      `  ${quote(key(index))}:`,
      `    resolution: {integrity: ${integrity(index)}}`,
      "    engines: {node: '>=14'}",
      "",
    );
  lines.push("snapshots:", "");
  for (let index = 0; index < PACKAGES; index++) {
    lines.push(`  ${quote(key(index))}:`, "    dependencies:");
    for (const other of dependencyIndexes(index))
      lines.push(`      ${quote(name(other))}: ${version(other)}`);
    lines.push("");
  }
  return lines.join("\n");
}

type Case = "npm" | "npm-floor" | "pnpm" | "pnpm-floor" | "pnpm-json-floor";

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** Child process: time one case and report its figures as one JSON line. */
function measure(which: Case): void {
  const npm = which.startsWith("npm");
  // The JSON floor for pnpm is JSON.parse of the same data written as JSON.
  const yamlText = npm ? "" : pnpmLock();
  const text = npm
    ? packageLock()
    : which === "pnpm-json-floor"
      ? JSON.stringify(parseYaml(yamlText))
      : yamlText;
  const path = npm ? "package-lock.json" : "pnpm-lock.yaml";
  const parser = parserFor(path)!;
  const runs = npm ? RUNS.npm : RUNS.pnpm;
  const run = (): number => {
    if (which === "npm-floor" || which === "pnpm-json-floor")
      return Object.keys((JSON.parse(text) as { packages: object }).packages).length;
    if (which === "pnpm-floor")
      return Object.keys((parseYaml(text) as { packages: object }).packages).length;
    const result = parseLockfileText(parser, path, text);
    if (result.problems.length > 0) throw new Error(JSON.stringify(result.problems));
    return result.packages.length;
  };
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  const times: number[] = [];
  let count = 0;
  for (let attempt = 0; attempt < runs; attempt++) {
    const start = performance.now();
    count = run();
    times.push(performance.now() - start);
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      which,
      ms: median(times),
      count,
      bytes: Buffer.byteLength(text),
      peakRss,
      rssBefore,
    }),
  );
}

function inChild(which: Case): {
  ms: number;
  count: number;
  bytes: number;
  peakRss: number;
  rssBefore: number;
} {
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", new URL(import.meta.url).pathname, which],
    { encoding: "utf8" },
  );
  if (child.status !== 0) throw new Error(`${which} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!);
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

type Figures = ReturnType<typeof inChild>;

function report(label: string, parsed: Figures, floors: [string, Figures][]): void {
  console.log(
    `${label}: ${parsed.count} packages from ${megabytes(parsed.bytes)} MB; ` +
      `parse ${parsed.ms.toFixed(1)} ms, peak RSS ${megabytes(parsed.peakRss)} MB`,
  );
  for (const [name, floor] of floors)
    console.log(
      `  floor ${name}: ${floor.ms.toFixed(1)} ms (parse is ${(parsed.ms / floor.ms).toFixed(2)}x), ` +
        `peak RSS ${megabytes(floor.peakRss)} MB`,
    );
}

const which = process.argv[2] as Case | undefined;
if (which) measure(which);
else {
  console.log(
    `median of ${RUNS.npm} (npm) / ${RUNS.pnpm} (pnpm) runs, each case in its own process`,
  );
  report("package-lock.json v3", inChild("npm"), [["JSON.parse", inChild("npm-floor")]]);
  report("pnpm-lock.yaml v9", inChild("pnpm"), [
    ["yaml parse", inChild("pnpm-floor")],
    ["JSON.parse of the same data", inChild("pnpm-json-floor")],
  ]);
}
