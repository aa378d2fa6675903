// Where each variable (and `obj.field`) is assigned in a file, and which of those assignments a
// use can see: earlier in the same function or an enclosing one, shadowed by an inner declaration.
import type { SgNode } from "@ast-grep/napi";
import { foldCondition } from "./constant-condition.ts";
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
  /** A plain `x = v` replaces what x held; `x += v`, loops and `x.add(v)` add to it. */
  kills: boolean;
  /** The block this binding is an unconditional statement of (null: it is nested deeper). */
  block?: { start: number; end: number } | null;
  /** In a branch whose condition folds to the other answer (`if (294 - 86 > 200) ... else x = v`). */
  dead?: boolean;
}

/** Bindings that replace the variable's value (augmented assignments and loops do not). */
const KILLING = new Set([
  "variable_declarator",
  "assignment_expression",
  "assignment",
  "short_var_declaration",
  "assignment_statement",
  "var_spec",
]);
/** Statement lists: a binding directly in one runs whenever a later statement of it runs. */
const BLOCKS = new Set([
  "statement_block",
  "block",
  "program",
  "module",
  "source_file",
  "statement_list",
  "switch_block_statement_group",
]);
/** What may stand between a binding and its block: the statement that holds it. */
const STATEMENTS = new Set([
  "expression_statement",
  "lexical_declaration",
  "variable_declaration",
  "local_variable_declaration",
  "var_declaration",
]);

const DECLARATIONS = new Set(["variable_declarator", "short_var_declaration", "var_spec"]);

/**
 * Methods that put their arguments into the receiver: `list.add(x)`, `map.put(k, x)`,
 * `sb.append(x)`, `args.push(x)`. The receiver then holds x, as if assigned (the whole
 * collection counts as tainted: which element is read later is not tracked).
 */
const MUTATORS = new Set([
  "add",
  "addAll",
  "addElement",
  "append",
  "extend",
  "insert",
  "offer",
  "push",
  "put",
  "putAll",
  "setdefault",
  "unshift",
]);

const MUTATOR_CALL = `^[A-Za-z_$][\\w$]*\\s*\\.\\s*(${[...MUTATORS].join("|")})\\s*\\(`;

/** The receiver of a mutator call, or undefined for other calls. */
function receiverOf(call: SgNode, calleeField: string): SgNode | undefined {
  // Java: (method_invocation object: x name: add); JS/Python: callee is x.add / x.add.
  const javaName = call.field("name" as never) as SgNode | null;
  if (javaName)
    return MUTATORS.has(javaName.text())
      ? ((call.field("object" as never) as SgNode | null) ?? undefined)
      : undefined;
  const callee = call.field(calleeField as never) as SgNode | null;
  const method = (callee?.field("property" as never) ??
    callee?.field("attribute" as never)) as unknown as SgNode | null;
  if (!method || !MUTATORS.has(method.text())) return undefined;
  return (callee?.field("object" as never) as unknown as SgNode | null) ?? undefined;
}

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
    const killedBefore = this.lastKill(visible, at);
    for (const binding of visible) {
      if (seen.has(binding.id) || width(binding) > innermost) continue;
      if (binding.start < killedBefore || this.isDead(binding)) continue;
      seen.add(binding.id);
      values.push({ id: binding.id, node: binding.value, at: binding.start });
    }
    return values;
  }

  /**
   * Where the value read at `at` was last replaced for certain: the latest plain assignment
   * that ends before `at` and sits directly in a block containing `at` (not in an `if` or a
   * loop). Earlier assignments cannot reach the read: `bar = param; bar = "safe"; use(bar)`.
   */
  private lastKill(visible: Binding[], at: number): number {
    let latest = -1;
    for (const binding of visible) {
      if (!binding.kills || binding.start <= latest) continue;
      if (binding.node.range().end.index >= at) continue;
      const block = this.blockOf(binding);
      if (block && at >= block.start && at < block.end) latest = binding.start;
    }
    return latest;
  }

  private folding = false;

  private isDead(binding: Binding): boolean {
    if (binding.dead !== undefined) return binding.dead;
    if (this.folding) return false;
    this.folding = true;
    try {
      binding.dead = this.inDeadBranch(binding.node);
    } finally {
      this.folding = false;
    }
    return binding.dead;
  }

  private inDeadBranch(node: SgNode): boolean {
    let child = node;
    for (let parent = node.parent(); parent; child = parent, parent = parent.parent()) {
      const kind = String(parent.kind());
      if (this.facts.functions.has(kind)) return false;
      if (kind !== "if_statement") continue;
      const condition = parent.field("condition" as never) as SgNode | null;
      const taken = condition ? foldCondition(condition, (name) => this.numberOf(name)) : undefined;
      if (taken === undefined) continue;
      const consequence = parent.field("consequence" as never) as SgNode | null;
      if (consequence?.id() === child.id()) {
        if (!taken) return true;
      } else if (child.id() !== condition?.id() && taken) return true;
    }
    return false;
  }

  /** The number a variable holds when its one visible assignment is a number literal. */
  numberOf(name: SgNode): number | undefined {
    const values = this.assignedValues(name, name.range().start.index, new Set());
    if (values.length !== 1) return undefined;
    const value = values[0]!.node;
    if (!/^(number|integer|float|decimal_integer_literal|int_literal)$/.test(String(value.kind())))
      return undefined;
    const number = Number(value.text().replace(/[lL_]/g, ""));
    return Number.isFinite(number) ? number : undefined;
  }

  private blockOf(binding: Binding): { start: number; end: number } | null {
    if (binding.block !== undefined) return binding.block;
    binding.block = null;
    let node: SgNode | null = binding.node.parent();
    for (let steps = 0; node && steps < 3; steps++, node = node.parent()) {
      const kind = String(node.kind());
      if (BLOCKS.has(kind)) {
        const range = node.range();
        binding.block = { start: range.start.index, end: range.end.index };
        break;
      }
      if (!STATEMENTS.has(kind)) break;
    }
    return binding.block;
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
        kills: KILLING.has(String(node.kind())),
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
    for (const mutation of this.mutations()) {
      const list = byName.get(mutation.name);
      if (list) list.push(mutation.binding);
      else byName.set(mutation.name, [mutation.binding]);
    }
    this.bindings = byName;
    return byName;
  }

  /** `x.add(value)` and friends, as bindings of x (see MUTATORS). */
  private mutations(): { name: string; binding: Binding }[] {
    const { kind, callee } = this.facts.call;
    const calls = this.root.findAll({ rule: { kind, regex: MUTATOR_CALL } } as never);
    return calls.flatMap((call) => {
      const target = receiverOf(call, callee);
      const value = call.field("arguments" as never) as SgNode | null;
      if (!target || !value || !this.facts.names.has(String(target.kind()))) return [];
      const binding: Binding = {
        id: call.id(),
        declares: false,
        kills: false,
        node: call,
        value,
        start: call.range().start.index,
      };
      return [{ name: target.text(), binding }];
    });
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
