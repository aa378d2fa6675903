// The version ordering of each ecosystem. Adding an ecosystem means adding its scheme here.
import type { Ecosystem } from "../package.ts";
import { mavenScheme } from "./maven.ts";
import { nugetScheme } from "./nuget.ts";
import { packagistScheme } from "./packagist.ts";
import { pep440Scheme } from "./pep440.ts";
import { pubScheme } from "./pub.ts";
import { rubyGemsScheme } from "./rubygems.ts";
import type { VersionScheme } from "./scheme.ts";
import { semverScheme } from "./semver.ts";

export type { VersionScheme } from "./scheme.ts";

const SCHEMES: Record<Ecosystem, VersionScheme> = {
  npm: semverScheme,
  "crates.io": semverScheme,
  Go: semverScheme,
  Hex: semverScheme,
  Pub: pubScheme,
  PyPI: pep440Scheme,
  Maven: mavenScheme,
  RubyGems: rubyGemsScheme,
  Packagist: packagistScheme,
  NuGet: nugetScheme,
};

export function versionScheme(ecosystem: Ecosystem): VersionScheme {
  return SCHEMES[ecosystem];
}
