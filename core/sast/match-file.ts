// Runs compiled rules over one file's text: ast-grep finds candidates, imports and flow filter
// them, inline suppressions and fingerprints finish them.
import { parse, type SgNode } from "@ast-grep/napi";
import { type LinearPattern, mustCompileLinearPattern } from "../text/linear-pattern.ts";
import {
  BudgetExceeded,
  deepestNesting,
  longestCallChain,
  MAX_CALL_CHAIN,
  MAX_NESTING,
  TimeBudget,
} from "./budget.ts";
import type { TaintedParameter } from "./cross-file.ts";
import type { Finding, ScanProblem } from "./finding.ts";
import { assignFingerprints } from "./fingerprint.ts";
import { FileFlow } from "./flow.ts";
import { collectImports, type ImportMap, qualifiedName } from "./imports.ts";
import { type FileKind, napiLang, type ParserName } from "./languages.ts";
import { rulesWorthRunning } from "./precheck.ts";
import type { CompiledRule } from "./rule.ts";
import { calleePattern } from "./sink-callees.ts";
import { applyInlineSuppressions } from "./suppressions.ts";
import { matchWorkflow } from "./workflow/match-workflow.ts";

export interface FileResult {
  findings: Finding[];
  problems: ScanProblem[];
}

/** A finding before fingerprinting, with the full matched text the fingerprint hashes. */
export type Draft = Omit<Finding, "fingerprint"> & { matched: string };

/** Seconds one file may take when the caller sets no budget (sast.maxFileSeconds). */
export const DEFAULT_FILE_SECONDS = 10;

export function matchFile(
  path: string,
  text: string,
  kind: FileKind,
  rules: CompiledRule[],
  budget = new TimeBudget(DEFAULT_FILE_SECONDS * 1000),
  imported: TaintedParameter[] = [],
): FileResult {
  const { drafts, problems } =
    kind.kind === "workflow"
      ? matchWorkflow(path, text, rules)
      : matchCodeWithin(path, text, kind.parser, rules, budget, imported);
  const fingerprinted = assignFingerprints(drafts, (draft) => draft.matched);
  const findings = fingerprinted.map(({ matched: _matched, ...finding }) => finding);
  const suppressed = applyInlineSuppressions(findings, text, path);
  return { findings: suppressed.findings, problems: [...problems, ...suppressed.problems] };
}

/** Matching stopped by the time budget keeps what it found so far and says the rest is missing. */
function matchCodeWithin(
  path: string,
  text: string,
  parser: ParserName,
  rules: CompiledRule[],
  budget: TimeBudget,
  imported: TaintedParameter[],
) {
  const drafts: Draft[] = [];
  const problems: ScanProblem[] = [];
  try {
    matchCode(path, text, parser, rules, { budget, imported }, drafts, problems);
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    const seconds = budget.milliseconds / 1000;
    problems.push({
      level: "error",
      subject: path,
      message: `skipped the rest of this file: it took over the ${seconds} s per-file budget (sast.maxFileSeconds); findings in it may be incomplete`,
    });
  }
  return { drafts, problems };
}

function matchCode(
  path: string,
  text: string,
  parser: ParserName,
  rules: CompiledRule[],
  { budget, imported }: { budget: TimeBudget; imported: TaintedParameter[] },
  drafts: Draft[],
  problems: ScanProblem[],
): void {
  const runnable = rulesWorthRunning(text, parser, rules, imported.length > 0);
  // A file no rule can match is not parsed at all: the text pre-checks cannot miss a finding,
  // and most files of a large tree fail them. For the same reason, syntax errors are reported
  // only where they could hide a finding.
  if (runnable.length === 0) return;
  // Deep nesting makes every tree walk (ast-grep's and the flow's) slow before any budget check
  // can run, so such a file is not parsed at all.
  const nesting = deepestNesting(text);
  if (nesting.depth > MAX_NESTING) {
    problems.push({
      level: "error",
      subject: path,
      line: nesting.line,
      message: `skipped: brackets nest ${nesting.depth} levels deep, over the ${MAX_NESTING}-level limit for a scanned file`,
    });
    return;
  }
  const chain = longestCallChain(text);
  if (chain.length > MAX_CALL_CHAIN) {
    problems.push({
      level: "error",
      subject: path,
      line: chain.line,
      message: `skipped: a chain of ${chain.length} calls in one statement, over the ${MAX_CALL_CHAIN}-call limit for a scanned file`,
    });
    return;
  }
  const root = parse(napiLang(parser), text).root();
  const error = root.find({ rule: { kind: "ERROR" } });
  if (error)
    problems.push({
      level: "error",
      subject: path,
      line: error.range().start.line + 1,
      message: "syntax error; the parser recovered, but findings in this file may be incomplete",
    });
  const context = new FileContext(root, parser, budget, imported);
  for (const rule of runnable) {
    budget.checkNow();
    const matcher = context.matcherFor(rule);
    if (!matcher) continue;
    for (const node of root.findAll(matcher as never)) {
      budget.check();
      if (!context.accepts(rule, node)) continue;
      drafts.push(draftOf(rule, node, path));
    }
  }
}

/** Per-file facts computed only when a rule needs them. */
class FileContext {
  private imports?: ImportMap;
  private flow?: FileFlow;
  private readonly root: SgNode;
  private readonly parser: ParserName;
  private readonly budget: TimeBudget;
  private readonly patterns = new Map<string, LinearPattern>();

  private readonly imported: TaintedParameter[];

  constructor(root: SgNode, parser: ParserName, budget: TimeBudget, imported: TaintedParameter[]) {
    this.root = root;
    this.parser = parser;
    this.budget = budget;
    this.imported = imported;
  }

  /**
   * The matcher for this file, or undefined when the rule cannot match here: a sink rule only
   * looks at callees that can resolve to its functions through this file's imports.
   */
  matcherFor(rule: CompiledRule): CompiledRule["matcher"] | undefined {
    if (!rule.sink || !rule.matcher) return rule.matcher;
    this.imports ??= collectImports(this.root, this.parser);
    const pattern = calleePattern(rule.sink.functions, this.imports);
    if (!pattern) return undefined;
    const own = rule.constraints?.[rule.sink.callee];
    const byCallee = own ? { all: [own, { regex: pattern }] } : { regex: pattern };
    return {
      ...rule.matcher,
      constraints: { ...rule.matcher.constraints, [rule.sink.callee]: byCallee },
    };
  }

  /** User patterns run on the linear-time engine; each is compiled once per file. */
  private linear(source: string): LinearPattern {
    let pattern = this.patterns.get(source);
    if (!pattern) {
      pattern = mustCompileLinearPattern(source);
      this.patterns.set(source, pattern);
    }
    return pattern;
  }

  accepts(rule: CompiledRule, node: SgNode): boolean {
    if (rule.sink) {
      const callee = node.getMatch(rule.sink.callee);
      if (!callee) return false;
      this.imports ??= collectImports(this.root, this.parser);
      if (!rule.sink.functions.includes(qualifiedName(callee.text(), this.imports))) return false;
    }
    if (rule.entropy) {
      const literal = node.getMatch(rule.entropy.argument)?.text() ?? "";
      if (shannonEntropy(literal.replace(/^[`'"]|[`'"]$/g, "")) < rule.entropy.min) return false;
    }
    // A rule with alternatives may bind the tainted argument in only some of them.
    const argumentNodes = rule.taint ? boundNodes(node, rule.taint.argument) : [];
    if (rule.taint && argumentNodes.length > 0) {
      this.flow ??= new FileFlow(this.root, this.parser, this.budget, this.imported);
      const flow = this.flow;
      const { requires, sanitizers, sources } = rule.taint;
      const safePrefix = rule.taint.safePrefix ? this.linear(rule.taint.safePrefix) : undefined;
      const fixed = (argument: SgNode) => safePrefix?.test(flow.leadingText(argument)) === true;
      if (requires === "source")
        return argumentNodes.some(
          (argument) => !fixed(argument) && flow.isTainted(argument, sanitizers, sources),
        );
      return argumentNodes.some((argument) => !flow.isConstant(argument, sanitizers));
    }
    return true;
  }
}

/** Bits per character; real keys score above 3.5, words and placeholders below. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** `$X` binds one node, `$$$X` several (punctuation such as commas left out). */
function boundNodes(node: SgNode, name: string): SgNode[] {
  const single = node.getMatch(name);
  if (single) return [single];
  return node.getMultipleMatches(name).filter((match) => match.isNamed());
}

function draftOf(rule: CompiledRule, node: SgNode, path: string): Draft {
  const range = node.range();
  const matched = node.text();
  return {
    ruleId: rule.id,
    severity: rule.severity,
    message: interpolate(rule.message, node),
    path,
    startLine: range.start.line + 1,
    startColumn: range.start.column + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.column + 1,
    snippet: firstLine(matched),
    tool: "upkeep",
    matched,
  };
}

/** `$CMD` in a message becomes the matched text, shortened. */
function interpolate(message: string, node: SgNode): string {
  return message.replace(/\$([A-Z_][A-Z0-9_]*)/g, (whole, name: string) => {
    const text = node.getMatch(name)?.text();
    if (!text) return whole;
    const line = firstLine(text);
    return line.length > 60 ? `${line.slice(0, 57)}...` : line;
  });
}

function firstLine(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 197)}...` : line.trimEnd();
}
