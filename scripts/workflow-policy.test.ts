import { describe, expect, it } from "vitest";
import { checkWorkflowPolicy } from "./workflow-policy.ts";

const header = "on: issues\n";

describe("workflow policy", () => {
  it("accepts a least-privilege workflow that passes event data through env", () => {
    const text = `${header}permissions:\n  contents: read\njobs:\n  t:\n    runs-on: ubuntu-latest\n    permissions:\n      issues: write\n    steps:\n      - run: echo "$TITLE"\n        env:\n          TITLE: \${{ github.event.issue.title }}\n`;
    expect(checkWorkflowPolicy("w.yml", text)).toEqual([]);
  });

  it("flags a workflow without top-level permissions", () => {
    const text = `${header}jobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n`;
    expect(checkWorkflowPolicy("w.yml", text).map((p) => p.message)).toEqual([
      expect.stringContaining("no top-level `permissions:`"),
    ]);
  });

  it("flags write-all and top-level write scopes with their lines", () => {
    const text = `${header}permissions:\n  issues: write\njobs:\n  t:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps:\n      - run: echo hi\n`;
    const problems = checkWorkflowPolicy("w.yml", text);
    expect(problems.map((p) => p.line)).toEqual([3, 7]);
  });

  it("flags an expression interpolated into a run script", () => {
    const text = `${header}permissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo "\${{ github.event.issue.title }}"\n`;
    const problems = checkWorkflowPolicy("w.yml", text);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain("github.event.issue.title");
  });

  it("flags a third-party action pinned by tag or branch, and a SHA without its version", () => {
    const steps = [
      "      - uses: actions/checkout@v4",
      "      - uses: github/codeql-action/upload-sarif@main",
      "      - uses: actions/cache@0057852bfaa89a56745cba8c7296529d2fc39830",
      "      - uses: docker://alpine:3",
    ];
    const text = `${header}permissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${steps.join("\n")}\n`;
    const problems = checkWorkflowPolicy("w.yml", text);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [7, expect.stringContaining("`actions/checkout@v4` is pinned by a movable ref")],
      [8, expect.stringContaining("pinned by a movable ref")],
      [9, expect.stringContaining("needs its version as a comment")],
      [10, expect.stringContaining("use the image digest")],
    ]);
  });

  it("accepts SHA pins with a version comment, local actions and Upkeep's own", () => {
    const steps = [
      "      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0",
      "      - uses: ./.github/actions/setup",
      "      - uses: upkeep-dev/upkeep/actions/triage@v1",
    ];
    const text = `${header}permissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${steps.join("\n")}\n  reuse:\n    uses: octo-org/workflows/.github/workflows/ci.yml@main\n`;
    expect(checkWorkflowPolicy("w.yml", text).map((p) => p.line)).toEqual([11]);
  });
});
