// The one config loader every face uses: the repository's .github/upkeep.yml (from a checkout or
// through the GitHub port), the organisation's `.github` repository when the repository has none,
// and `_extends` chains of Upkeep config files of the same owner. Everything is read within
// CONFIG_BUDGET, and problems in inherited files are reported without their content.
import { createHash } from "node:crypto";
import type { ConfigProblem } from "../core/config/errors.ts";
import {
  type ConfigRepo,
  inheritedFileName,
  MAX_EXTENDS_DEPTH,
  mergeConfigValues,
  ORG_CONFIG_REPO,
  parseExtendsTarget,
  withoutContent,
} from "../core/config/extends.ts";
import {
  CONFIG_PATH,
  positionOf,
  readConfigYaml,
  validateConfigObject,
  validateLocated,
} from "../core/config/parse.ts";
import { defaultConfig, type UpkeepConfig } from "../core/config/schema.ts";

export type LoadedConfig =
  | { ok: true; config: UpkeepConfig; found: boolean; notes: string[] }
  | { ok: false; config: UpkeepConfig; problems: ConfigProblem[]; notes: string[] };

export interface ConfigSources {
  /** The repository whose config is wanted; undefined when the CLI cannot tell. */
  repo: ConfigRepo | undefined;
  /** The checkout's own file: its text (undefined when absent) and the name to report. */
  local?: { text: string | undefined; file: string };
  /** Reads .github/upkeep.yml of a repository through the GitHub port; undefined without a token. */
  readRepoFile?: (repo: ConfigRepo) => Promise<string | undefined>;
}

interface Layer {
  value: Record<string, unknown>;
  file: string;
  inherited: boolean;
  yaml: Extract<ReturnType<typeof readConfigYaml>, { ok: true }>;
  /** The file validated alone: the whole answer when nothing is inherited. */
  config: UpkeepConfig;
}

type Step = { ok: true; layers: Layer[] } | { ok: false; problems: ConfigProblem[] };

export async function loadUpkeepConfig(sources: ConfigSources): Promise<LoadedConfig> {
  const notes: string[] = [];
  const start = await firstFile(sources);
  if (!start) return { ok: true, config: defaultConfig(), found: false, notes };
  const chain = await followExtends(start, sources, notes);
  if (!chain.ok) return { ok: false, config: defaultConfig(), problems: chain.problems, notes };
  const own = chain.layers[0]!;
  if (chain.layers.length === 1) return { ok: true, config: own.config, found: true, notes };
  const merged = chain.layers.reduceRight<unknown>(
    (base, layer) => mergeConfigValues(base, layer.value),
    {},
  ) as Record<string, unknown>;
  delete merged._extends;
  const result = validateConfigObject(merged, own.file);
  if (result.ok) return { ok: true, config: result.config, found: true, notes };
  const problems = result.problems.map((problem) =>
    problem.line === undefined ? withoutContent(problem) : problem,
  );
  return { ok: false, config: defaultConfig(), problems, notes };
}

/** The repository's file, or the organisation's when the repository has none. */
async function firstFile(sources: ConfigSources) {
  const { repo, local, readRepoFile } = sources;
  const ownText = local ? local.text : repo && (await readRepoFile?.(repo));
  if (ownText !== undefined) {
    return { text: ownText, file: local?.file ?? CONFIG_PATH, inherited: false, repo };
  }
  if (!repo || !readRepoFile || repo.repo.toLowerCase() === ORG_CONFIG_REPO) return undefined;
  const org = { owner: repo.owner, repo: ORG_CONFIG_REPO };
  const text = await readRepoFile(org);
  if (text === undefined) return undefined;
  return { text, file: inheritedFileName(org), inherited: true, repo: org };
}

async function followExtends(
  start: { text: string; file: string; inherited: boolean; repo: ConfigRepo | undefined },
  sources: ConfigSources,
  notes: string[],
): Promise<Step> {
  const layers: Layer[] = [];
  const seen = new Set<string>();
  let current: typeof start | undefined = start;
  while (current) {
    const layer = readLayer(current);
    if (!layer.ok) return layer;
    layers.push(layer.layer);
    if (current.repo) seen.add(inheritedFileName(current.repo).toLowerCase());
    const target = layer.layer.value._extends;
    if (target === undefined) break;
    const problem = (message: string): Step => {
      const located = { ...locateExtends(layer.layer), message };
      return { ok: false, problems: [current?.inherited ? withoutContent(located) : located] };
    };
    if (!current.repo || !sources.readRepoFile) {
      notes.push(
        `${current.file}: _extends not followed (${current.repo ? "no GitHub token: set GITHUB_TOKEN" : "unknown repository: set GITHUB_REPOSITORY=owner/name"}); using this file alone`,
      );
      break;
    }
    const parsed = parseExtendsTarget(target, current.repo);
    if (!parsed.ok) return problem(parsed.message);
    const name = inheritedFileName(parsed.repo);
    if (seen.has(name.toLowerCase())) return problem(`_extends loops back to ${name}`);
    if (layers.length > MAX_EXTENDS_DEPTH) {
      return problem(`_extends chains at most ${MAX_EXTENDS_DEPTH} files deep`);
    }
    const text = await sources.readRepoFile(parsed.repo);
    if (text === undefined) return problem(`${name} does not exist or cannot be read`);
    current = { text, file: name, inherited: true, repo: parsed.repo };
  }
  return { ok: true, layers };
}

type LayerResult = { ok: true; layer: Layer } | { ok: false; problems: ConfigProblem[] };

// Most deliveries carry an unchanged file: parse each distinct file once per process (a hostile
// file at the size budget costs a few hundred ms). Config objects are shared: read-only.
const layerCache = new Map<string, LayerResult>();
const MAX_CACHED = 200;

function readLayer(source: { text: string; file: string; inherited: boolean }): LayerResult {
  const key = `${source.inherited}\0${source.file}\0${createHash("sha256").update(source.text).digest("hex")}`;
  let result = layerCache.get(key);
  if (!result) {
    result = parseLayer(source);
    if (layerCache.size >= MAX_CACHED) layerCache.clear();
    layerCache.set(key, result);
  }
  return result;
}

function parseLayer(source: { text: string; file: string; inherited: boolean }): LayerResult {
  const hide = (problems: ConfigProblem[]) =>
    source.inherited ? problems.map(withoutContent) : problems;
  const yaml = readConfigYaml(source.text, source.file);
  if (!yaml.ok) return { ok: false, problems: hide(yaml.problems) };
  const value = (yaml.value ?? {}) as Record<string, unknown>;
  // Each file must be valid alone (every section has defaults), so problems point at its lines.
  const alone = validateLocated(value, source.file, yaml);
  if (!alone.ok) return { ok: false, problems: hide(alone.problems) };
  const { file, inherited } = source;
  return { ok: true, layer: { value, file, inherited, yaml, config: alone.config } };
}

function locateExtends(layer: Layer): ConfigProblem {
  return {
    file: layer.file,
    path: "_extends",
    ...positionOf(layer.yaml, ["_extends"]),
    message: "",
  };
}
