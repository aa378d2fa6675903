// Gradle dependency lockfiles (gradle.lockfile, buildscript-gradle.lockfile, and the older
// gradle/dependency-locks/*.lockfile): one "group:artifact:version=configurations" per line.
import type { LockfileParser } from "../package.ts";
import { basename } from "./names.ts";
import { ParseResultBuilder } from "./result.ts";

const ENTRY = /^([^:\s=]+):([^:\s=]+):([^:\s=]+)(?:=(.*))?$/;

export const gradleLockParser: LockfileParser = {
  format: "Gradle lockfile",
  matches: (path) =>
    ["gradle.lockfile", "buildscript-gradle.lockfile"].includes(basename(path)) ||
    /(^|\/)gradle\/dependency-locks\/[^/]+\.lockfile$/.test(path),
  parse(path, content) {
    const result = new ParseResultBuilder(path, "Maven");
    // Build-script classpaths run during the build and never ship with the application.
    const buildscript = basename(path).startsWith("buildscript");
    content.split(/\r?\n/).forEach((raw, index) => {
      const text = raw.trim();
      if (text === "" || text.startsWith("#") || text.startsWith("empty=")) return;
      const entry = ENTRY.exec(text);
      if (!entry) {
        result.problem(
          `expected "group:artifact:version=configurations", got "${text}"`,
          index + 1,
        );
        return;
      }
      const [, group, artifact, version, configurations = ""] = entry;
      const dev = buildscript || onlyTestConfigurations(configurations);
      result.add({
        name: `${group}:${artifact}`,
        version: version!,
        scope: dev ? "dev" : "prod",
        direct: false,
        line: index + 1,
      });
    });
    return result.build();
  },
};

function onlyTestConfigurations(configurations: string): boolean {
  const names = configurations.split(",").filter(Boolean);
  return names.length > 0 && names.every((name) => /test/i.test(name));
}
