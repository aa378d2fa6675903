// Intra-file data flow for sinks: does an argument carry request data, or is it a constant?
//
// What it follows: the argument expression itself; variables and `obj.field` targets assigned
// earlier in the same function or an enclosing one (declarations, assignments, destructuring,
// `+=`); string concatenation, template strings, f-strings; method calls on a tainted value
// (`name.trim()`); and string-building functions (path.join, util.format, str.format, ...).
// One step between functions: a parameter of a named function is tainted when a call to that
// function in the same file passes tainted data in its position.
// Sanitiser calls (parseInt, path.basename, shlex.quote, ...) stop it.
// What it does not follow: other calls' results (reading a file named by the request is not
// request data), return values, calls through other names (callbacks, methods), fields of
// objects built elsewhere, guards and checks, loops' later iterations, other files.
import type { SgNode } from "@ast-grep/napi";
import { BindingIndex } from "./bindings.ts";
import { TimeBudget } from "./budget.ts";
import { foldCondition } from "./constant-condition.ts";
import { exportNameOf, type TaintedParameter } from "./cross-file.ts";
import {
  DEFAULT_SOURCES,
  matchesSource,
  NOT_SOURCES,
  PROPAGATORS,
  sanitizersFor,
} from "./flow-vocabulary.ts";
import type { ParserName } from "./languages.ts";
import type { SyntaxFacts } from "./syntax.ts";
import { syntaxOf } from "./syntax.ts";

const SUBSCRIPTS = new Set(["subscript", "subscript_expression", "index_expression"]);

interface ConditionalParts {
  condition: SgNode;
  consequence: SgNode;
  alternative: SgNode;
}

/** `c ? a : b` (fields) or Python's `a if c else b` (children in that order). */
function conditionalParts(node: SgNode): ConditionalParts | undefined {
  if (String(node.kind()) === "conditional_expression") {
    const [consequence, condition, alternative] = node.namedChildren();
    return consequence && condition && alternative
      ? { condition, consequence, alternative }
      : undefined;
  }
  const field = (name: string) => node.field(name as never) as SgNode | null;
  const [condition, consequence, alternative] = [
    field("condition"),
    field("consequence"),
    field("alternative"),
  ];
  return condition && consequence && alternative
    ? { condition, consequence, alternative }
    : undefined;
}

/** Flow questions about one parsed file; assignments are indexed once, on first use. */
export class FileFlow {
  private readonly root: SgNode;
  private readonly facts: SyntaxFacts;
  private readonly parser: ParserName;
  private readonly bindings: BindingIndex;
  private readonly budget: TimeBudget;

  private readonly imported: TaintedParameter[];

  /** `imported`: this file's exported parameters that other files call with request data. */
  constructor(
    root: SgNode,
    parser: ParserName,
    budget = new TimeBudget(Number.POSITIVE_INFINITY),
    imported: TaintedParameter[] = [],
  ) {
    this.imported = imported;
    this.root = root;
    this.parser = parser;
    this.budget = budget;
    this.facts = syntaxOf(parser);
    this.bindings = new BindingIndex(root, this.facts, parser);
  }

  /** True when request data reaches `node` and no sanitiser stands in between. */
  isTainted(node: SgNode, extraSanitizers: string[] = [], extraSources: string[] = []): boolean {
    const sanitizers = new Set([...sanitizersFor(this.parser), ...extraSanitizers]);
    const sources = [...DEFAULT_SOURCES[this.parser], ...extraSources];
    return this.taintOf(node, node.range().start.index, sources, sanitizers, new Set(), 0);
  }

  /**
   * The constant text a string expression starts with: the literal head of a template or
   * concatenation, following variables assigned once; "" when it starts with something variable.
   */
  leadingText(node: SgNode, depth = 0): string {
    if (depth > 8) return "";
    const kind = String(node.kind());
    if (kind === "string" || kind === "interpreted_string_literal" || kind === "raw_string_literal")
      return node.text().slice(1, -1);
    if (kind === "template_string") return this.templateHead(node, depth);
    if (kind === "binary_expression" || kind === "binary_operator") {
      const left = node.field("left" as never) as SgNode | null;
      return left ? this.leadingText(left, depth + 1) : "";
    }
    if (kind === "parenthesized_expression") {
      const inner = node.namedChildren()[0];
      return inner ? this.leadingText(inner, depth + 1) : "";
    }
    if (this.facts.names.has(kind)) {
      const assigned = this.bindings.assignedValues(node, node.range().start.index, new Set());
      if (assigned.length !== 1) return "";
      return this.leadingText(assigned[0]!.node, depth + 1);
    }
    return "";
  }

  /**
   * One step between functions: when `name` is a parameter of the enclosing named function, the
   * arguments passed in that position by calls to it in this file.
   */
  private callerArguments(name: SgNode, seen: Set<number>): SgNode[] {
    const fn = this.enclosingFunction(name);
    if (!fn || seen.has(fn.id())) return [];
    const index = this.parameterIndex(fn, name.text());
    const fnName = index < 0 ? undefined : this.functionName(fn);
    if (!fnName) return [];
    seen.add(fn.id());
    const { kind, callee } = this.facts.call;
    const escaped = fnName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const calls = this.root.findAll({
      rule: { kind, has: { field: callee, regex: `^${escaped}$` } },
    } as never);
    return calls.flatMap((call) => {
      const list = call.field("arguments" as never) as SgNode | null;
      const argument = list?.namedChildren()[index];
      return argument ? [argument] : [];
    });
  }

  /** A parameter of an exported function that another file calls with request data. */
  private taintedByImporter(name: SgNode): boolean {
    if (this.imported.length === 0) return false;
    const fn = this.enclosingFunction(name);
    if (!fn) return false;
    const index = this.parameterIndex(fn, name.text());
    if (index < 0) return false;
    const exportName = exportNameOf(fn, this.root.text());
    return this.imported.some((p) => p.exportName === exportName && p.index === index);
  }

  private enclosingFunction(node: SgNode): SgNode | undefined {
    for (let parent = node.parent(); parent; parent = parent.parent())
      if (this.facts.functions.has(String(parent.kind()))) return parent;
    return undefined;
  }

  private parameterIndex(fn: SgNode, name: string): number {
    const single = fn.field("parameter" as never) as SgNode | null;
    if (single) return single.text() === name ? 0 : -1;
    const list = (fn.field("parameters" as never) as SgNode | null)?.namedChildren() ?? [];
    return list.findIndex((parameter) => {
      if (parameter.text() === name) return true;
      // `cmd = "ls"`, `cmd: str`, `cmd: str = "ls"`: the name is the first named child.
      return parameter.namedChildren()[0]?.text() === name;
    });
  }

  /** `function run(...)`, `def run(...)`, or `const run = (...) =>`. */
  private functionName(fn: SgNode): string | undefined {
    const own = (fn.field("name" as never) as SgNode | null)?.text();
    if (own) return own;
    const parent = fn.parent();
    if (parent && String(parent.kind()) === "variable_declarator")
      return (parent.field("name" as never) as SgNode | null)?.text();
    return undefined;
  }

  /** Fragments and `${CONSTANT}` substitutions up to the first variable part. */
  private templateHead(template: SgNode, depth: number): string {
    let head = "";
    for (const part of template.namedChildren()) {
      const kind = String(part.kind());
      if (kind === "string_fragment" || kind === "escape_sequence") head += part.text();
      else if (kind === "template_substitution") {
        const inner = part.namedChildren()[0];
        if (!inner || !this.isConstant(inner)) break;
        head += this.leadingText(inner, depth + 1);
      } else break;
    }
    return head;
  }

  /** True when `node` is built only from literals and variables holding literals. */
  isConstant(node: SgNode, extraSanitizers: string[] = []): boolean {
    const sanitizers = new Set([...sanitizersFor(this.parser), ...extraSanitizers]);
    return this.constantOf(node, node.range().start.index, sanitizers, new Map(), 0);
  }

  private taintOf(
    node: SgNode,
    at: number,
    sources: string[],
    sanitizers: Set<string>,
    seen: Set<number>,
    depth: number,
  ): boolean {
    if (depth > 24) return false;
    this.budget.check();
    const kind = String(node.kind());
    if (this.facts.propertyNames.has(kind)) return false;
    // Before the text check: `req.query.x ? "a" : "b"` starts with a source but is constant.
    if (kind === "ternary_expression" || kind === "conditional_expression") {
      // The value is one of the branches; the condition only picks it.
      const parts = conditionalParts(node);
      const live = parts && this.liveBranch(parts);
      const branches = live ? [live] : parts ? [parts.consequence, parts.alternative] : [];
      return branches.some((branch) =>
        this.taintOf(branch, at, sources, sanitizers, seen, depth + 1),
      );
    }
    const text = node.text();
    if (NOT_SOURCES.test(text)) return false;
    if (matchesSource(text, sources)) return true;
    if (kind === this.facts.call.kind)
      return this.callTaint(node, at, sources, sanitizers, seen, depth);
    const assigned = this.bindings.assignedValues(node, at, seen);
    for (const value of assigned)
      if (this.taintOf(value.node, value.at, sources, sanitizers, seen, depth + 1)) return true;
    // `m["keyA"]` assigned only constants is clean even when `m["keyB"]` holds request data.
    if (assigned.length > 0 && SUBSCRIPTS.has(kind)) return false;
    if (this.facts.names.has(kind)) {
      if (assigned.length > 0) return false;
      const callers = this.callerArguments(node, seen);
      const fromCaller = callers.some((argument) =>
        this.taintOf(argument, argument.range().start.index, sources, sanitizers, seen, depth + 1),
      );
      return fromCaller || this.taintedByImporter(node);
    }
    return node
      .namedChildren()
      .some((child) => this.taintOf(child, at, sources, sanitizers, seen, depth + 1));
  }

  /**
   * `map.get("keyA")` reads what `map.put("keyA", v)` stored, not every value of the map: the
   * values to follow, or undefined when the read is not a constant-keyed get.
   */
  private keyedPuts(call: SgNode, method: string, receiver: SgNode, at: number) {
    if (method !== "get" && method !== "getOrDefault") return undefined;
    if (!this.facts.names.has(String(receiver.kind()))) return undefined;
    const key = (call.field("arguments" as never) as SgNode | null)?.namedChildren()[0];
    if (!key || !this.facts.literals.has(String(key.kind()))) return undefined;
    const stored = this.bindings.assignedValues(receiver, at, new Set());
    return stored
      .map((value) => value.node)
      .filter((value) => {
        const put = value.parent();
        const putMethod = put?.field("name" as never) as unknown as SgNode | null;
        if (putMethod?.text() !== "put") return true;
        const putKey = value.namedChildren()[0];
        return (
          !putKey || !this.facts.literals.has(String(putKey.kind())) || putKey.text() === key.text()
        );
      });
  }

  /** The one branch of `c ? a : b` that runs when c folds to a constant. */
  private liveBranch(parts: ConditionalParts): SgNode | undefined {
    const taken = foldCondition(parts.condition, (name) => this.bindings.numberOf(name));
    if (taken === undefined) return undefined;
    return taken ? parts.consequence : parts.alternative;
  }

  /** `settled` remembers each binding's answer, so `x + x` and cycles stay cheap. */
  private callTaint(
    call: SgNode,
    at: number,
    sources: string[],
    sanitizers: Set<string>,
    seen: Set<number>,
    depth: number,
  ): boolean {
    if (this.isSanitizerCall(call, sanitizers)) return false;
    const callee = call.field(this.facts.call.callee as never) as SgNode | null;
    const text = callee?.text().replace(/\s+/g, "") ?? "";
    const name = text.slice(text.lastIndexOf(".") + 1);
    // Java keeps the receiver on the call itself (`c.getValue()`: object c, name getValue).
    const receiver = (callee?.field("object" as never) ??
      callee?.field("operand" as never) ??
      call.field("object" as never)) as unknown as SgNode | null;
    const next = (node: SgNode) => this.taintOf(node, at, sources, sanitizers, seen, depth + 1);
    const keyed = receiver ? this.keyedPuts(call, name, receiver, at) : undefined;
    if (keyed) return keyed.some(next);
    if (receiver && next(receiver)) return true;
    if (!PROPAGATORS.has(name)) return false;
    return call.namedChildren().some((child) => child.id() !== callee?.id() && next(child));
  }

  private constantOf(
    node: SgNode,
    at: number,
    sanitizers: Set<string>,
    settled: Map<number, boolean>,
    depth: number,
  ): boolean {
    if (depth > 24) return false;
    this.budget.check();
    const kind = String(node.kind());
    if (kind === "comment" || this.facts.propertyNames.has(kind)) return true;
    if (this.facts.literals.has(kind))
      return this.interpolatedValues(node).every((value) =>
        this.constantOf(value, at, sanitizers, settled, depth + 1),
      );
    if (kind === this.facts.call.kind) return this.isSanitizerCall(node, sanitizers);
    if (this.facts.names.has(kind)) {
      const assigned = this.bindings.assignedValues(node, at, new Set());
      if (assigned.length === 0) return false;
      return assigned.every((value) => {
        const known = settled.get(value.id);
        if (known !== undefined) return known;
        settled.set(value.id, false);
        const constant = this.constantOf(value.node, value.at, sanitizers, settled, depth + 1);
        settled.set(value.id, constant);
        return constant;
      });
    }
    const children = node.namedChildren();
    if (children.length === 0) return false;
    return children.every((child) => this.constantOf(child, at, sanitizers, settled, depth + 1));
  }

  /** The expressions inside `${...}` / `{...}` of a template or f-string. */
  private interpolatedValues(node: SgNode): SgNode[] {
    return node
      .namedChildren()
      .filter((child) => this.facts.interpolations.has(String(child.kind())))
      .flatMap((child) => child.namedChildren().slice(0, 1));
  }

  private isSanitizerCall(call: SgNode, sanitizers: Set<string>): boolean {
    const callee = call.field(this.facts.call.callee as never) as SgNode | null;
    if (!callee) return false;
    const text = callee.text().replace(/\s+/g, "");
    return sanitizers.has(text) || sanitizers.has(text.slice(text.lastIndexOf(".") + 1));
  }
}
