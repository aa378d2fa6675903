// Writes docs/actions.md, docs/cli.md and docs/configuration.md; with --check, fails when stale.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./bundles.ts";
import { writeOrCheck } from "./generated-file.ts";
import { renderActionsDoc, renderCliDoc, renderConfigDoc } from "./reference-docs.ts";

mkdirSync(join(ROOT, "docs"), { recursive: true });
writeOrCheck(join(ROOT, "docs/actions.md"), renderActionsDoc(ROOT), "docs/actions.md");
writeOrCheck(join(ROOT, "docs/cli.md"), await renderCliDoc(), "docs/cli.md");
writeOrCheck(join(ROOT, "docs/configuration.md"), renderConfigDoc(), "docs/configuration.md");
