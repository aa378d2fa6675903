import { describe, expect, it } from "vitest";
import { parseConfigText, validateConfigObject } from "./parse.ts";
import { defaultConfig } from "./schema.ts";

describe("config parsing", () => {
  it("gives every section its defaults when the file is empty", () => {
    const result = parseConfigText("");
    expect(result).toEqual({ ok: true, config: defaultConfig() });
    if (!result.ok) return;
    expect(result.config.triage.labels.critical.name).toBe("severity: critical");
    expect(result.config.sla.goals.critical).toMatchObject({ response: "1h", resolution: "4h" });
  });

  it("points an unknown nested key at its own line", () => {
    const result = parseConfigText("triage:\n  explain: true\n  explian: false\n", "cfg.yml");
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          file: "cfg.yml",
          path: "triage.explian",
          line: 3,
          column: 3,
          message: 'unknown key "explian"',
        },
      ],
    });
  });

  it("rejects a top level that is not a mapping", () => {
    const result = parseConfigText("- a\n- b\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toBe("expected a mapping of sections at the top level");
  });

  it("rejects duplicate keys as a syntax error with the line", () => {
    const result = parseConfigText("timezone: UTC\ntimezone: Europe/Berlin\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining("YAML syntax error"),
    });
  });

  it("validates objects from Probot's loader without line numbers", () => {
    const result = validateConfigObject(
      { triage: { default: "urgent" } },
      "acme/.github:.github/upkeep.yml",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({
      file: "acme/.github:.github/upkeep.yml",
      path: "triage.default",
    });
    expect(result.problems[0]?.line).toBeUndefined();
  });
});
