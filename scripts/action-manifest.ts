// Checks an action.yml the runner will read: valid YAML, the metadata GitHub requires, node24, and an
// entry file that exists (the committed bundle).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseDocument } from "yaml";

export function checkActionManifest(path: string, text: string, root: string): string[] {
  const doc = parseDocument(text);
  if (doc.errors.length > 0)
    return doc.errors.map((error) => `YAML: ${error.message.split("\n")[0]}`);
  // biome-ignore lint/suspicious/noExplicitAny: untyped YAML, every field is checked before use
  const manifest = doc.toJS() as Record<string, any> | null;
  if (!manifest || typeof manifest !== "object") return ["expected a mapping"];
  const problems: string[] = [];
  for (const key of ["name", "description", "runs"]) {
    if (!manifest[key]) problems.push(`missing \`${key}\``);
  }
  const runs = manifest.runs ?? {};
  if (runs.using === "composite") return problems;
  if (runs.using !== "node24")
    problems.push(`runs.using is ${JSON.stringify(runs.using)}; expected "node24"`);
  if (typeof runs.main !== "string") problems.push("missing runs.main");
  else if (!existsSync(join(root, dirname(path), runs.main)))
    problems.push(`runs.main ${runs.main} does not exist; run \`npm run build\``);
  for (const [name, input] of Object.entries<Record<string, unknown>>(manifest.inputs ?? {})) {
    if (!input?.description) problems.push(`input \`${name}\` has no description`);
  }
  for (const [name, output] of Object.entries<Record<string, unknown>>(manifest.outputs ?? {})) {
    if (!output?.description) problems.push(`output \`${name}\` has no description`);
  }
  return problems;
}
