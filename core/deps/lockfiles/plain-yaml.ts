// A fast reader for the narrow YAML that pnpm writes (block mappings indented by two, one-line
// flow collections, quoted or plain scalars, indented block sequences of scalars). The `yaml`
// package reads any YAML and reports errors, but takes seconds on a 5,000-package lockfile. This
// reader gives up (returns undefined) on anything outside that narrow form, and the caller then
// uses `yaml`, so a file is never read differently from how a YAML parser would read it.

import { GiveUp, type Mapping, mapping, readKey, readValue } from "./plain-yaml-scalars.ts";

export interface PlainYaml {
  documents: unknown[];
  /** Line of each key directly under a top-level key: `lines.get("packages")?.get(key)`. */
  lines: Map<string, Map<string, number>>;
}

interface Frame {
  indent: number;
  container: Mapping | unknown[];
  /** The top-level key this frame sits under, when it is exactly one level below the root. */
  topKey?: string;
}

interface Pending {
  key: string;
  parent: Mapping;
  indent: number;
  topKey?: string;
}

export function readPlainYaml(content: string): PlainYaml | undefined {
  try {
    return new Reader().read(content);
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

class Reader {
  readonly documents: unknown[] = [];
  readonly lines = new Map<string, Map<string, number>>();
  stack: Frame[] = [];
  pending: Pending | undefined;
  root: Mapping | undefined;

  read(content: string): PlainYaml {
    const texts = content.split("\n");
    for (let index = 0; index < texts.length; index++) {
      const raw = texts[index]!.endsWith("\r") ? texts[index]!.slice(0, -1) : texts[index]!;
      const body = raw.trimStart();
      if (body === "" || body.startsWith("#")) continue;
      if (raw === "---") {
        this.endDocument();
        continue;
      }
      if (/^(---|\.\.\.)/.test(raw) || /^\s*\t/.test(raw)) throw new GiveUp();
      this.line(raw.length - body.length, body.trimEnd(), index + 1);
    }
    this.endDocument();
    return { documents: this.documents, lines: this.lines };
  }

  endDocument(): void {
    if (this.pending) this.pending.parent[this.pending.key] = null;
    if (this.root) this.documents.push(this.root);
    this.root = undefined;
    this.pending = undefined;
    this.stack = [];
  }

  line(indent: number, body: string, lineNumber: number): void {
    if (!this.root) {
      if (indent !== 0) throw new GiveUp();
      this.root = mapping();
      this.stack = [{ indent: 0, container: this.root }];
    }
    if (this.pending) this.openPending(indent, body);
    while (this.stack.length > 1 && this.stack.at(-1)!.indent > indent) this.stack.pop();
    const frame = this.stack.at(-1)!;
    if (frame.indent !== indent) throw new GiveUp();
    if (Array.isArray(frame.container)) {
      if (!body.startsWith("- ")) throw new GiveUp();
      frame.container.push(readValue(body.slice(2).trim()));
      return;
    }
    const { key, rest } = readKey(body);
    if (frame.topKey !== undefined) {
      const keys = this.lines.get(frame.topKey) ?? new Map<string, number>();
      keys.set(key, lineNumber);
      this.lines.set(frame.topKey, keys);
    }
    if (rest === "") {
      const topKey = this.stack.length === 1 ? key : undefined;
      this.pending = { key, parent: frame.container, indent, topKey };
    } else frame.container[key] = readValue(rest);
  }

  /** A key with nothing after its colon holds what the more-indented lines below it hold. */
  openPending(indent: number, body: string): void {
    const pending = this.pending!;
    this.pending = undefined;
    if (indent <= pending.indent) {
      if (body.startsWith("- ")) throw new GiveUp();
      pending.parent[pending.key] = null;
      return;
    }
    const container = body.startsWith("- ") ? [] : mapping();
    pending.parent[pending.key] = container;
    this.stack.push({ indent, container, topKey: pending.topKey });
  }
}
