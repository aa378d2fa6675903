// Gemfile.lock (Bundler): gems under GEM and GIT `specs:` (4-space indent, "name (version)");
// DEPENDENCIES lists what the Gemfile asks for. PATH gems are local code and are skipped.
import type { LockfileParser } from "../package.ts";
import { basename } from "./names.ts";
import { ParseResultBuilder } from "./result.ts";

interface Spec {
  name: string;
  version: string;
  section: string;
  line: number;
}

export const gemfileLockParser: LockfileParser = {
  format: "Gemfile.lock",
  matches: (path) => ["Gemfile.lock", "gems.locked"].includes(basename(path)),
  parse(path, content) {
    const result = new ParseResultBuilder(path, "RubyGems");
    const specs: Spec[] = [];
    const declared = new Set<string>();
    let section = "";
    content.split(/\r?\n/).forEach((text, index) => {
      if (/^[A-Z]/.test(text)) section = text.trim();
      else if (section === "DEPENDENCIES") {
        const name = /^ {2}([^\s!(]+)/.exec(text)?.[1];
        if (name) declared.add(name);
      } else {
        const spec = /^ {4}([^\s(]+) \(([^)]+)\)$/.exec(text);
        if (spec) specs.push({ name: spec[1]!, version: spec[2]!, section, line: index + 1 });
      }
    });
    if (specs.length === 0 && !/^(GEM|GIT|PATH|DEPENDENCIES)$/m.test(content))
      return result
        .problem("no GEM, GIT, PATH or DEPENDENCIES section: not a Gemfile.lock", 1)
        .build();
    for (const spec of specs) {
      if (spec.section === "PATH") {
        result.skip(spec.name, "local gem (PATH source)", spec.line);
        continue;
      }
      const version = withoutPlatform(spec.version);
      result.add({
        name: spec.name,
        version,
        scope: "prod",
        direct: declared.has(spec.name),
        line: spec.line,
      });
    }
    return result.build();
  },
};

/** "1.15.5-x86_64-linux" → "1.15.5": platform builds share the gem's version. */
function withoutPlatform(version: string): string {
  return version.replace(/-(x86|x64|arm|aarch64|java|universal|mingw|mswin)[\w.-]*$/, "");
}
