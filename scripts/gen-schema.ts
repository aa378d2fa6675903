// Writes upkeep.schema.json from the zod schema so editors validate .github/upkeep.yml;
// with --check, fails when the committed file is stale.
import { join } from "node:path";
import { z } from "zod";
import { upkeepConfigSchema } from "../core/config/schema.ts";
import { ROOT } from "./bundles.ts";
import { writeOrCheck } from "./generated-file.ts";

const schema = {
  ...z.toJSONSchema(upkeepConfigSchema, { io: "input", unrepresentable: "any" }),
  $id: "https://github.com/upkeep/upkeep/upkeep.schema.json",
  title: "Upkeep configuration (.github/upkeep.yml)",
};
writeOrCheck(
  join(ROOT, "upkeep.schema.json"),
  `${JSON.stringify(schema, null, 2)}\n`,
  "upkeep.schema.json",
);
