// Writes upkeep.schema.json from the zod schema so editors validate .github/upkeep.yml;
// with --check, fails when the committed file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { upkeepConfigSchema } from "../core/config/schema.ts";
import { ROOT } from "./bundles.ts";

const target = join(ROOT, "upkeep.schema.json");
const schema = {
  ...z.toJSONSchema(upkeepConfigSchema, { io: "input", unrepresentable: "any" }),
  $id: "https://github.com/upkeep/upkeep/upkeep.schema.json",
  title: "Upkeep configuration (.github/upkeep.yml)",
};
const text = `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(target, "utf8");
  } catch {}
  if (committed !== text) {
    console.error("upkeep.schema.json is stale; run `npm run build` and commit it");
    process.exit(1);
  }
  console.log("upkeep.schema.json is up to date");
} else {
  writeFileSync(target, text);
  console.log("wrote upkeep.schema.json");
}
