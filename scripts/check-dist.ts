// Fails when a committed bundle differs from what the sources build, so dist/ never goes stale.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBundle, listBundles, ROOT } from "./bundles.ts";
import { treeHash, VENDORED, vendorNative, vendorTarget } from "./vendor-native.ts";

const scratch = mkdtempSync(join(tmpdir(), "upkeep-dist-"));
const stale: string[] = [];
try {
  for (const bundle of listBundles()) {
    await buildBundle(bundle, scratch);
    const fresh = readFileSync(join(scratch, bundle.output), "utf8");
    let committed = "";
    try {
      committed = readFileSync(join(ROOT, bundle.output), "utf8");
    } catch {
      committed = "";
    }
    if (fresh !== committed) stale.push(bundle.output);
  }
  for (const spec of VENDORED) {
    vendorNative(ROOT, scratch, spec);
    if (treeHash(vendorTarget(scratch, spec)) !== treeHash(vendorTarget(ROOT, spec))) {
      stale.push(`actions/${spec.action}/dist/node_modules`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (stale.length > 0) {
  console.error(`dist is stale; run \`npm run build\` and commit:\n  ${stale.join("\n  ")}`);
  process.exit(1);
}
console.log("dist is up to date");
