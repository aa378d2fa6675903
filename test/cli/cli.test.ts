// The CLI as a process: help, version, config validation, from the source and from the bundle.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commandTable } from "../../cli/commands/index.ts";
import { REPO_ROOT, runUpkeep } from "../support/run-cli.ts";

const version = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).version;

describe("upkeep CLI", () => {
  it("routes each command by the name the command itself declares", async () => {
    for (const entry of commandTable) expect((await entry.load()).name).toBe(entry.name);
  });

  it.each(["source", "dist"] as const)("prints help and version (%s)", async (entry) => {
    const help = await runUpkeep(["--help"], { entry });
    expect(help.exitCode).toBe(0);
    for (const command of ["config validate", "triage", "sla", "deps scan", "report"]) {
      expect(help.stdout).toContain(`  ${command} `);
    }
    const printed = await runUpkeep(["--version"], { entry });
    expect(printed.stdout.trim()).toBe(version);
  });

  it.each(["templates/upkeep.yml", ".github/upkeep.yml"])(
    "validates the shipped config %s",
    async (file) => {
      const run = await runUpkeep(["config", "validate", file]);
      expect(run).toMatchObject({ exitCode: 0, stdout: `${file}: valid\n` });
    },
  );

  it("locates every problem of a bad config by file, line and key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "upkeep-config-"));
    writeFileSync(
      join(dir, "upkeep.yml"),
      [
        "timezone: Mars/Olympus",
        "sla:",
        "  goals:",
        "    critical:",
        "      resolution: 4 hours",
        "colour: red",
        "",
      ].join("\n"),
    );
    const run = await runUpkeep(["config", "validate", "upkeep.yml"], { cwd: dir });
    expect(run.exitCode).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toContain('upkeep.yml:6:1 at colour: unknown key "colour"');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^upkeep\.yml:5:19 at sla\.goals\.critical\.resolution: expected a duration/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^upkeep\.yml:1:11 at timezone: unknown time zone "Mars\/Olympus"/),
    );
  });

  it("reports a YAML syntax error with its line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "upkeep-config-"));
    writeFileSync(join(dir, "upkeep.yml"), "triage:\n  rules: [\n");
    const run = await runUpkeep(["config", "validate", "upkeep.yml"], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^upkeep\.yml:3:1: YAML syntax error: /);
  });

  it("says which command is unknown", async () => {
    const run = await runUpkeep(["frobnicate"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
  });
});
