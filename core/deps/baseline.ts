// "Only new findings": the identities of findings in an earlier scan, read from its SARIF log or
// its Upkeep JSON report. Identity leaves out the version, so bumping a package that stays
// vulnerable is not a new finding, and covers every alias, so a record gaining a GHSA id is not either.
import { normalizeName } from "./advisories/package-key.ts";
import type { Ecosystem } from "./package.ts";

export interface BaselineSubject {
  ecosystem: Ecosystem;
  name: string;
  file: string;
  ids: string[];
}

export function baselineKeys(subject: BaselineSubject): string[] {
  const name = normalizeName(subject.ecosystem, subject.name);
  return subject.ids.map((id) => [subject.ecosystem, name, subject.file, id].join("|"));
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Subjects Upkeep wrote into a SARIF result's properties or a JSON report's findings. */
function subjectOf(value: unknown): BaselineSubject | undefined {
  if (!isObject(value)) return undefined;
  const { ecosystem, name, file, ids } = value;
  if (typeof ecosystem !== "string" || typeof name !== "string" || typeof file !== "string")
    return undefined;
  if (!Array.isArray(ids)) return undefined;
  return {
    ecosystem: ecosystem as Ecosystem,
    name,
    file,
    ids: ids.filter((id) => typeof id === "string"),
  };
}

export type BaselineResult = { ok: true; keys: Set<string> } | { ok: false; message: string };

/** Reads a baseline file's text; says what was expected when it is neither format. */
export function readBaseline(text: string): BaselineResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON: ${(error as Error).message}` };
  }
  const subjects: unknown[] = [];
  if (isObject(value) && Array.isArray(value.runs)) {
    for (const run of value.runs) {
      const results = isObject(run) && Array.isArray(run.results) ? run.results : [];
      for (const result of results) subjects.push(isObject(result) ? result.properties : undefined);
    }
  } else if (isObject(value) && Array.isArray(value.findings)) {
    for (const finding of value.findings) subjects.push(finding);
  } else {
    return {
      ok: false,
      message: "expected a SARIF log (runs[]) or an Upkeep deps report (findings[])",
    };
  }
  const keys = new Set<string>();
  for (const subject of subjects.map(subjectOf)) {
    if (subject) for (const key of baselineKeys(subject)) keys.add(key);
  }
  return { ok: true, keys };
}
