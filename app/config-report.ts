// Reports a bad .github/upkeep.yml where maintainers look: one open issue, labelled
// `upkeep: config error` and carrying a hidden marker, kept up to date while the file is bad and
// closed once it is valid again. Reporting is remembered per process so a burst of events with
// the same bad file costs no extra API calls.
import { type ConfigProblem, formatConfigProblem } from "../core/config/errors.ts";
import { CONFIG_PATH } from "../core/config/parse.ts";
import { isWrittenBy } from "../core/model/issue.ts";
import { codeSpan } from "../core/text/untrusted-markdown.ts";
import type { GitHubPort } from "../github/port.ts";
import { KeyedLock } from "./keyed-lock.ts";

export const CONFIG_ERROR_MARKER = "<!-- upkeep:config-error -->";
export const CONFIG_ERROR_LABEL = {
  name: "upkeep: config error",
  color: "d93f0b",
  description: "Upkeep cannot use .github/upkeep.yml; see the issue for details",
};
export const CONFIG_ERROR_TITLE = `Upkeep: invalid ${CONFIG_PATH}`;

export function configErrorBody(problems: ConfigProblem[]): string {
  // Keys and values come from the user's file: a code span that no backtick in them can close.
  const lines = problems.map((problem) => `- ${codeSpan(formatConfigProblem(problem), 500)}`);
  return [
    CONFIG_ERROR_MARKER,
    `Upkeep cannot use \`${CONFIG_PATH}\` and runs with its built-in defaults until the file is fixed:`,
    "",
    ...lines,
    "",
    "Check the file locally with `npx upkeep config validate`. Upkeep updates this issue while the",
    "file stays invalid and closes it when a valid version reaches the default branch.",
  ].join("\n");
}

export class ConfigReporter {
  /** repository → body last written (undefined: known to have no open report). */
  private readonly reported = new Map<string, string | undefined>();
  private readonly lock = new KeyedLock();

  async reportInvalid(github: GitHubPort, problems: ConfigProblem[]): Promise<void> {
    const key = repoKey(github);
    const body = configErrorBody(problems);
    if (this.reported.get(key) === body) return;
    await this.lock.run(key, async () => {
      if (this.reported.get(key) === body) return;
      const open = await findOpenReport(github);
      if (!open) {
        await github.createLabel(CONFIG_ERROR_LABEL);
        await github.createIssue({
          title: CONFIG_ERROR_TITLE,
          body,
          labels: [CONFIG_ERROR_LABEL.name],
        });
      } else if (open.body !== body) {
        await github.updateIssue(open.number, { body });
      }
      this.reported.set(key, body);
    });
  }

  /**
   * Closes the report after the file became valid. `lookup` says whether to ask GitHub when this
   * process has no memory of the repository (after a restart); otherwise memory decides.
   */
  async reportValid(github: GitHubPort, options: { lookup: boolean }): Promise<void> {
    const key = repoKey(github);
    const known = this.reported.has(key);
    if (known && this.reported.get(key) === undefined) return;
    if (!known && !options.lookup) return;
    await this.lock.run(key, async () => {
      const open = await findOpenReport(github);
      if (open) {
        await github.createComment(open.number, "The config file is valid again; closing.");
        await github.updateIssue(open.number, { state: "closed", stateReason: "completed" });
      }
      this.reported.set(key, undefined);
    });
  }
}

async function findOpenReport(github: GitHubPort) {
  for await (const issue of github.listIssues({
    state: "open",
    labels: [CONFIG_ERROR_LABEL.name],
  })) {
    // Only Upkeep's own report: a copied marker in someone else's issue is never edited or closed.
    if (
      !issue.isPullRequest &&
      isWrittenBy(issue.author, github.botLogin) &&
      issue.body.includes(CONFIG_ERROR_MARKER)
    )
      return issue;
  }
  return undefined;
}

function repoKey(github: GitHubPort): string {
  return `${github.repo.owner}/${github.repo.repo}`.toLowerCase();
}
