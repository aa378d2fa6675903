// SPDX 2.x JSON SBOMs (*.spdx.json): packages read by their purl external reference. Direct
// packages are the ones the described package DEPENDS_ON (or that are DEPENDENCY_OF it).
import type { LockfileParser } from "../package.ts";
import { isRecord, linesOfStringField, parseJsonText, stringAt } from "./json-text.ts";
import { basename } from "./names.ts";
import { readPurl } from "./purl.ts";
import { ParseResultBuilder } from "./result.ts";

export const spdxParser: LockfileParser = {
  format: "SPDX SBOM (JSON)",
  matches: (path) => /\.spdx\.json$/i.test(basename(path)),
  parse(path, content) {
    const result = new ParseResultBuilder(path, "npm");
    const parsed = parseJsonText(path, content);
    if (!parsed.ok) return result.problem(parsed.problem.message, parsed.problem.line).build();
    const document = parsed.value;
    if (!isRecord(document) || !/^SPDX-2\./.test(stringAt(document, "spdxVersion") ?? ""))
      return result
        .problem('not an SPDX 2.x document: "spdxVersion" is missing or unknown', 1)
        .build();
    const lines = linesOfStringField(content, "referenceLocator");
    const direct = directIds(document);
    const packages = Array.isArray(document.packages) ? document.packages.filter(isRecord) : [];
    for (const entry of packages) {
      const purl = purlOf(entry);
      if (!purl) continue;
      const reading = readPurl(purl);
      const line = lines.get(purl);
      if (!reading.ok) {
        result.skip(purl, reading.reason, line);
        continue;
      }
      const isDirect = direct.has(stringAt(entry, "SPDXID") ?? "");
      result.add(
        { ...reading.found, scope: "prod", direct: isDirect, line },
        reading.found.ecosystem,
      );
    }
    return result.build();
  },
};

function purlOf(entry: Record<string, unknown>): string | undefined {
  const references = Array.isArray(entry.externalRefs) ? entry.externalRefs.filter(isRecord) : [];
  const purl = references.find((reference) => stringAt(reference, "referenceType") === "purl");
  return purl ? stringAt(purl, "referenceLocator") : undefined;
}

function directIds(document: Record<string, unknown>): Set<string> {
  const relationships = Array.isArray(document.relationships)
    ? document.relationships.filter(isRecord)
    : [];
  const described = new Set(
    relationships
      .filter((relation) => relation.relationshipType === "DESCRIBES")
      .map((relation) => stringAt(relation, "relatedSpdxElement")),
  );
  const direct = new Set<string>();
  for (const relation of relationships) {
    const from = stringAt(relation, "spdxElementId") ?? "";
    const to = stringAt(relation, "relatedSpdxElement") ?? "";
    if (relation.relationshipType === "DEPENDS_ON" && described.has(from)) direct.add(to);
    if (relation.relationshipType === "DEPENDENCY_OF" && described.has(to)) direct.add(from);
  }
  return direct;
}
