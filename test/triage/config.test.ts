import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../core/config/parse.ts";

function problems(yaml: string) {
  const result = parseConfigText(yaml, ".github/upkeep.yml");
  if (result.ok) throw new Error("expected the config to be invalid");
  return result.problems;
}

describe("triage config validation", () => {
  it("an invalid regex names the rule's key and line", () => {
    const [problem] = problems(
      "triage:\n  rules:\n    - severity: major\n      pattern: '(unclosed'\n",
    );
    expect(problem).toMatchObject({ path: "triage.rules.0.pattern", line: 4 });
    expect(problem?.message).toMatch(/invalid regular expression/);
  });

  it("an unknown severity name lists the valid ones", () => {
    const [problem] = problems(
      "triage:\n  rules:\n    - severity: urgent\n      keywords: [fire]\n",
    );
    expect(problem).toMatchObject({ path: "triage.rules.0.severity", line: 3 });
    expect(problem?.message).toMatch(/critical.*major.*minor/);
  });

  it("a rule without conditions is rejected", () => {
    const [problem] = problems("triage:\n  rules:\n    - severity: major\n");
    expect(problem?.message).toMatch(/at least one condition/);
  });

  it("two severities cannot share a label", () => {
    const [problem] = problems("triage:\n  labels:\n    major: { name: 'severity: critical' }\n");
    expect(problem?.path).toBe("triage.labels.major.name");
  });

  it("unknown keys are named", () => {
    const [problem] = problems("triage:\n  explainComment: true\n");
    expect(problem).toMatchObject({ path: "triage.explainComment", line: 2 });
  });
});
