import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answer, startFakeChatServer } from "../support/fake-chat-server.ts";
import { runUpkeep } from "../support/run-cli.ts";

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "upkeep-triage-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("upkeep triage", () => {
  it("--json prints only the decision and its reason", async () => {
    const cwd = workdir({ "body.md": "### Severity\n\nCritical\n\n### What happened?\n\ntypo" });
    const run = await runUpkeep(["triage", "--title", "Typo", "--body-file", "body.md", "--json"], {
      cwd,
    });
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toEqual({
      severity: "critical",
      reason: 'the issue form\'s "Severity" field says `Critical`',
    });
  });

  it("prints null severity when nothing decides", async () => {
    const cwd = workdir({ "body.md": "How do I configure this?" });
    const run = await runUpkeep(
      ["triage", "--title", "Question", "--body-file", "body.md", "--json"],
      { cwd },
    );
    expect(JSON.parse(run.stdout).severity).toBeNull();
  });

  it("uses the repository's config from the working directory, with --labels", async () => {
    const cwd = workdir({
      "body.md": "Checkout fails for some users",
      "upkeep.yml":
        "triage:\n  rules:\n    - name: payments team\n      severity: critical\n      labels: [payments]\n",
    });
    const args = [
      "triage",
      "--title",
      "Checkout",
      "--body-file",
      "body.md",
      "--config",
      "upkeep.yml",
    ];
    const withLabel = await runUpkeep([...args, "--labels", "bug, payments"], { cwd });
    expect(withLabel.stdout).toContain("severity: critical");
    expect(withLabel.stdout).toContain('rule rules[0] "payments team"');
    const without = await runUpkeep(args, { cwd });
    expect(without.stdout).toContain("severity: major");
  });

  it("reads the body from stdin with --body-file -", async () => {
    const run = await runUpkeep(["triage", "--title", "Help", "--body-file", "-"], {
      stdin: "Our API is down for everyone",
    });
    expect(run.stdout).toMatch(/^severity: critical$/m);
  });

  it("a bad config names the file, key and line and exits 2", async () => {
    const cwd = workdir({
      "body.md": "x",
      "bad.yml": "triage:\n  rules:\n    - severity: urgent\n      keywords: [x]\n",
    });
    const run = await runUpkeep(
      ["triage", "--title", "x", "--body-file", "body.md", "--config", "bad.yml"],
      { cwd },
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("bad.yml:3");
    expect(run.stderr).toContain("triage.rules.0.severity");
    expect(run.stdout).toBe("");
  });

  it("missing options are usage errors", async () => {
    const run = await runUpkeep(["triage", "--title", "x"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--body-file is required");
  });
});

describe("upkeep triage with triage.model (fake endpoint on loopback)", () => {
  it("prints the model's severity, and the rules' with the reason when the answer is invalid", async () => {
    const chat = await startFakeChatServer();
    try {
      const config = [
        "triage:",
        "  model:",
        "    enabled: true",
        "    endpoint: openai-compatible",
        `    baseUrl: ${chat.baseUrl}`,
        "    apiKeyEnv: LOCAL_MODEL_KEY",
        "",
      ].join("\n");
      const cwd = workdir({
        "body.md": "Every page answers 502 since the deploy at 09:12.",
        "upkeep.yml": config,
      });
      const args = [
        "triage",
        "--title",
        "Help",
        "--body-file",
        "body.md",
        "--config",
        "upkeep.yml",
        "--json",
      ];
      chat.script(
        { content: answer("critical", "Every page answers 502") },
        { content: "It is critical, trust me." },
      );
      const env = { LOCAL_MODEL_KEY: "sk-local" };
      const first = JSON.parse((await runUpkeep(args, { cwd, env })).stdout);
      expect(first).toMatchObject({ severity: "critical" });
      expect(first.reason).toContain("Every page answers 502");
      const second = JSON.parse((await runUpkeep(args, { cwd, env })).stdout);
      expect(second.reason).toContain("the model was not used: the answer was not strict JSON");
    } finally {
      await chat.close();
    }
  });
});
