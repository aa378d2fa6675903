import { describe, expect, it } from "vitest";
import { neutraliseMentions, quoteUntrusted } from "../../core/triage/untrusted-text.ts";

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
