// Dependency scan against the whole offline OSV database (Go + crates.io + PyPI, ../shared/osv):
// database load cold (unzip, parse, index, write cache) and warm (cached index), a full scan of
// generated lockfiles naming real vulnerable packages, and the floor (JSON.parse of the npm lock).
// Cold and warm each run in a fresh process, so neither borrows the other's JIT or memory.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { openOfflineDatabase } from "../core/deps/advisories/offline/database.ts";
import { depsConfigSchema } from "../core/deps/config.ts";
import { parserFor } from "../core/deps/lockfiles/index.ts";
import { scanRepository } from "../core/deps/scan-repository.ts";

const DB = new URL("../../shared/osv/", import.meta.url).pathname;
const NPM_PACKAGES = 5000;
const PER_ECOSYSTEM = 1500;

/** Real package names of one ecosystem's zip, each with the first version its advisory names. */
function vulnerable(ecosystem: string): [string, string][] {
  const entries = unzipSync(readFileSync(join(DB, ecosystem, "all.zip")));
  const found = new Map<string, string>();
  for (const bytes of Object.values(entries)) {
    const record = JSON.parse(new TextDecoder().decode(bytes));
    for (const affected of record.affected ?? []) {
      const events =
        affected.ranges?.find((range: { type: string }) => range.type !== "GIT")?.events ?? [];
      const introduced = events.find(
        (event: { introduced?: string }) => event.introduced && event.introduced !== "0",
      );
      const version = introduced?.introduced ?? affected.versions?.[0];
      if (version && !found.has(affected.package.name)) found.set(affected.package.name, version);
    }
    if (found.size >= PER_ECOSYSTEM) break;
  }
  return [...found];
}

function packageLock(): string {
  const packages: Record<string, unknown> = {
    "": { name: "bench", version: "1.0.0", dependencies: { "pkg-0": "^1.0.0" } },
  };
  for (let index = 0; index < NPM_PACKAGES; index++) {
    packages[`node_modules/pkg-${index}`] = {
      version: `1.${index % 20}.${index % 7}`,
      resolved: `https://registry.npmjs.org/pkg-${index}/-/pkg-${index}-1.0.0.tgz`,
      integrity: `sha512-${Buffer.from(`integrity-${index}`.repeat(6)).toString("base64").slice(0, 86)}==`,
      ...(index % 4 === 0 ? { dev: true } : {}),
    };
  }
  return JSON.stringify(
    { name: "bench", version: "1.0.0", lockfileVersion: 3, requires: true, packages },
    null,
    2,
  );
}

/** npm/: the 5,000-package lock alone; stress/: the same plus lockfiles full of vulnerable packages. */
function writeRepository(root: string): string[] {
  const lock = packageLock();
  mkdirSync(join(root, "npm"));
  writeFileSync(join(root, "npm", "package-lock.json"), lock);
  const dir = join(root, "stress");
  mkdirSync(dir);
  const files: string[] = ["package-lock.json"];
  writeFileSync(join(dir, "package-lock.json"), lock);
  writeFileSync(
    join(dir, "requirements.txt"),
    vulnerable("PyPI")
      .map(([name, version]) => `${name}==${version}`)
      .join("\n"),
  );
  files.push("requirements.txt");
  if (parserFor("Cargo.lock")) {
    const crates = vulnerable("crates.io").map(
      ([name, version]) =>
        `[[package]]\nname = "${name}"\nversion = "${version.replace(/^=/, "")}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n`,
    );
    writeFileSync(join(dir, "Cargo.lock"), `version = 3\n\n${crates.join("\n")}`);
    files.push("Cargo.lock");
  }
  if (parserFor("go.mod")) {
    const modules = vulnerable("Go").filter(
      ([name]) => name.includes(".") && !name.startsWith("stdlib"),
    );
    writeFileSync(
      join(dir, "go.mod"),
      `module example.com/bench\n\ngo 1.22\n\nrequire (\n${modules.map(([name, version]) => `\t${name} v${version.replace(/^v/, "")}`).join("\n")}\n)\n`,
    );
    files.push("go.mod");
  }
  return files;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

async function child(mode: string, repo: string, cache: string): Promise<void> {
  const config = depsConfigSchema.parse({});
  const time = async (task: () => unknown | Promise<unknown>, runs: number) => {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      await task();
      times.push(performance.now() - start);
    }
    return median(times);
  };
  const figures: Record<string, number> = {};
  if (mode === "cold") {
    figures.coldLoad = await time(() => openOfflineDatabase(DB, { cacheDir: cache }), 1);
  } else {
    figures.warmLoad = await time(() => openOfflineDatabase(DB, { cacheDir: cache }), 5);
    const lockText = readFileSync(join(repo, "npm", "package-lock.json"), "utf8");
    figures.floor = await time(() => JSON.parse(lockText), 5);
    const scan = async (root: string, prefix: string) => {
      figures[prefix] = await time(async () => {
        const result = await scanRepository({
          root,
          config,
          now: new Date(),
          database: DB,
          cacheDir: cache,
        });
        const broken = result.problems.find((problem) => problem.kind === "lockfile");
        if (broken) throw new Error(JSON.stringify(broken));
        figures[`${prefix}Findings`] = result.policy.findings.length;
        figures[`${prefix}Packages`] = result.counts.packages;
      }, 5);
    };
    await scan(join(repo, "npm"), "npmScan");
    await scan(join(repo, "stress"), "stressScan");
  }
  figures.peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify(figures));
}

function run(mode: string, repo: string, cache: string): Record<string, number> {
  const out = spawnSync(process.execPath, [new URL(import.meta.url).pathname, mode, repo, cache], {
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout.trim().split("\n").at(-1) as string);
}

const [mode, repoArg, cacheArg] = process.argv.slice(2);
if (mode && repoArg && cacheArg) {
  await child(mode, repoArg, cacheArg);
} else {
  const repo = mkdtempSync(join(tmpdir(), "upkeep-bench-repo-"));
  const cache = mkdtempSync(join(tmpdir(), "upkeep-bench-cache-"));
  const files = writeRepository(repo);
  const cold = run("cold", repo, cache);
  const warm = run("warm", repo, cache);
  const floorPlusLoad = (warm.floor ?? 0) + (warm.warmLoad ?? 0);
  const f = (ms = 0) => `${ms.toFixed(1)} ms`;
  console.log(
    `db load cold (unzip + parse + index + write cache): ${f(cold.coldLoad)}  peak RSS ${cold.peakRssMb?.toFixed(0)} MB`,
  );
  console.log(`db load warm (cached index; goal < 200 ms): ${f(warm.warmLoad)}`);
  console.log(
    `floor: JSON.parse of the ${NPM_PACKAGES}-package package-lock.json: ${f(warm.floor)}`,
  );
  console.log(
    `full scan of that package-lock.json vs the whole db (discover + parse + load + match + policy): ${f(warm.npmScan)}, ${warm.npmScanFindings} findings`,
  );
  console.log(
    `  = ${((warm.npmScan ?? 0) / floorPlusLoad).toFixed(2)}x (floor + warm load) (goal <= 3x)`,
  );
  console.log(
    `stress scan: ${files.join(", ")} (${warm.stressScanPackages} packages, most of them vulnerable): ${f(warm.stressScan)}, ${warm.stressScanFindings} findings  peak RSS ${warm.peakRssMb?.toFixed(0)} MB`,
  );
  rmSync(repo, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
}
