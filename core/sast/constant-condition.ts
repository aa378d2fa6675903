// Folds conditions built from number literals and variables assigned one number literal
// (`(7 * 42) - num > 200` with `int num = 86`), so the flow skips branches that never run.
// Anything else is "unknown" and both branches stay live.
import type { SgNode } from "@ast-grep/napi";

/** Resolves a variable read to the one number it holds, or undefined. */
export type NumberLookup = (name: SgNode) => number | undefined;

const NUMBER_KINDS = new Set([
  "number",
  "integer",
  "float",
  "decimal_integer_literal",
  "int_literal",
]);
const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  ">": (a, b) => a > b,
  "<": (a, b) => a < b,
  ">=": (a, b) => a >= b,
  "<=": (a, b) => a <= b,
  "==": (a, b) => a === b,
  "===": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  "!==": (a, b) => a !== b,
};
const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => (b === 0 ? Number.NaN : Math.trunc(a / b)),
  "%": (a, b) => (b === 0 ? Number.NaN : a % b),
};

/** true or false when the condition is fixed, undefined when it depends on anything else. */
export function foldCondition(node: SgNode, lookup: NumberLookup, depth = 0): boolean | undefined {
  if (depth > 12) return undefined;
  const kind = String(node.kind());
  if (kind === "parenthesized_expression" || kind === "condition_clause") {
    const inner = node.namedChildren()[0];
    return inner ? foldCondition(inner, lookup, depth + 1) : undefined;
  }
  if (kind !== "binary_expression" && kind !== "comparison_operator") return undefined;
  const [left, right] = node.namedChildren();
  const operator = operatorOf(node);
  const compare = operator ? COMPARE[operator] : undefined;
  if (!left || !right || !compare) return undefined;
  const a = foldNumber(left, lookup, depth + 1);
  const b = foldNumber(right, lookup, depth + 1);
  return a === undefined || b === undefined ? undefined : compare(a, b);
}

function foldNumber(node: SgNode, lookup: NumberLookup, depth: number): number | undefined {
  if (depth > 12) return undefined;
  const kind = String(node.kind());
  if (NUMBER_KINDS.has(kind)) {
    const value = Number(node.text().replace(/[lL_]/g, ""));
    return Number.isFinite(value) ? value : undefined;
  }
  if (kind === "identifier") return lookup(node);
  if (kind === "parenthesized_expression") {
    const inner = node.namedChildren()[0];
    return inner ? foldNumber(inner, lookup, depth + 1) : undefined;
  }
  if (kind !== "binary_expression" && kind !== "binary_operator") return undefined;
  const [left, right] = node.namedChildren();
  const operator = operatorOf(node);
  const apply = operator ? ARITHMETIC[operator] : undefined;
  if (!left || !right || !apply) return undefined;
  const a = foldNumber(left, lookup, depth + 1);
  const b = foldNumber(right, lookup, depth + 1);
  if (a === undefined || b === undefined) return undefined;
  const value = apply(a, b);
  return Number.isFinite(value) ? value : undefined;
}

/** The operator token between the two operands. */
function operatorOf(node: SgNode): string | undefined {
  return node
    .children()
    .find((child) => !child.isNamed())
    ?.text();
}
