// The App's sweep: every repository of every installation, one repository at a time, through the
// same reconcilers the webhooks use (github/sweep/repository.ts). It runs every
// UPKEEP_SWEEP_INTERVAL (default 15m; "off" disables it) and on demand (app/admin-sweep.ts).
// What each sweep saw is kept in memory for the next one; a restart only costs one fuller sweep.
import type { Context, Probot } from "probot";
import type { Clock } from "../core/time/clock.ts";
import { parseDuration } from "../core/time/duration.ts";
import { OctokitGitHub, type OctokitLike } from "../github/octokit-port.ts";
import {
  describeSweep,
  type FullSweepReport,
  monthStart,
  sweepRepositoryFully,
} from "../github/sweep/repository.ts";
import { loadRepoConfig } from "./config.ts";
import { issueLock } from "./issue-lock.ts";

export const DEFAULT_SWEEP_INTERVAL = "15m";

export interface SweepFilter {
  /** Only this repository ("owner/name"). */
  repo?: string;
}

export interface AppSweeper {
  /** Sweeps now (after a sweep already running, never beside it); one report per repository. */
  run(filter?: SweepFilter): Promise<FullSweepReport[]>;
}

interface SweeperDeps {
  clock: Clock;
  botLogin(): Promise<string>;
}

type InstallationOctokit = Context["octokit"];

export function appSweeper(app: Probot, deps: SweeperDeps): AppSweeper {
  const memory = new Map<string, FullSweepReport>();
  let queue: Promise<unknown> = Promise.resolve();
  const sweepAll = async (filter: SweepFilter) => {
    const reports: FullSweepReport[] = [];
    const appOctokit = await app.auth();
    const installations = await appOctokit.paginate("GET /app/installations", { per_page: 100 });
    for (const installation of installations) {
      const octokit = (await app.auth(installation.id)) as InstallationOctokit;
      const repositories = await octokit.paginate("GET /installation/repositories", {
        per_page: 100,
      });
      for (const repository of repositories) {
        const name = repository.full_name;
        if (filter.repo && name.toLowerCase() !== filter.repo.toLowerCase()) continue;
        const report = await sweepOne(octokit, name, memory.get(name));
        if (report) {
          memory.set(name, report);
          reports.push(report);
        }
      }
    }
    return reports;
  };
  const sweepOne = async (
    octokit: InstallationOctokit,
    name: string,
    previous?: FullSweepReport,
  ) => {
    const [owner, repo] = name.split("/") as [string, string];
    try {
      const github = new OctokitGitHub(
        octokit as unknown as OctokitLike,
        { owner, repo },
        { botLogin: await deps.botLogin() },
      );
      const { config } = await loadRepoConfig(octokit as unknown as OctokitLike, github);
      const now = deps.clock.now().getTime();
      const report = await sweepRepositoryFully(github, config, {
        now,
        previous,
        maxReads: 300,
        periodStart: monthStart(now),
        // GitHub caps content creation per installation; what is left waits for the next sweep.
        commentBudget: 60,
        warn: (message) => app.log.warn({ repository: name }, message),
        // A webhook about the same issue waits for the sweep's work on it, and the other way round.
        exclusive: (number, work) => issueLock.run(issueLock.key({ owner, repo }, number), work),
      });
      app.log.info({ repository: name }, describeSweep(report));
      return report;
    } catch (error) {
      // One repository failing (archived, removed meanwhile) must not stop the others.
      app.log.error({ repository: name, err: error }, "sweep failed");
      return undefined;
    }
  };
  return {
    run(filter = {}) {
      const next = queue.then(() => sweepAll(filter));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** UPKEEP_SWEEP_INTERVAL as milliseconds; undefined when it is "off" or "0". */
export function sweepIntervalMs(env: NodeJS.ProcessEnv): number | undefined {
  const text = (env.UPKEEP_SWEEP_INTERVAL ?? DEFAULT_SWEEP_INTERVAL).trim();
  if (text === "off" || text === "0") return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms < 60_000)
    throw new Error(
      `UPKEEP_SWEEP_INTERVAL must be a duration of at least 1m such as "15m" or "1h", or "off"; got "${text}"`,
    );
  return ms;
}

/** Sweeps every `intervalMs`; the timer never keeps the process alive on its own. */
export function sweepEvery(
  sweeper: AppSweeper,
  intervalMs: number,
  onError: (error: unknown) => void,
) {
  const timer = setInterval(() => {
    sweeper.run().catch(onError);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
