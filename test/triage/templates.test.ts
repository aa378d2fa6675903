// The issue forms we ship, rendered the way GitHub renders a submitted form, decide the severity.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultConfig } from "../../core/config/schema.ts";
import { decideSeverity } from "../../core/triage/decide.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

interface FormField {
  type: string;
  id?: string;
  attributes: { label?: string; options?: string[] };
}

function loadForm(name: string): { body: FormField[] } {
  return parse(readFileSync(join(REPO_ROOT, "templates/ISSUE_TEMPLATE", name), "utf8"));
}

/** GitHub writes each answered field as `### Label`, a blank line, then the answer. */
function render(form: { body: FormField[] }, answers: Record<string, string>): string {
  return form.body
    .filter((field) => field.type !== "markdown")
    .map(
      (field) => `### ${field.attributes.label}\n\n${answers[field.id ?? ""] ?? "_No response_"}`,
    )
    .join("\n\n");
}

describe.each(["bug_report.yml", "incident.yml"])("%s", (name) => {
  const form = loadForm(name);
  const severity = form.body.find((field) => field.id === "severity");

  it("has a Severity dropdown under the heading triage reads by default", () => {
    expect(severity?.type).toBe("dropdown");
    expect(severity?.attributes.label).toBe(defaultConfig().triage.formField);
  });

  it("each option decides its own severity, ahead of words in the other answers", () => {
    const options = severity?.attributes.options ?? [];
    const decided = options.map(
      (option) =>
        decideSeverity(
          {
            title: "Typo",
            body: render(form, { severity: option, impact: "the site is down" }),
            labels: [],
          },
          defaultConfig().triage,
        ).severity,
    );
    expect(decided).toEqual(["critical", "major", "minor"]);
  });
});
