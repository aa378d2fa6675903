// The files Upkeep ships bundled: each action's entry and the CLI. dist/ is committed, so
// the runner and `npx upkeep` need no install step and no TypeScript.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

export const ROOT = new URL("..", import.meta.url).pathname;

export interface Bundle {
  entry: string;
  /** Output file, relative to the repository root. */
  output: string;
}

export function listBundles(): Bundle[] {
  const bundles: Bundle[] = [{ entry: "cli/bin.ts", output: "dist/upkeep.js" }];
  if (existsSync(join(ROOT, "actions/main.ts"))) {
    bundles.push({ entry: "actions/main.ts", output: "dist/action.js" });
  }
  for (const name of readdirSync(join(ROOT, "actions")).sort()) {
    if (existsSync(join(ROOT, "actions", name, "main.ts"))) {
      bundles.push({ entry: `actions/${name}/main.ts`, output: `actions/${name}/dist/index.js` });
    }
  }
  return bundles;
}

// CommonJS dependencies (probot, @actions/*) call require(); an ESM bundle needs one made for it.
const REQUIRE_BANNER = [
  "import { createRequire as __upkeepCreateRequire } from 'node:module';",
  "const require = __upkeepCreateRequire(import.meta.url);",
].join("\n");

export async function buildBundle(bundle: Bundle, outRoot: string): Promise<void> {
  const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
  await build({
    entryPoints: [join(ROOT, bundle.entry)],
    outfile: join(outRoot, bundle.output),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    banner: { js: REQUIRE_BANNER },
    define: { UPKEEP_VERSION: JSON.stringify(version) },
    // Native parsers ship per platform inside these packages; they are loaded from node_modules.
    external: ["@ast-grep/napi", "@ast-grep/lang-*"],
    legalComments: "none",
    logLevel: "warning",
    minify: false,
    sourcemap: false,
  });
}
