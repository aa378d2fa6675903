// `upkeep report`: the maintenance report for a period, from the API (with a token) or offline from
// an issues file in the same shape as `upkeep sla --issues`.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { gatherReportInput } from "../../actions/maintenance-report/gather.ts";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { CONFIG_PATH } from "../../core/config/parse.ts";
import type { ReportInput } from "../../core/report/input.ts";
import { resolvePeriod } from "../../core/report/period.ts";
import { renderHtml } from "../../core/report/render-html.ts";
import { renderMarkdown } from "../../core/report/render-markdown.ts";
import { buildReport } from "../../core/report/report.ts";
import { buildCalendars } from "../../core/sla/policy.ts";
import { parseIssuesFile } from "../../core/sla/rest-input.ts";
import { builtInCalendars } from "../../core/tracking/calendar.ts";
import { createClient } from "../../github/client.ts";
import { OctokitGitHub, type OctokitLike } from "../../github/octokit-port.ts";
import { type CliCommand, EXIT, UsageError } from "../command.ts";
import { loadLocalConfig } from "../config.ts";
import { readFlagFile } from "../files.ts";

const FORMATS = ["markdown", "html", "json"] as const;

export const reportCommand: CliCommand = {
  name: "report",
  summary:
    "Maintenance report for a month or quarter (SLA, incidents, RCAs, security windows, releases)",
  usage:
    "upkeep report (--repo OWNER/NAME | --issues FILE.json) [--period P | --from DATE --to DATE] " +
    "[--format markdown|html|json] [--out FILE] [--config PATH] [--now ISO]\n" +
    "  P: month, quarter, last-month, last-quarter, YYYY-MM or YYYY-Qn (default: report.period in the config)\n" +
    "  --repo reads GITHUB_TOKEN (or GH_TOKEN) and GITHUB_API_URL (default https://api.github.com)",
  async run(args, io) {
    const options = parseOptions(args);
    const loaded = await loadLocalConfig(io, options.config ?? CONFIG_PATH, {
      required: options.config !== undefined,
    });
    if (!loaded.ok) {
      for (const problem of loaded.problems) io.stderr(`${formatConfigProblem(problem)}\n`);
      return EXIT.usage;
    }
    const config = loaded.config;
    const now = options.now ? Date.parse(options.now) : Date.now();
    if (!Number.isFinite(now)) throw new UsageError(`--now "${options.now}" is not an ISO time`);
    const period = options.from
      ? resolvePeriod(options.from, new Date(now), config.timezone, options.to)
      : resolvePeriod(options.period ?? config.report.period, new Date(now), config.timezone);
    if (!period.ok) throw new UsageError(period.error);

    let input: ReportInput;
    let repository: string;
    if (options.repo) {
      const [owner, repo] = options.repo.split("/") as [string, string];
      const token = io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN;
      if (!token) throw new UsageError("--repo needs a token in GITHUB_TOKEN or GH_TOKEN");
      const client = createClient({ token, baseUrl: io.env.GITHUB_API_URL });
      input = await gatherReportInput(
        new OctokitGitHub(client as unknown as OctokitLike, { owner, repo }),
        config,
        period.period,
        now,
      );
      repository = options.repo;
    } else {
      const file = options.issues as string;
      const text = await readFlagFile(io, "--issues", file);
      const parsed = parseIssuesFile(text, file);
      if (!parsed.ok) {
        for (const problem of parsed.problems) io.stderr(`${problem}\n`);
        return EXIT.usage;
      }
      const permissions = new Map(
        parsed.snapshots.flatMap((snapshot) => [...snapshot.permissions]),
      );
      input = {
        period: period.period,
        now,
        config,
        calendars: buildCalendars(config.sla, {}).calendars,
        windowCalendar:
          builtInCalendars(config.timezone)(config.tracking.securityWindows.calendar) ??
          builtInCalendars(config.timezone)("24x7")!,
        issues: parsed.snapshots.map((snapshot) => ({
          issue: snapshot.issue,
          events: snapshot.events,
          comments: snapshot.comments,
        })),
        permissions,
        releases: [],
      };
      repository = file;
    }
    const report = buildReport(input, repository);
    const format = options.format ?? "markdown";
    const text =
      format === "json"
        ? `${JSON.stringify(report, null, 2)}\n`
        : format === "html"
          ? renderHtml(report)
          : `${renderMarkdown(report)}\n`;
    if (options.out) {
      await writeFile(resolve(io.cwd, options.out), text);
      io.stderr(`wrote ${options.out}\n`);
    } else {
      io.stdout(text);
    }
    return EXIT.ok;
  },
};

interface ReportOptions {
  repo?: string;
  issues?: string;
  period?: string;
  from?: string;
  to?: string;
  format?: (typeof FORMATS)[number];
  out?: string;
  config?: string;
  now?: string;
}

function parseOptions(args: string[]): ReportOptions {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args,
      options: Object.fromEntries(
        ["repo", "issues", "period", "from", "to", "format", "out", "config", "now"].map((name) => [
          name,
          { type: "string" as const },
        ]),
      ),
      strict: true,
      allowPositionals: false,
    }).values as Record<string, string | undefined>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.repo === !values.issues)
    throw new UsageError("give one of --repo OWNER/NAME or --issues FILE.json");
  if (values.repo && !/^[\w.-]+\/[\w.-]+$/.test(values.repo))
    throw new UsageError(`--repo "${values.repo}" is not OWNER/NAME`);
  if (values.format && !(FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
  }
  if ((values.from === undefined) !== (values.to === undefined))
    throw new UsageError("--from and --to go together");
  if (values.from && values.period) throw new UsageError("give --period or --from/--to, not both");
  return values as ReportOptions;
}
