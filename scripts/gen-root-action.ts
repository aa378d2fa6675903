// Writes action.yml from the actions' manifests; with --check, fails when the committed one is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./bundles.ts";
import { renderRootAction } from "./root-action.ts";

const target = join(ROOT, "action.yml");
const text = renderRootAction(ROOT);
if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(target, "utf8");
  } catch {}
  if (committed !== text) {
    console.error("action.yml is stale; run `npm run build` and commit it");
    process.exit(1);
  }
  console.log("action.yml is up to date");
} else {
  writeFileSync(target, text);
  console.log("wrote action.yml");
}
