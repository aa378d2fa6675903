// Package URLs (https://github.com/package-url/purl-spec) as SBOMs write them, mapped to the OSV
// ecosystem and the package name spelled the way OSV records spell it.
import type { Ecosystem } from "../package.ts";
import { pep503 } from "./names.ts";

export interface PurlPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

export type PurlReading = { ok: true; found: PurlPackage } | { ok: false; reason: string };

const ECOSYSTEMS: Record<string, Ecosystem> = {
  npm: "npm",
  pypi: "PyPI",
  golang: "Go",
  cargo: "crates.io",
  gem: "RubyGems",
  composer: "Packagist",
  nuget: "NuGet",
  maven: "Maven",
  pub: "Pub",
  hex: "Hex",
};

export function readPurl(purl: string): PurlReading {
  const match = /^pkg:\/*([a-zA-Z][\w.+-]*)\/([^?#]+)/.exec(purl);
  if (!match) return { ok: false, reason: `not a package URL: ${purl}` };
  const type = match[1]!.toLowerCase();
  const ecosystem = ECOSYSTEMS[type];
  if (!ecosystem) return { ok: false, reason: `no advisory ecosystem for ${type} packages` };
  const path = match[2]!;
  const at = path.lastIndexOf("@");
  if (at === -1 || at < path.lastIndexOf("/"))
    return { ok: false, reason: "no version in the package URL" };
  const segments = path.slice(0, at).split("/").filter(Boolean).map(decode);
  const version = decode(path.slice(at + 1));
  const name = segments.pop() ?? "";
  return {
    ok: true,
    found: { ecosystem, name: osvName(type, segments, name), version: osvVersion(type, version) },
  };
}

function osvName(type: string, namespace: string[], name: string): string {
  if (type === "pypi") return pep503(name);
  if (type === "maven") return `${namespace.join(".")}:${name}`;
  if (namespace.length === 0) return name;
  return `${namespace.join("/")}/${name}`;
}

function osvVersion(type: string, version: string): string {
  return type === "golang" ? version.replace(/^v/, "") : version;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
