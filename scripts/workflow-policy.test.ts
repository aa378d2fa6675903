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
});
