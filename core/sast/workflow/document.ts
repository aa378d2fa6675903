// A GitHub Actions workflow parsed with positions: ast-grep's napi has no YAML parser, so
// workflow rules run on the `yaml` package's tree and report the lines its nodes came from.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from "yaml";

export interface WorkflowHit {
  line: number;
  column: number;
  snippet: string;
  /** Extra detail appended to the rule's message. */
  detail?: string;
}

export interface WorkflowStep {
  node: YAMLMap;
  jobId: string;
  uses?: string;
}

export class WorkflowFile {
  readonly lines: string[];
  readonly root: YAMLMap | undefined;
  readonly error?: { line: number; message: string };
  private readonly counter = new LineCounter();

  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
    const document = parseDocument(text, { lineCounter: this.counter, prettyErrors: false });
    const first = document.errors[0];
    if (first) {
      const line = this.counter.linePos(first.pos[0]).line;
      this.error = { line, message: `YAML syntax error: ${first.message.split("\n")[0]}` };
    }
    this.root = isMap(document.contents) ? document.contents : undefined;
  }

  /** A top-level or nested mapping value by key. */
  get(map: YAMLMap | undefined, key: string): Node | undefined {
    const pair = map?.items.find((item) => isScalar(item.key) && item.key.value === key);
    return (pair?.value as Node | null) ?? undefined;
  }

  keyNode(map: YAMLMap | undefined, key: string): Node | undefined {
    const pair = map?.items.find((item) => isScalar(item.key) && item.key.value === key);
    return (pair?.key as Node | null) ?? undefined;
  }

  jobs(): { id: string; node: YAMLMap }[] {
    const jobs = this.get(this.root, "jobs");
    if (!isMap(jobs)) return [];
    return jobs.items.flatMap((item) =>
      isScalar(item.key) && isMap(item.value)
        ? [{ id: String(item.key.value), node: item.value }]
        : [],
    );
  }

  steps(): WorkflowStep[] {
    return this.jobs().flatMap((job) => {
      const steps = this.get(job.node, "steps");
      if (!isSeq(steps)) return [];
      return steps.items.flatMap((step) => {
        if (!isMap(step)) return [];
        const uses = this.get(step, "uses");
        return [
          { node: step, jobId: job.id, uses: isScalar(uses) ? String(uses.value) : undefined },
        ];
      });
    });
  }

  /** The event names under `on:`, whatever form it takes. */
  events(): string[] {
    const on = this.get(this.root, "on") ?? this.get(this.root, "true");
    if (isScalar(on)) return [String(on.value)];
    if (isSeq(on)) return on.items.map((item) => String(isScalar(item) ? item.value : item));
    if (isMap(on)) return on.items.map((item) => String(isScalar(item.key) ? item.key.value : ""));
    return [];
  }

  /** 1-based line and column of a node's start. */
  position(node: Node | undefined): { line: number; column: number } {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.counter.linePos(offset);
    return { line, column: col };
  }

  hitAt(node: Node | undefined, detail?: string): WorkflowHit {
    const { line, column } = this.position(node);
    return { line, column, snippet: (this.lines[line - 1] ?? "").trim(), detail };
  }

  /** The first line at or after `node` whose text contains `needle`, for hits inside block scalars. */
  hitOfText(node: Node | undefined, needle: string, detail?: string): WorkflowHit {
    const start = this.position(node).line;
    for (let index = start - 1; index < this.lines.length; index++) {
      const column = (this.lines[index] ?? "").indexOf(needle);
      if (column >= 0)
        return {
          line: index + 1,
          column: column + 1,
          snippet: (this.lines[index] ?? "").trim(),
          detail,
        };
    }
    return this.hitAt(node, detail);
  }
}
