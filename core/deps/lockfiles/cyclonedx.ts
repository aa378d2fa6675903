// CycloneDX JSON SBOMs (bom.json, *.cdx.json): components, nested ones included, read by purl.
// Direct components are the ones the described application depends on in the dependency graph.
import type { LockfileParser } from "../package.ts";
import { isRecord, linesOfStringField, parseJsonText, recordAt, stringAt } from "./json-text.ts";
import { basename } from "./names.ts";
import { readPurl } from "./purl.ts";
import { ParseResultBuilder } from "./result.ts";

export const cyclonedxParser: LockfileParser = {
  format: "CycloneDX SBOM (JSON)",
  matches: (path) => /^(bom\.json|.+\.cdx\.json|.+\.bom\.json)$/i.test(basename(path)),
  parse(path, content) {
    const result = new ParseResultBuilder(path, "npm");
    const parsed = parseJsonText(path, content);
    if (!parsed.ok) return result.problem(parsed.problem.message, parsed.problem.line).build();
    const bom = parsed.value;
    if (!isRecord(bom) || bom.bomFormat !== "CycloneDX") {
      // "bom.json" is also a common name for other bills of materials: only *.cdx.json must be one.
      if (!/\.cdx\.json$/i.test(path)) return result.build();
      return result.problem('not a CycloneDX SBOM: "bomFormat" is not "CycloneDX"', 1).build();
    }
    const lines = linesOfStringField(content, "purl");
    const direct = directReferences(bom);
    for (const component of allComponents(bom.components)) {
      const purl = stringAt(component, "purl");
      const name = stringAt(component, "name") ?? "(unnamed)";
      if (!purl) {
        result.skip(name, "component has no purl", undefined);
        continue;
      }
      const reading = readPurl(purl);
      const line = lines.get(purl);
      if (!reading.ok) {
        result.skip(purl, reading.reason, line);
        continue;
      }
      const reference = stringAt(component, "bom-ref");
      const isDirect = reference !== undefined && direct.has(reference);
      // CycloneDX "excluded" components are not part of the shipped software (build or test tools).
      const scope = stringAt(component, "scope") === "excluded" ? "dev" : "prod";
      result.add({ ...reading.found, scope, direct: isDirect, line }, reading.found.ecosystem);
    }
    return result.build();
  },
};

function allComponents(components: unknown): Record<string, unknown>[] {
  if (!Array.isArray(components)) return [];
  return components
    .filter(isRecord)
    .flatMap((component) => [component, ...allComponents(component.components)]);
}

function directReferences(bom: Record<string, unknown>): Set<string> {
  const root = stringAt(recordAt(bom.metadata, "component"), "bom-ref");
  const dependencies = Array.isArray(bom.dependencies) ? bom.dependencies.filter(isRecord) : [];
  const entry = dependencies.find((dependency) => stringAt(dependency, "ref") === root);
  const dependsOn = entry && Array.isArray(entry.dependsOn) ? entry.dependsOn : [];
  return new Set(dependsOn.filter((reference) => typeof reference === "string"));
}
