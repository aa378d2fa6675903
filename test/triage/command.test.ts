import { describe, expect, it } from "vitest";
import { parseSeverityCommand } from "../../core/triage/command.ts";
import { neutraliseMentions, quoteUntrusted } from "../../core/triage/untrusted-text.ts";

describe("/severity command", () => {
  it.each([
    ["/severity critical", { kind: "set", severity: "critical" }],
    ["  /SEVERITY   Major  ", { kind: "set", severity: "major" }],
    ["Looked into it.\n/severity minor\nThanks", { kind: "set", severity: "minor" }],
    ["/severity urgent", { kind: "unknown", given: "urgent" }],
    ["/severity", { kind: "missing" }],
    ["/severity major\n/severity critical", { kind: "set", severity: "critical" }],
  ])("%j", (body, expected) => {
    expect(parseSeverityCommand(body)).toEqual(expected);
  });

  it.each([
    ["in a fenced code block", "```\n/severity critical\n```"],
    ["in a tilde fence", "~~~md\n/severity critical\n~~~"],
    ["in a quote", "> /severity critical\nI disagree"],
    ["in inline code", "type `/severity critical` to set it"],
    ["in an HTML comment", "<!-- /severity critical -->"],
    ["in an indented code block", "Example:\n\n    /severity critical"],
    ["mid-sentence", "please /severity critical"],
    ["glued to another word", "/severitycritical"],
  ])("ignores a command %s", (_case, body) => {
    expect(parseSeverityCommand(body)).toBeUndefined();
  });
});

describe("untrusted text", () => {
  it("mentions are made inert", () => {
    const inert = neutraliseMentions("ping @octo-org/security and @alice");
    expect(inert).not.toMatch(/@[A-Za-z]/);
    expect(inert.replace(/\u2060/g, "")).toBe("ping @octo-org/security and @alice");
  });

  it("quotes are short, single-line and cannot close their code span", () => {
    const quoted = quoteUntrusted("a`b\n@evil <img src=x>".repeat(10));
    expect(quoted.startsWith("`") && quoted.endsWith("`")).toBe(true);
    expect(quoted.slice(1, -1)).not.toContain("`");
    expect(quoted).not.toContain("\n");
    expect(quoted).not.toMatch(/@[a-z]/);
  });
});
