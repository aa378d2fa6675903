// Makes sure labels exist before they are put on an issue, so they get our colors and
// descriptions rather than GitHub's grey defaults. Checked once per run.
import type { GitHubPort, LabelSpec } from "../port.ts";

const COLORS: Record<string, string> = {
  rca: "5319e7",
  security: "b60205",
  "sla: at-risk": "fbca04",
  "sla: breached": "d93f0b",
};

export class LabelEnsurer {
  private known: Promise<Set<string>> | undefined;
  private readonly github: GitHubPort;

  constructor(github: GitHubPort) {
    this.github = github;
  }

  async ensure(names: string[]): Promise<void> {
    this.known ??= this.github
      .listRepoLabels()
      .then((labels) => new Set(labels.map((label) => label.name.toLowerCase())));
    const known = await this.known;
    for (const name of names) {
      if (known.has(name.toLowerCase())) continue;
      await this.github.createLabel(specFor(name));
      known.add(name.toLowerCase());
    }
  }
}

function specFor(name: string): LabelSpec {
  const color = COLORS[name] ?? (name.startsWith("security: ") ? "e99695" : "ededed");
  return { name, color, description: "Managed by Upkeep" };
}
