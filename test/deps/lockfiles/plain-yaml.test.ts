// The fast pnpm-lock reader must read every file exactly as the `yaml` package does, or decline.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { readPlainYaml } from "../../../core/deps/lockfiles/plain-yaml.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;

function viaYaml(text: string): unknown[] {
  return parseAllDocuments(text, { uniqueKeys: false }).map((document) => {
    if (!("toJS" in document)) throw new Error("yaml failed");
    return document.toJS();
  });
}

/** Plain objects again, so prototype-less mappings compare with yaml's output. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

const samples: Record<string, string> = {
  "scalars of every kind": [
    "lockfileVersion: 5.4",
    "quoted: '6.0'",
    'double: "a\\"b"',
    "it's: 'it''s'",
    "yes: true",
    "no: false",
    "nothing: null",
    "tilde: ~",
    "count: 42",
    "negative: -3",
    "version: 1.2.3",
    "url: https://registry.npmjs.org/a/-/a-1.0.0.tgz",
    "peer: 18.2.0(react@18.2.0)(@types/react@18.2.31)",
    "comment: value # trailing",
    "empty:",
    "",
  ].join("\n"),
  "nested maps, flow collections and block sequences": [
    "packages:",
    "",
    "  '@scope/pkg@1.0.0':",
    "    resolution: {integrity: sha512-abc+/==, tarball: https://x.example/a.tgz}",
    "    engines: {node: '>=14', npm: ^8 || ^9}",
    "    cpu: [x64, arm64]",
    "    os: []",
    "    meta: {}",
    "    peerDependenciesMeta:",
    "      react:",
    "        optional: true",
    "    transitivePeerDependencies:",
    "      - supports-color",
    "      - '@types/node'",
    "",
    "  /plain@2.0.0_react@18.0.0:",
    "    dev: false",
    "",
  ].join("\n"),
};

describe("readPlainYaml", () => {
  const files = ["pnpm-v5/pnpm-lock.yaml", "pnpm-v6/pnpm-lock.yaml", "pnpm-v9/pnpm-lock.yaml"];
  it.each(files)("reads %s exactly as the yaml package does", (file) => {
    const text = readFileSync(join(FIXTURES, file), "utf8");
    const fast = readPlainYaml(text);
    expect(fast).toBeDefined();
    expect(plain(fast!.documents)).toEqual(viaYaml(text));
  });

  it.each(Object.entries(samples))("reads %s exactly as the yaml package does", (_, text) => {
    const fast = readPlainYaml(text);
    expect(fast).toBeDefined();
    expect(plain(fast!.documents)).toEqual(viaYaml(text));
  });

  it("gives the line of every key under a top-level key", () => {
    const text = readFileSync(join(FIXTURES, "pnpm-v9/pnpm-lock.yaml"), "utf8");
    const lines = text.split("\n");
    const fast = readPlainYaml(text)!;
    const packages = fast.lines.get("packages")!;
    expect(packages.get("vitest@1.6.0")).toBe(lines.indexOf("  vitest@1.6.0:") + 1);
    expect(packages.get("@pnpm/exe@10.12.1")).toBe(lines.indexOf("  '@pnpm/exe@10.12.1':") + 1);
  });

  const declined: Record<string, string> = {
    "anchors and aliases": "a: &x 1\nb: *x\n",
    "block scalars": "deprecated: |\n  line one\n  line two\n",
    "folded plain scalars": "deprecated: this message\n  goes on\n",
    "sequences not indented under their key": "list:\n- a\n- b\n",
    "maps inside sequences": "list:\n  - name: a\n",
    "flow collections over several lines": "a: {b: 1,\n  c: 2}\n",
    "tabs for indentation": "a:\n\tb: 1\n",
    tags: "a: !!str 1\n",
    "odd indentation": "a:\n  b: 1\n   c: 2\n",
    "a truncated quoted string": "a: 'unterminated\n",
    "a truncated flow mapping": "a: {integrity: sha512-abc\n",
    "hex numbers": "a: 0x1F\n",
  };
  it.each(Object.entries(declined))("declines %s, leaving them to the yaml package", (_, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  it("keeps a key named __proto__ as data", () => {
    const fast = readPlainYaml("packages:\n  __proto__:\n    polluted: true\n")!;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys((fast.documents[0] as { packages: object }).packages)).toEqual([
      "__proto__",
    ]);
  });
});
