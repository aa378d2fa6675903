// Turns rule YAML into validated, compiled rules; a bad rule becomes a problem naming its file
// and id, and the other rules still load.
import { parse } from "@ast-grep/napi";
import { LineCounter, parseAllDocuments } from "yaml";
import type { ScanProblem } from "./finding.ts";
import { napiLang, PARSERS_OF, registerLanguages } from "./languages.ts";
import { type CompiledRule, type RuleFile, ruleFileSchema } from "./rule.ts";
import { ruleFieldProblem } from "./rule-fields.ts";
import { workflowChecks } from "./workflow/checks.ts";

export interface RuleText {
  /** Where the text came from, e.g. rules/javascript/js-eval.yml. */
  file: string;
  text: string;
}

export interface LoadedRules {
  rules: CompiledRule[];
  problems: ScanProblem[];
}

export function loadRules(files: RuleText[]): LoadedRules {
  registerLanguages();
  const rules: CompiledRule[] = [];
  const problems: ScanProblem[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    for (const result of parseRuleFile(file)) {
      if ("problem" in result) {
        problems.push(result.problem);
        continue;
      }
      const earlier = seen.get(result.rule.id);
      if (earlier) {
        problems.push(
          ruleProblem(file.file, `rule id "${result.rule.id}" is already defined in ${earlier}`),
        );
        continue;
      }
      seen.set(result.rule.id, file.file);
      rules.push(result.rule);
    }
  }
  return { rules, problems };
}

type Parsed = { rule: CompiledRule } | { problem: ScanProblem };

function parseRuleFile(file: RuleText): Parsed[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(file.text, { prettyErrors: false, lineCounter });
  if (!Array.isArray(documents))
    return [{ problem: ruleProblem(file.file, "expected YAML rule documents") }];
  return documents.flatMap((document): Parsed[] => {
    if (document.errors.length > 0) {
      const error = document.errors[0]!;
      const line = lineCounter.linePos(error.pos[0]).line;
      const message = `YAML syntax error: ${error.message.split("\n")[0]}`;
      return [{ problem: { ...ruleProblem(file.file, message), line } }];
    }
    const value = document.toJS();
    if (value === null || value === undefined) return [];
    return [compileRule(value, file.file)];
  });
}

function compileRule(value: unknown, file: string): Parsed {
  const parsed = ruleFileSchema.safeParse(value);
  const id = (value as { id?: unknown })?.id;
  const label = typeof id === "string" ? `${file} (rule ${id})` : file;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join(".") || "(top level)";
    return { problem: ruleProblem(label, `${key}: ${issue.message}`) };
  }
  const rule = parsed.data;
  if (rule.language === "github-actions") {
    if (!workflowChecks[rule.check ?? ""])
      return {
        problem: ruleProblem(
          label,
          `unknown workflow check "${rule.check}"; expected one of ${Object.keys(workflowChecks).join(", ")}`,
        ),
      };
    return { rule: { ...rule, source: file, words: [] } };
  }
  const compiled: CompiledRule = {
    ...rule,
    source: file,
    words: rule.prefilter ?? sinkWords(rule),
    matcher: buildMatcher(rule),
  };
  const invalid = invalidMatcher(compiled);
  return invalid ? { problem: ruleProblem(label, invalid) } : { rule: compiled };
}

/** What ast-grep runs; a sink's callee constraint is added per file (see sink-callees.ts). */
function buildMatcher(rule: RuleFile): NonNullable<CompiledRule["matcher"]> {
  const constraints: Record<string, unknown> = { ...(rule.constraints ?? {}) };
  return {
    rule: rule.rule,
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
    ...(rule.utils ? { utils: rule.utils } : {}),
  };
}

/**
 * A sink resolves through the file's imports, so the file must name the sink's module (or the
 * bare global): `child_process` rather than `exec`, which half of all files contain.
 */
function sinkWords(rule: RuleFile): string[] {
  return rule.sink
    ? [...new Set(rule.sink.functions.map((name) => name.split(".")[0] as string))]
    : [];
}

/** Compiles the rule once per parser against an empty file; ast-grep reports bad patterns then. */
function invalidMatcher(rule: CompiledRule): string | undefined {
  if (rule.language === "github-actions") return undefined;
  const fieldProblem = ruleFieldProblem(rule, PARSERS_OF[rule.language]);
  if (fieldProblem) return fieldProblem;
  for (const parser of PARSERS_OF[rule.language]) {
    try {
      parse(napiLang(parser), "")
        .root()
        .findAll(rule.matcher as never);
    } catch (error) {
      return `invalid ast-grep rule for ${parser}: ${(error as Error).message.replace(/\s*\n\s*\|?->?/g, " ")}`;
    }
  }
  const metaVariables = [rule.sink?.callee, rule.taint?.argument, rule.entropy?.argument].filter(
    Boolean,
  ) as string[];
  const ruleText = JSON.stringify(rule.rule);
  for (const name of metaVariables) {
    if (!ruleText.includes(`$${name}`)) return `metavariable $${name} does not appear in the rule`;
  }
  return undefined;
}

function ruleProblem(subject: string, message: string): ScanProblem {
  return { level: "error", subject, message };
}
