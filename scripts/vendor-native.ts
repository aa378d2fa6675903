// The SAST engine runs on ast-grep's native parsers, which a bundle cannot hold. An action runs
// from a plain checkout of this repository with no npm install, so the Linux x64 builds (GitHub's
// ubuntu runners) are copied beside the action's bundle, from the lockfile's installed versions.

import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface VendorSpec {
  /** The action whose dist/node_modules receives the packages. */
  action: string;
  packages: string[];
}

export const VENDORED: VendorSpec[] = [
  {
    action: "sast-scan",
    packages: [
      "@ast-grep/napi",
      "@ast-grep/napi-linux-x64-gnu",
      "@ast-grep/setup-lang",
      "@ast-grep/lang-python",
      "@ast-grep/lang-go",
      "@ast-grep/lang-java",
    ],
  },
];

/** Grammar sources, install scripts and other platforms' parsers are not needed at run time. */
function wanted(path: string): boolean {
  const parts = path.split("/");
  if (parts.includes("src") || parts.includes("postinstall.js")) return false;
  const prebuild = parts.find((part) => part.startsWith("prebuild-"));
  return prebuild === undefined || prebuild === "prebuild-Linux-X64";
}

export function vendorTarget(outRoot: string, spec: VendorSpec): string {
  return join(outRoot, "actions", spec.action, "dist", "node_modules");
}

export function vendorNative(root: string, outRoot: string, spec: VendorSpec): void {
  const target = vendorTarget(outRoot, spec);
  rmSync(target, { recursive: true, force: true });
  for (const name of spec.packages) {
    const source = join(root, "node_modules", name);
    if (!existsSync(source)) throw new Error(`${name} is not installed; run npm ci`);
    cpSync(source, join(target, name), {
      recursive: true,
      filter: (path) => wanted(relative(source, path).replaceAll("\\", "/")),
    });
  }
}

/** One hash over every vendored file's path and bytes, to tell a stale copy from a fresh one. */
export function treeHash(dir: string): string {
  const hash = createHash("sha256");
  const walk = (current: string) => {
    if (!existsSync(current)) return;
    for (const entry of readdirSync(current).sort()) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(dir, path)).update("\0").update(readFileSync(path)).update("\0");
    }
  };
  walk(dir);
  return hash.digest("hex");
}
