// What ships for deployment, checked without a container engine: the Dockerfile builds on Node 24,
// runs as a non-root user with production dependencies only and `npm start`'s entry point, and
// copies every file the App imports; compose.yaml wires the App to Redis; docs/deploy.md names
// every variable the App reads.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../support/run-cli.ts";

const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");
const pkg = JSON.parse(read("package.json"));

/** Dockerfile instructions of the final stage, continuation lines joined. */
function finalStage(): string[] {
  const lines = read("Dockerfile")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const from = lines
    .map((line, index) => (line.startsWith("FROM ") ? index : -1))
    .filter((i) => i >= 0);
  return lines.slice(from.at(-1));
}

/** The files and packages `npm start` loads, from esbuild's view of the import graph. */
async function appInputs(): Promise<{ dirs: Set<string>; packages: Set<string> }> {
  const result = await build({
    entryPoints: [join(REPO_ROOT, "app/server.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const dirs = new Set<string>();
  const packages = new Set<string>();
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    dirs.add(path.split("/")[0] as string);
    for (const imported of input.imports) {
      if (!imported.external || imported.path.startsWith("node:")) continue;
      const parts = imported.path.split("/");
      packages.add(
        imported.path.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string),
      );
    }
  }
  return { dirs, packages };
}

describe("Dockerfile", () => {
  it("runs Node 24 as a non-root user with npm start's entry point and a health check", () => {
    const stage = finalStage();
    expect(stage[0]).toMatch(/^FROM node:24[-.\w]*$/);
    const user = stage.filter((line) => line.startsWith("USER ")).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    const entry = stage.find((line) => line.startsWith("ENTRYPOINT ") || line.startsWith("CMD "));
    expect(JSON.parse(entry?.replace(/^\w+ /, "") ?? "[]").join(" ")).toBe(pkg.scripts.start);
    expect(stage.some((line) => line.startsWith("HEALTHCHECK") && line.includes("/healthz"))).toBe(
      true,
    );
  });

  it("installs production dependencies only, from the lockfile", () => {
    const install = read("Dockerfile").match(/RUN npm ci[^\n]*/)?.[0] ?? "";
    expect(install).toContain("--omit=dev");
    expect(read("Dockerfile")).toContain("COPY package.json package-lock.json");
  });

  it("copies every source folder the App imports, and every package it imports is a production dependency", async () => {
    const { dirs, packages } = await appInputs();
    const copied = finalStage()
      .filter((line) => line.startsWith("COPY ") && !line.includes("--from"))
      .map((line) => line.split(/\s+/)[1]);
    for (const dir of dirs) expect(copied).toContain(dir);
    const ignored = read(".dockerignore");
    for (const dir of dirs) expect(ignored).toContain(`!${dir}/`);
    expect(packages.size).toBeGreaterThan(3);
    for (const name of packages) expect(Object.keys(pkg.dependencies)).toContain(name);
  });
});

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
}

describe("compose.yaml", () => {
  it("runs receivers and workers from this image against its Redis", () => {
    const compose = parse(read("compose.yaml"), { merge: true });
    const services = compose.services as Record<string, Service>;
    const redis = Object.entries(services).find(([, s]) => String(s.image).startsWith("redis:"));
    expect(redis).toBeDefined();
    const [redisName, redisService] = redis as [string, Service];
    expect(redisService.command?.join(" ")).toContain("noeviction");
    const roles = Object.values(services)
      .filter((s) => s.build === ".")
      .map((s) => {
        expect(s.environment?.UPKEEP_REDIS_URL).toBe(`redis://${redisName}:6379`);
        expect(s.depends_on?.[redisName]).toBeDefined();
        return s.environment?.UPKEEP_ROLE;
      });
    expect(roles.sort()).toEqual(["receive", "work"]);
  });
});

describe("docs/deploy.md", () => {
  it("documents every environment variable the App reads", () => {
    const source = read("app/server.ts");
    const names = new Set([
      ...[...source.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]),
      ...[...source.matchAll(/count\(env, "([A-Z0-9_]+)"/g)].map((m) => m[1]),
      "PRIVATE_KEY",
      "PRIVATE_KEY_PATH",
    ]);
    expect(names.size).toBeGreaterThan(15);
    const doc = read("docs/deploy.md");
    for (const name of names) expect(doc).toContain(`\`${name}\``);
    expect(doc).toMatch(/## When Redis is lost/);
    expect(doc).toMatch(/## Scaling/);
  });
});
