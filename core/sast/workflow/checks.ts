// The workflow checks a `language: github-actions` rule can name, one function per risk.
import { isMap, isScalar, type Node } from "yaml";
import type { WorkflowFile, WorkflowHit } from "./document.ts";

export type WorkflowCheck = (workflow: WorkflowFile) => WorkflowHit[];

// Contexts an outsider controls: titles, bodies, branch names, commit messages, emails.
const UNTRUSTED =
  /\$\{\{\s*[^}]*?\b(github\.event\.(issue|pull_request|comment|review|review_comment|discussion|discussion_comment|pages|commits|head_commit|workflow_run)\b[\w.*[\]'"-]*\.(title|body|message|name|email|ref|label|head_branch|page_name|default_branch)\b|github\.head_ref\b)[^}]*\}\}/g;

const FIRST_PARTY_OWNERS = new Set(["actions", "github"]);

function scriptInjection(workflow: WorkflowFile): WorkflowHit[] {
  const hits: WorkflowHit[] = [];
  for (const step of workflow.steps()) {
    const scripts: Node[] = [];
    const run = workflow.get(step.node, "run");
    if (run) scripts.push(run);
    if (step.uses?.startsWith("actions/github-script")) {
      const script = workflow.get(asMap(workflow.get(step.node, "with")), "script");
      if (script) scripts.push(script);
    }
    for (const script of scripts) {
      if (!isScalar(script)) continue;
      for (const match of String(script.value).matchAll(UNTRUSTED))
        hits.push(workflow.hitOfText(script, match[0], `\`${match[0]}\` is attacker-controlled`));
    }
  }
  return hits;
}

function pullRequestTargetCheckout(workflow: WorkflowFile): WorkflowHit[] {
  if (!workflow.events().includes("pull_request_target")) return [];
  return workflow.steps().flatMap((step) => {
    if (!step.uses?.startsWith("actions/checkout")) return [];
    const options = asMap(workflow.get(step.node, "with"));
    const ref = workflow.get(options, "ref");
    const repository = workflow.get(options, "repository");
    const text = `${isScalar(ref) ? ref.value : ""} ${isScalar(repository) ? repository.value : ""}`;
    const headRef =
      /github\.event\.pull_request\.head\.(sha|ref|repo)|github\.head_ref|refs\/pull\//.test(text);
    return headRef ? [workflow.hitAt(ref ?? repository)] : [];
  });
}

/** `owner/repo@ref` not pinned to a full commit SHA, for owners other than GitHub's own. */
export function isUnpinnedThirdParty(uses: string): boolean {
  if (uses.startsWith("./") || uses.startsWith("docker://")) return false;
  const [path, ref] = uses.split("@");
  const owner = (path ?? "").split("/")[0] ?? "";
  if (FIRST_PARTY_OWNERS.has(owner.toLowerCase())) return false;
  return !/^[0-9a-f]{40}$/.test(ref ?? "");
}

function unpinnedAction(workflow: WorkflowFile): WorkflowHit[] {
  return workflow
    .steps()
    .flatMap((step) =>
      step.uses && isUnpinnedThirdParty(step.uses)
        ? [workflow.hitAt(workflow.get(step.node, "uses"), `\`${step.uses}\` can change under you`)]
        : [],
    );
}

function permissions(workflow: WorkflowFile): WorkflowHit[] {
  const hits: WorkflowHit[] = [];
  const top = workflow.get(workflow.root, "permissions");
  if (isScalar(top) && top.value === "write-all")
    hits.push(workflow.hitAt(top, "`permissions: write-all` grants every scope"));
  const jobs = workflow.jobs();
  for (const job of jobs) {
    const own = workflow.get(job.node, "permissions");
    if (isScalar(own) && own.value === "write-all")
      hits.push(workflow.hitAt(own, `job \`${job.id}\` asks for write-all`));
  }
  const everyJobScoped =
    jobs.length > 0 && jobs.every((job) => workflow.get(job.node, "permissions"));
  if (!top && !everyJobScoped) {
    const anchor = workflow.keyNode(workflow.root, "jobs") ?? workflow.root;
    hits.push(
      workflow.hitAt(anchor, "no `permissions:` block, so the token gets the repository default"),
    );
  }
  return hits;
}

function secretsToUntrustedAction(workflow: WorkflowFile): WorkflowHit[] {
  return workflow.steps().flatMap((step) => {
    if (!step.uses || !isUnpinnedThirdParty(step.uses)) return [];
    const hits: WorkflowHit[] = [];
    for (const key of ["with", "env"]) {
      const map = asMap(workflow.get(step.node, key));
      for (const item of map?.items ?? []) {
        const value = item.value as Node | null;
        if (isScalar(value) && /\$\{\{\s*secrets\./.test(String(value.value)))
          hits.push(
            workflow.hitAt(value, `a secret goes to \`${step.uses}\`, which is not pinned`),
          );
      }
    }
    return hits;
  });
}

function asMap(node: Node | undefined) {
  return isMap(node) ? node : undefined;
}

export const workflowChecks: Record<string, WorkflowCheck> = {
  "script-injection": scriptInjection,
  "pull-request-target-checkout": pullRequestTargetCheckout,
  "unpinned-action": unpinnedAction,
  permissions,
  "secrets-to-unpinned-action": secretsToUntrustedAction,
};
