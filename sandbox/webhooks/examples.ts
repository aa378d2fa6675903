// Real webhook payloads from @octokit/webhooks-examples, loaded once per process, as templates.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

interface ExampleGroup {
  name: string;
  examples: Record<string, unknown>[];
}

let groups: Map<string, Record<string, unknown>[]> | undefined;

function load(): Map<string, Record<string, unknown>[]> {
  if (groups) return groups;
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/webhooks-examples/api.github.com/index.json");
  const parsed = JSON.parse(readFileSync(file, "utf8")) as ExampleGroup[];
  groups = new Map(parsed.map((group) => [group.name, group.examples]));
  return groups;
}

/** A deep copy of the example for `event` and `action` (falling back to the event's first example). */
export function exampleFor(event: string, action?: string): Record<string, unknown> | undefined {
  const examples = load().get(event);
  if (!examples || examples.length === 0) return undefined;
  const match = examples.find((example) => example.action === action) ?? examples[0];
  return structuredClone(match);
}
