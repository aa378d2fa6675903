// Maven pom.xml: declared dependencies with versions resolved from <properties>, the project's own
// coordinates and <dependencyManagement>. No network: versions a parent pom or BOM would supply
// are reported as not scannable. Test-scoped dependencies are dev.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { LockfileParser } from "../package.ts";
import { isRecord, recordAt, stringAt } from "./json-text.ts";
import { dependencyBlocks } from "./maven-lines.ts";
import { type Properties, pomProperties, resolveProperties } from "./maven-properties.ts";
import { basename } from "./names.ts";
import { ParseResultBuilder } from "./result.ts";

interface Declared {
  groupId: string;
  artifactId: string;
  version?: string;
  scope?: string;
  /** groupId:artifactId as written, to find the block's line. */
  written: string;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === "dependency",
});

export const mavenPomParser: LockfileParser = {
  format: "Maven pom.xml",
  matches: (path) => basename(path) === "pom.xml",
  parse(path, content) {
    const result = new ParseResultBuilder(path, "Maven");
    const deep = xmlDepthOver(content, MAX_XML_DEPTH);
    if (deep !== undefined)
      return result
        .problem(`XML nested more than ${MAX_XML_DEPTH} elements deep; not parsed`, deep)
        .build();
    const valid = XMLValidator.validate(content);
    if (valid !== true)
      return result.problem(`malformed XML: ${valid.err.msg}`, valid.err.line).build();
    const project = recordAt(parser.parse(content), "project");
    if (Object.keys(project).length === 0)
      return result.problem("no <project> element: not a Maven pom", 1).build();
    const properties = pomProperties(project);
    const blocks = dependencyBlocks(content);
    const lineOf = (found: Declared, managed: boolean) => {
      const candidates = blocks.get(found.written) ?? [];
      return (candidates.find((block) => block.managed === managed) ?? candidates[0])?.line;
    };
    const managed = declaredIn(recordAt(project, "dependencyManagement"), properties);
    const managedVersions = new Map(
      managed.map((found) => [`${found.groupId}:${found.artifactId}`, found]),
    );
    const used = new Set<string>();
    for (const found of declaredIn(project, properties)) {
      const name = `${found.groupId}:${found.artifactId}`;
      used.add(name);
      const version = found.version ?? managedVersions.get(name)?.version;
      const scope = found.scope ?? managedVersions.get(name)?.scope;
      addDependency(result, { name, version, scope, direct: true, line: lineOf(found, false) });
    }
    // Managed versions also pin transitive dependencies; BOM imports are not libraries themselves.
    for (const found of managed) {
      const name = `${found.groupId}:${found.artifactId}`;
      if (used.has(name) || found.scope === "import") continue;
      addDependency(result, {
        name,
        version: found.version,
        scope: found.scope,
        direct: false,
        line: lineOf(found, true),
      });
    }
    return result.build();
  },
};

function declaredIn(section: Record<string, unknown>, properties: Properties): Declared[] {
  const list = recordAt(section, "dependencies").dependency;
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((entry) => {
    const written = `${stringAt(entry, "groupId") ?? ""}:${stringAt(entry, "artifactId") ?? ""}`;
    const field = (key: string) => {
      const value = stringAt(entry, key);
      return value === undefined ? undefined : resolveProperties(value, properties);
    };
    return {
      groupId: field("groupId") ?? "",
      artifactId: field("artifactId") ?? "",
      version: field("version"),
      scope: field("scope"),
      written,
    };
  });
}

function addDependency(
  result: ParseResultBuilder,
  found: { name: string; version?: string; scope?: string; direct: boolean; line?: number },
): void {
  const { name, version, line } = found;
  const reason = unscannableVersion(version);
  if (reason || !version) {
    result.skip(name, reason ?? "no version", line);
    return;
  }
  result.add({
    name,
    version,
    scope: found.scope === "test" ? "dev" : "prod",
    direct: found.direct,
    line,
  });
}

function unscannableVersion(version: string | undefined): string | undefined {
  if (!version) return "no version here (it comes from a parent pom or an imported BOM)";
  const unresolved = /\$\{([^}]+)\}/.exec(version);
  if (unresolved) return `property \${${unresolved[1]}} is not defined in this pom`;
  if (/^[[(]/.test(version)) return `a version range (${version}), not one version`;
  return undefined;
}

/** A pom nests about six levels; the XML parser's time grows with depth, so a nesting bomb stops here. */
const MAX_XML_DEPTH = 256;

/** Line where element nesting first passes `max`, or undefined; one pass, from tag to tag. */
function xmlDepthOver(text: string, max: number): number | undefined {
  let depth = 0;
  let line = 1;
  let at = 0;
  for (;;) {
    const open = text.indexOf("<", at);
    if (open === -1) return undefined;
    for (let index = at; index < open; index++) if (text.charCodeAt(index) === 0x0a) line++;
    const close = text.indexOf(">", open);
    if (close === -1) return undefined;
    const next = text[open + 1];
    if (next === "/") depth--;
    else if (next !== "!" && next !== "?" && text[close - 1] !== "/" && ++depth > max) return line;
    at = open + 1;
  }
}
