// `upkeep rca draft`: prints the RCA body Upkeep would open for an incident, from GitHub (token)
// or offline from one {"issue", "events", "comments"} object in GitHub's REST shapes.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { CONFIG_PATH } from "../../core/config/parse.ts";
import type { UpkeepConfig } from "../../core/config/schema.ts";
import { buildCalendars } from "../../core/sla/policy.ts";
import { parseIssuesFile } from "../../core/sla/rest-input.ts";
import type { CalendarResolver } from "../../core/tracking/calendar.ts";
import type { CustomTemplate } from "../../core/tracking/rca/body.ts";
import { decideRca, type RcaDecision } from "../../core/tracking/rca/decide.ts";
import { resolverFrom } from "../../core/tracking/sla-calendars.ts";
import { readLocalFile } from "../../fs/local-file.ts";
import { createClient } from "../../github/client.ts";
import { tokenLogin } from "../../github/identity.ts";
import { OctokitGitHub, type OctokitLike } from "../../github/octokit-port.ts";
import { slaCalendarsWithHolidays } from "../../github/tracking/calendars.ts";
import { draftRca } from "../../github/tracking/rca.ts";
import { trackingSettings } from "../../github/tracking/settings.ts";
import { type CliCommand, type CliIo, EXIT, UsageError } from "../command.ts";
import { configRoot, loadLocalConfig, loadRemoteConfig } from "../config.ts";
import { readFlagFile, readIcsFiles, repositoryRootOf } from "../files.ts";

const ISSUE_REF = /^([\w.-]+)\/([\w.-]+)#(\d+)$/;

export const rcaDraftCommand: CliCommand = {
  name: "rca draft",
  summary: "Print the RCA issue Upkeep would open for a closed incident",
  usage:
    "upkeep rca draft (--issue OWNER/NAME#N | --issue-file FILE.json) [--config FILE] [--json]\n" +
    "  --issue reads GITHUB_TOKEN (or GH_TOKEN) and GITHUB_API_URL (default https://api.github.com)\n" +
    '  --issue-file holds {"issue", "events", "comments"} as the GitHub REST API returns them\n' +
    "  exit 0: drafted (body on stdout); 1: no RCA would be opened (reason on stderr);\n" +
    "  2: bad input; 3: GitHub refused or failed (message on stderr)",
  async run(args, io) {
    const options = parseOptions(args);
    let drafted: RcaDecision | number;
    try {
      drafted = options.issue
        ? await fromGitHub(options.issue, options.config, io)
        : await fromFile(options.issueFile!, options.config, io);
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === undefined) throw error;
      // Octokit's messages name the request, never the token.
      io.stderr(`upkeep rca draft: GitHub answered ${status}: ${(error as Error).message}\n`);
      return EXIT.incomplete;
    }
    if (typeof drafted === "number") return drafted;
    return print(drafted, options.json, io);
  },
};

function parseOptions(args: string[]) {
  let values: { issue?: string; "issue-file"?: string; config?: string; json: boolean };
  try {
    values = parseArgs({
      args,
      allowPositionals: false,
      options: {
        issue: { type: "string" },
        "issue-file": { type: "string" },
        config: { type: "string" },
        json: { type: "boolean", default: false },
      },
    }).values as typeof values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.issue === !values["issue-file"]) {
    throw new UsageError("give one of --issue OWNER/NAME#N or --issue-file FILE.json");
  }
  if (values.issue && !ISSUE_REF.test(values.issue)) {
    throw new UsageError(`--issue "${values.issue}" is not OWNER/NAME#NUMBER`);
  }
  return { ...values, issueFile: values["issue-file"] };
}

async function fromGitHub(ref: string, configFile: string | undefined, io: CliIo) {
  const token = io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN;
  if (!token) throw new UsageError("--issue needs a token in GITHUB_TOKEN or GH_TOKEN");
  const [, owner, repo, number] = ISSUE_REF.exec(ref)!;
  const client = createClient({ token, baseUrl: io.env.GITHUB_API_URL });
  const octokit = client as unknown as OctokitLike;
  const botLogin = await tokenLogin(octokit, io.env);
  const github = new OctokitGitHub(octokit, { owner: owner!, repo: repo! }, { botLogin });
  let config: UpkeepConfig | number;
  if (configFile !== undefined) {
    config = (await localConfig(configFile, io))?.config ?? EXIT.usage;
  } else {
    const parsed = await loadRemoteConfig(io, token, github.repo);
    if (!parsed.ok) return printProblems(io, parsed.problems.map(formatConfigProblem));
    config = parsed.config;
  }
  if (typeof config === "number") return config;
  const calendars = await slaCalendarsWithHolidays(github, config);
  return (await draftRca(github, Number(number), config, { calendars })).decision;
}

async function fromFile(file: string, configFile: string | undefined, io: CliIo) {
  const local = await localConfig(configFile, io);
  if (!local) return EXIT.usage;
  const text = await readFlagFile(io, "--issue-file", file);
  const parsed = parseIssueFile(text, file);
  if (!parsed.ok) return printProblems(io, parsed.problems);
  const [snapshot] = parsed.snapshots;
  const { config, root } = local;
  const permissions = Object.fromEntries(snapshot!.permissions);
  return decideRca({
    incident: snapshot!.issue,
    events: snapshot!.events,
    comments: snapshot!.comments,
    config: config.tracking.rca,
    ...trackingSettings(config, await localCalendars(config, root, io)),
    template: await localTemplate(config.tracking.rca.template, root),
    // Without author associations nobody's permission is known: any maintainer-looking reply counts.
    permissions: Object.keys(permissions).length > 0 ? permissions : undefined,
  });
}

/** One {issue, events, comments} object (or a one-element array, as `upkeep sla` takes). */
function parseIssueFile(text: string, file: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false as const, problems: [`${file}: not JSON: ${(error as Error).message}`] };
  }
  if (Array.isArray(json) && json.length !== 1) {
    return {
      ok: false as const,
      problems: [`${file}: expected one {"issue", "events", "comments"} object`],
    };
  }
  const result = parseIssuesFile(JSON.stringify(Array.isArray(json) ? json : [json]), file);
  if (result.ok || Array.isArray(json)) return result;
  // The shared parser reads an array; point at the fields of the single object instead.
  return {
    ok: false as const,
    problems: result.problems.map((problem) =>
      problem
        .replace(`${file}: [0].`, `${file}: `)
        .replace(`${file}: [0]:`, `${file}: (top level):`),
    ),
  };
}

async function localConfig(configFile: string | undefined, io: CliIo) {
  const file = configFile ?? CONFIG_PATH;
  const loaded = await loadLocalConfig(io, file, { required: configFile !== undefined });
  if (!loaded.ok) {
    printProblems(io, loaded.problems.map(formatConfigProblem));
    return undefined;
  }
  return {
    config: loaded.config,
    root: repositoryRootOf(configRoot(resolve(io.cwd, file), io.cwd)),
  };
}

/** The SLA calendars with their ICS holiday files, read relative to the repository root. */
async function localCalendars(
  config: UpkeepConfig,
  root: string,
  io: CliIo,
): Promise<CalendarResolver> {
  return resolverFrom(buildCalendars(config.sla, await readIcsFiles(config, root, io)).calendars);
}

async function localTemplate(
  path: string | undefined,
  root: string,
): Promise<CustomTemplate | undefined> {
  if (!path) return undefined;
  const file = await readLocalFile(root, path);
  if (file.kind === "refused") throw new UsageError(`tracking.rca.template: ${file.message}`);
  return { path, text: file.kind === "text" ? file.text : undefined };
}

function print(decision: RcaDecision, json: boolean, io: CliIo): number {
  if (decision.kind === "create") {
    if (decision.templateError)
      io.stderr(`upkeep rca draft: template not used:\n${decision.templateError}\n`);
    if (json) {
      const { title, labels, assignees, dueAt, body, severity } = decision;
      io.stdout(
        `${JSON.stringify({ title, severity, labels, assignees, due: dueAt?.toISOString() ?? null, body })}\n`,
      );
    } else {
      io.stderr(
        `${decision.title}\nlabels: ${decision.labels.join(", ") || "none"} · assignees: ${decision.assignees.join(", ") || "none"} · due: ${decision.dueAt?.toISOString() ?? "none"}\n\n`,
      );
      io.stdout(decision.body);
    }
    return EXIT.ok;
  }
  const reason =
    decision.kind === "append"
      ? `an RCA exists already (#${decision.rcaNumber}); the close would append to its timeline`
      : decision.reason;
  if (json) io.stdout(`${JSON.stringify({ title: null, reason })}\n`);
  io.stderr(`no RCA would be opened: ${reason}\n`);
  return EXIT.findings;
}

function printProblems(io: CliIo, problems: string[]): number {
  for (const problem of problems) io.stderr(`${problem}\n`);
  return EXIT.usage;
}
