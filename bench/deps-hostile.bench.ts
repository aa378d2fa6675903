// `npm run bench -- deps-hostile`: the worst time of every lockfile parser over the hostile inputs
// of test/deps/support/hostile-lockfiles.ts at two sizes (time should grow linearly), and the peak
// memory of reading an OSV zip of many 1 MiB entries (a batch at a time, total capped).
import { spawnSync } from "node:child_process";
import { strToU8, type Zippable, zipSync } from "fflate";
import { forEachZipRecord } from "../core/deps/advisories/offline/zip.ts";
import { parsersUnderTest, worstCases } from "../test/deps/support/hostile-lockfiles.ts";

const SIZES = [500_000, 2_000_000];

function worstPerParser(): void {
  for (const target of parsersUnderTest()) {
    const figures = SIZES.map((size) => {
      let worst = { name: "", ms: 0 };
      for (const [name, text] of Object.entries(worstCases(target, size))) {
        const started = performance.now();
        target.parser.parse(target.path, text);
        const ms = performance.now() - started;
        if (ms > worst.ms) worst = { name, ms };
      }
      return `${(size / 1e6).toFixed(1)} MB: ${worst.ms.toFixed(0)} ms (${worst.name})`;
    });
    console.log(`hostile lockfiles ${target.parser.format}: worst ${figures.join("; ")}`);
  }
}

/** Runs in a child so its peak RSS is the zip reading alone. */
function osvZipChild(): void {
  const entry = strToU8(`{"id":"X","details":"${"a".repeat((1 << 20) - 40)}"}`);
  const zippable: Zippable = {};
  for (let index = 0; index < 2_000; index++) zippable[`R-${index}.json`] = entry;
  const zip = zipSync(zippable);
  const before = process.memoryUsage().rss;
  const started = performance.now();
  let records = 0;
  const problems = forEachZipRecord(zip, () => records++);
  const ms = performance.now() - started;
  const peak = process.resourceUsage().maxRSS * 1024;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(
    `hostile OSV zip: 2000 entries of 1 MiB (${mb(zip.length)} MB zipped): ${records} read, ` +
      `${problems.length} problem(s) (${problems[0] ?? "none"}); ${ms.toFixed(0)} ms, ` +
      `RSS ${mb(before)} MB before, peak ${mb(peak)} MB`,
  );
}

if (process.argv[2] === "osv-zip") osvZipChild();
else {
  worstPerParser();
  const child = spawnSync(process.execPath, [new URL(import.meta.url).pathname, "osv-zip"], {
    encoding: "utf8",
  });
  process.stdout.write(child.stdout);
  if (child.status !== 0) process.stderr.write(child.stderr);
}
