// A file generated from the sources and committed: write it, or with --check fail when it is stale.
import { readFileSync, writeFileSync } from "node:fs";

export function writeOrCheck(target: string, text: string, name: string): void {
  if (!process.argv.includes("--check")) {
    writeFileSync(target, text);
    console.log(`wrote ${name}`);
    return;
  }
  let committed = "";
  try {
    committed = readFileSync(target, "utf8");
  } catch {
    committed = "";
  }
  if (committed !== text) {
    console.error(`${name} is stale; run \`npm run build\` and commit it`);
    process.exit(1);
  }
  console.log(`${name} is up to date`);
}
