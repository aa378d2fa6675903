// Per-language tree-sitter node kinds the flow analysis needs: scopes, bindings, names, literals.
import type { ParserName } from "./languages.ts";

export interface SyntaxFacts {
  /** Nodes that open a function scope. */
  functions: Set<string>;
  /** Binding nodes with the field holding the target and the field holding the value. */
  bindings: Record<string, { target: string; value: string }>;
  /** Kinds that name a variable (including destructuring shorthands). */
  names: Set<string>;
  /** Leaf kinds whose value is fixed in the source. */
  literals: Set<string>;
  /** Call node kind and its callee field. */
  call: { kind: string; callee: string };
  /** Kinds whose text is a property name, never a variable read. */
  propertyNames: Set<string>;
  /** Where string interpolation lives inside a literal (a literal holding one is not constant). */
  interpolations: Set<string>;
}

const JS: SyntaxFacts = {
  functions: new Set([
    "function_declaration",
    "function_expression",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "generator_function",
  ]),
  bindings: {
    variable_declarator: { target: "name", value: "value" },
    assignment_expression: { target: "left", value: "right" },
    augmented_assignment_expression: { target: "left", value: "right" },
    // `for (const x of xs)`: each x is an element of xs.
    for_in_statement: { target: "left", value: "right" },
  },
  names: new Set(["identifier", "shorthand_property_identifier_pattern"]),
  literals: new Set([
    "string",
    "string_fragment",
    "number",
    "true",
    "false",
    "null",
    "undefined",
    "regex",
    "template_string",
    "escape_sequence",
  ]),
  call: { kind: "call_expression", callee: "function" },
  propertyNames: new Set(["property_identifier", "shorthand_property_identifier"]),
  interpolations: new Set(["template_substitution"]),
};

const PYTHON: SyntaxFacts = {
  functions: new Set(["function_definition", "lambda"]),
  bindings: {
    assignment: { target: "left", value: "right" },
    augmented_assignment: { target: "left", value: "right" },
    named_expression: { target: "name", value: "value" },
    for_statement: { target: "left", value: "right" },
    for_in_clause: { target: "left", value: "right" },
  },
  names: new Set(["identifier"]),
  literals: new Set(["string", "integer", "float", "true", "false", "none", "string_content"]),
  call: { kind: "call", callee: "function" },
  propertyNames: new Set([]),
  interpolations: new Set(["interpolation"]),
};

const GO: SyntaxFacts = {
  functions: new Set(["function_declaration", "method_declaration", "func_literal"]),
  bindings: {
    short_var_declaration: { target: "left", value: "right" },
    range_clause: { target: "left", value: "right" },
    assignment_statement: { target: "left", value: "right" },
    var_spec: { target: "name", value: "value" },
  },
  names: new Set(["identifier"]),
  literals: new Set([
    "interpreted_string_literal",
    "raw_string_literal",
    "int_literal",
    "float_literal",
    "true",
    "false",
    "nil",
  ]),
  call: { kind: "call_expression", callee: "function" },
  propertyNames: new Set(["field_identifier"]),
  interpolations: new Set([]),
};

const JAVA: SyntaxFacts = {
  functions: new Set(["method_declaration", "constructor_declaration", "lambda_expression"]),
  bindings: {
    variable_declarator: { target: "name", value: "value" },
    assignment_expression: { target: "left", value: "right" },
    enhanced_for_statement: { target: "name", value: "value" },
  },
  names: new Set(["identifier"]),
  literals: new Set([
    "string_literal",
    "string_fragment",
    "decimal_integer_literal",
    "true",
    "false",
    "null_literal",
  ]),
  call: { kind: "method_invocation", callee: "name" },
  propertyNames: new Set([]),
  interpolations: new Set([]),
};

export function syntaxOf(parser: ParserName): SyntaxFacts {
  if (parser === "python") return PYTHON;
  if (parser === "go") return GO;
  if (parser === "java") return JAVA;
  return JS;
}
