// Where each variable (and `obj.field`) is assigned in a file, and which of those assignments a
// use can see: earlier in the same function or an enclosing one, shadowed by an inner declaration.
import type { SgNode } from "@ast-grep/napi";
import type { ParserName } from "./languages.ts";
import type { SyntaxFacts } from "./syntax.ts";

interface Binding {
  id: number;
  /** A declaration (`const x`, Python assignment) shadows bindings of outer scopes. */
  declares: boolean;
  node: SgNode;
  value: SgNode;
  start: number;
  /** The enclosing function's extent, found on first use (walking parents is the costly part). */
  scope?: { start: number; end: number };
}

const DECLARATIONS = new Set(["variable_declarator", "short_var_declaration", "var_spec"]);

export interface AssignedValue {
  id: number;
  node: SgNode;
  /** Where the assignment is, so the value's own variables are looked up before it. */
  at: number;
}

export class BindingIndex {
  private readonly root: SgNode;
  private readonly facts: SyntaxFacts;
  private readonly parser: ParserName;
  private bindings?: Map<string, Binding[]>;

  constructor(root: SgNode, facts: SyntaxFacts, parser: ParserName) {
    this.root = root;
    this.facts = facts;
    this.parser = parser;
  }

  /** Values assigned to this variable (or `obj.field`) before `at`, in a scope containing it. */
  assignedValues(node: SgNode, at: number, seen: Set<number>): AssignedValue[] {
    const key = node.text().replace(/\s+/g, "");
    const candidates = this.bindingsByName().get(key) ?? [];
    const values: AssignedValue[] = [];
    const visible = candidates.filter((binding) => {
      if (binding.start >= at) return false;
      const scope = this.scopeOf(binding);
      return at >= scope.start && at < scope.end;
    });
    const width = (binding: Binding) => this.scopeOf(binding).end - this.scopeOf(binding).start;
    const innermost = Math.min(...visible.filter((binding) => binding.declares).map(width));
    for (const binding of visible) {
      if (seen.has(binding.id) || width(binding) > innermost) continue;
      seen.add(binding.id);
      values.push({ id: binding.id, node: binding.value, at: binding.start });
    }
    return values;
  }

  private bindingsByName(): Map<string, Binding[]> {
    if (this.bindings) return this.bindings;
    const byName = new Map<string, Binding[]>();
    const kinds = Object.keys(this.facts.bindings);
    const nodes = this.root.findAll({ rule: { any: kinds.map((kind) => ({ kind })) } });
    for (const node of nodes) {
      const fields = this.facts.bindings[String(node.kind())];
      if (!fields) continue;
      const target = node.field(fields.target as never) as SgNode | null;
      const value = node.field(fields.value as never) as SgNode | null;
      if (!target || !value) continue;
      const binding: Binding = {
        id: node.id(),
        declares: DECLARATIONS.has(String(node.kind())) || this.parser === "python",
        node,
        value,
        start: node.range().start.index,
      };
      for (const name of this.boundNames(target)) {
        const list = byName.get(name);
        if (list) list.push(binding);
        else byName.set(name, [binding]);
      }
    }
    this.bindings = byName;
    return byName;
  }

  private boundNames(target: SgNode): string[] {
    if (this.facts.names.has(String(target.kind())) || target.namedChildren().length === 0)
      return [target.text()];
    const names = target
      .findAll({ rule: { any: [...this.facts.names].map((kind) => ({ kind })) } })
      .map((name) => name.text());
    // `obj.field = value` is remembered under its full text as well.
    return [...names, target.text().replace(/\s+/g, "")];
  }

  private scopeOf(binding: Binding): { start: number; end: number } {
    if (binding.scope) return binding.scope;
    binding.scope = { start: 0, end: Number.MAX_SAFE_INTEGER };
    for (let parent = binding.node.parent(); parent; parent = parent.parent()) {
      if (this.facts.functions.has(String(parent.kind()))) {
        const range = parent.range();
        binding.scope = { start: range.start.index, end: range.end.index };
        break;
      }
    }
    return binding.scope;
  }
}
