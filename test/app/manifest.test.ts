// The App's manifest asks for exactly the events its handlers listen to.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { handlers } from "../../app/handlers/index.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

// GitHub sends these to every App without subscribing.
const ALWAYS_DELIVERED = new Set(["installation", "installation_repositories"]);

describe("app.yml", () => {
  const manifest = parse(readFileSync(`${REPO_ROOT}/app/app.yml`, "utf8"));

  it("subscribes to every event a handler listens to, and no other", () => {
    const handled = new Set(
      handlers.flatMap((handler) => handler.events.map((event) => String(event).split(".")[0]!)),
    );
    const needed = [...handled].filter((event) => !ALWAYS_DELIVERED.has(event)).sort();
    expect([...manifest.default_events].sort()).toEqual(needed);
  });

  it("asks for read access everywhere but issues", () => {
    const writes = Object.entries(manifest.default_permissions).filter(
      ([, level]) => level !== "read",
    );
    expect(writes).toEqual([["issues", "write"]]);
  });
});
