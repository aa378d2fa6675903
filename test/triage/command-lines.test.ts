import { describe, expect, it } from "vitest";
import { parseRcaCommand } from "../../core/tracking/rca/command.ts";
import { parseSeverityCommand } from "../../core/triage/command.ts";

// Each case is written once with a {cmd} placeholder and checked for both commands.
const severity = { command: "/severity critical", parse: parseSeverityCommand, kind: "set" };
const rca = { command: "/rca skip not customer facing", parse: parseRcaCommand, kind: "skip" };

const COUNTS: [string, string][] = [
  ["alone", "{cmd}"],
  ["on its own line between prose", "Looked into it.\n{cmd}\nThanks"],
  ["indented by up to three spaces", "   {cmd}"],
  ["with trailing spaces and CRLF", "Hi\r\n{cmd}   \r\nbye"],
  ["after a closed fence", "```\nexample\n```\n{cmd}"],
  ["after a closed <pre> block", "<pre>\nexample\n</pre>\n\n{cmd}"],
  ["after a quote and a blank line", "> someone said\n\n{cmd}"],
  ["after an HTML block and a blank line", "<details>\n<summary>x</summary>\n</details>\n\n{cmd}"],
  ["after a paragraph with closed inline code", "use `x`\n{cmd}"],
  ["after an escaped backtick", "a \\` b\n{cmd}"],
  ["after an unmatched backtick run", "a `` b\n{cmd}"],
  ["after a closed HTML comment", "<!-- guidance -->\n{cmd}"],
  ["after a closed inline <code>", "see <code>x</code>\n{cmd}"],
  ["after a line starting with inline HTML", "<b>Note</b> this is bad\n{cmd}"],
  ["after a paragraph line holding only a tag", "text\n<img src=x>\n{cmd}"],
];

const IGNORED: [string, string][] = [
  ["in a fenced code block", "```\n{cmd}\n```"],
  ["in a tilde fence with info", "~~~md\n{cmd}\n~~~"],
  ["in an unclosed fence", "````\n{cmd}"],
  ["in a fence closed by a shorter run", "````\n```\n{cmd}\n````"],
  ["in a quote", "> {cmd}\nI disagree"],
  ["in a quote's lazy continuation", "> someone said\n{cmd}"],
  ["in a nested quote", "> > {cmd}"],
  ["in inline code", "type `{cmd}` to set it"],
  ["in a code span across lines", "type `\n{cmd}\n` to set it"],
  ["in a double-backtick span across lines", "see ``a\n{cmd}\nb`` here"],
  ["in an HTML comment", "<!-- {cmd} -->"],
  ["in a multi-line HTML comment", "<!--\n{cmd}\n-->"],
  ["in an unclosed HTML comment", "text <!--\n\n{cmd}"],
  ["in an indented code block", "Example:\n\n    {cmd}"],
  ["in a tab-indented code block", "\t{cmd}"],
  ["in <pre>", "<pre>\n{cmd}\n</pre>"],
  ["in <PRE> with attributes", '<PRE class="x">\n\n{cmd}\n\n</PRE>'],
  ["in <pre> opened mid-paragraph", "see <pre>\n{cmd}\n</pre>"],
  ["in <pre> opened mid-paragraph across a blank line", "see <pre>\n\n{cmd}\n</pre>"],
  ["in <code>", "<code>\n{cmd}\n</code>"],
  ["in <code> mid-line", "x <code>\n{cmd}</code>"],
  ["in <textarea>", "<textarea>\n{cmd}\n</textarea>"],
  ["in <script>", "<script>\n{cmd}\n</script>"],
  ["in a <details> block", "<details>\n{cmd}\n</details>"],
  ["in a <div> block", "<div>\n{cmd}"],
  ["in a closing-tag block", "</div>\n{cmd}"],
  ["in a block started by a lone tag", "<img src=x>\n{cmd}"],
  ["in a <!DOCTYPE> block", "<!DOCTYPE html>\n{cmd}"],
  ["mid-sentence", "please {cmd}"],
  ["after a word on the same line", "ok: {cmd}"],
  ["in a quote hidden behind a zero-width space", "\u200b> {cmd}"],
];

describe.each([severity, rca])("$command", ({ command, parse, kind }) => {
  it.each(COUNTS)("counts %s", (_case, template) => {
    expect(parse(template.replace("{cmd}", command))?.kind).toBe(kind);
  });

  it.each(IGNORED)("is ignored %s", (_case, template) => {
    expect(parse(template.replace("{cmd}", command))).toBeUndefined();
  });

  it("is ignored when glued to another word", () => {
    expect(parse(command.replace(" ", ""))).toBeUndefined();
  });

  it("is not read past GitHub's 65,536-character comment limit", () => {
    expect(parse(`${"x".repeat(65_536)}\n${command}`)).toBeUndefined();
  });
});

describe("what the commands say", () => {
  it.each([
    ["/severity critical", { kind: "set", severity: "critical" }],
    ["  /SEVERITY   Major  ", { kind: "set", severity: "major" }],
    ["/severity minor because it is cosmetic", { kind: "set", severity: "minor" }],
    ["/severity urgent", { kind: "unknown", given: "urgent" }],
    ["/severity", { kind: "missing" }],
    ["/severity major\n/severity critical", { kind: "set", severity: "critical" }],
  ])("%j", (body, expected) => {
    expect(parseSeverityCommand(body)).toEqual(expected);
  });

  it.each([
    ["/rca skip duplicate of #12", { kind: "skip", reason: "duplicate of #12" }],
    ["/RCA SKIP", { kind: "skip-without-reason" }],
    ["/rca later", { kind: "unknown", verb: "later" }],
    ["/rca", { kind: "unknown", verb: "" }],
  ])("%j", (body, expected) => {
    expect(parseRcaCommand(body)).toEqual(expected);
  });
});
