// Real webhook payloads from @octokit/webhooks-examples, so normalisers are tested on what GitHub sends.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

interface ExampleSet {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

const cache = new Map<string, ExampleSet[]>();

function load(flavour: string): ExampleSet[] {
  let sets = cache.get(flavour);
  if (!sets) {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve("@octokit/webhooks-examples/package.json"));
    sets = JSON.parse(readFileSync(join(root, flavour, "index.json"), "utf8")) as ExampleSet[];
    cache.set(flavour, sets);
  }
  return sets;
}

/** All examples of an event (optionally one action), deep-copied so tests may edit them. */
export function webhookExamples(event: string, action?: string, flavour = "api.github.com") {
  const set = load(flavour).find((entry) => entry.name === event);
  if (!set) throw new Error(`no ${event} examples in ${flavour}`);
  return set.examples
    .filter((example) => !action || example.action === action)
    .map((example) => structuredClone(example));
}

export function webhookExample(event: string, action: string, flavour = "api.github.com") {
  const example = webhookExamples(event, action, flavour)[0];
  if (!example) throw new Error(`no ${event}.${action} example in ${flavour}`);
  return example;
}
