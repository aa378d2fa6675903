// Writes action.yml from the actions' manifests; with --check, fails when the committed one is stale.
import { join } from "node:path";
import { ROOT } from "./bundles.ts";
import { writeOrCheck } from "./generated-file.ts";
import { renderRootAction } from "./root-action.ts";

writeOrCheck(join(ROOT, "action.yml"), renderRootAction(ROOT), "action.yml");
