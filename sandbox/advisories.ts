// GitHub's global security advisories (GET /advisories), seeded by tests with addAdvisory().
import semver from "semver";
import type { SandboxState } from "./state.ts";

export interface AffectedPackage {
  ecosystem: string;
  package: string;
  /** GitHub's range syntax, e.g. ">= 1.0.0, < 1.2.4". */
  vulnerableRange: string;
  firstPatched?: string | null;
}

export interface AdvisoryInput {
  ghsaId: string;
  cveId?: string | null;
  summary: string;
  description?: string;
  severity: "low" | "medium" | "high" | "critical" | "unknown";
  /** Shorthand for one affected package; or list them in `vulnerabilities`. */
  ecosystem?: string;
  package?: string;
  vulnerableRange?: string;
  firstPatched?: string | null;
  vulnerabilities?: AffectedPackage[];
  cvssVector?: string | null;
  cvssScore?: number | null;
  cwes?: { cwe_id: string; name: string }[];
  publishedAt?: string;
  withdrawnAt?: string | null;
  type?: "reviewed" | "unreviewed" | "malware";
}

export interface Advisory extends AdvisoryInput {
  affected: AffectedPackage[];
  publishedAt: string;
}

export function toAdvisory(state: SandboxState, input: AdvisoryInput): Advisory {
  if (!/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/.test(input.ghsaId)) {
    throw new Error(
      `addAdvisory: ghsaId "${input.ghsaId}" is not a GHSA id like GHSA-xxxx-xxxx-xxxx`,
    );
  }
  const affected = input.vulnerabilities ?? [];
  if (input.package && input.ecosystem && input.vulnerableRange) {
    affected.push({
      ecosystem: input.ecosystem,
      package: input.package,
      vulnerableRange: input.vulnerableRange,
      firstPatched: input.firstPatched,
    });
  }
  if (affected.length === 0)
    throw new Error(
      `addAdvisory ${input.ghsaId}: give ecosystem, package and vulnerableRange, or vulnerabilities`,
    );
  return { ...input, affected, publishedAt: input.publishedAt ?? state.now() };
}

/** `name` or `name@version`, as the `affects` parameter takes them. */
function affects(advisory: Advisory, wanted: string[]): boolean {
  return wanted.some((entry) => {
    const at = entry.lastIndexOf("@");
    const [name, version] = at > 0 ? [entry.slice(0, at), entry.slice(at + 1)] : [entry, undefined];
    return advisory.affected.some(
      (pkg) =>
        pkg.package === name && (version === undefined || inRange(version, pkg.vulnerableRange)),
    );
  });
}

function inRange(version: string, range: string): boolean {
  const parsed = semver.coerce(version, { loose: true });
  if (!parsed) return true;
  return semver.satisfies(parsed, range.replace(/,/g, " "), {
    loose: true,
    includePrerelease: true,
  });
}

export function filterAdvisories(all: Advisory[], query: URLSearchParams): Advisory[] {
  const type = query.get("type") ?? "reviewed";
  const ecosystem = query.get("ecosystem");
  const severity = query.get("severity");
  const ghsa = query.get("ghsa_id");
  const cve = query.get("cve_id");
  const wanted = (query.get("affects") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const withdrawn = query.get("is_withdrawn");
  return all.filter((advisory) => {
    if (type !== "all" && (advisory.type ?? "reviewed") !== type) return false;
    if (ecosystem && !advisory.affected.some((pkg) => pkg.ecosystem === ecosystem)) return false;
    if (severity && advisory.severity !== severity) return false;
    if (ghsa && advisory.ghsaId !== ghsa) return false;
    if (cve && advisory.cveId !== cve) return false;
    if (withdrawn !== null && Boolean(advisory.withdrawnAt) !== (withdrawn === "true"))
      return false;
    return wanted.length === 0 || affects(advisory, wanted);
  });
}

export function renderAdvisory(state: SandboxState, advisory: Advisory): Record<string, unknown> {
  const cvss = { vector_string: advisory.cvssVector ?? null, score: advisory.cvssScore ?? null };
  const identifiers = [{ type: "GHSA", value: advisory.ghsaId }];
  if (advisory.cveId) identifiers.push({ type: "CVE", value: advisory.cveId });
  return {
    ghsa_id: advisory.ghsaId,
    cve_id: advisory.cveId ?? null,
    url: `${state.apiUrl}/advisories/${advisory.ghsaId}`,
    html_url: `${state.webUrl}/advisories/${advisory.ghsaId}`,
    repository_advisory_url: null,
    summary: advisory.summary,
    description: advisory.description ?? advisory.summary,
    type: advisory.type ?? "reviewed",
    severity: advisory.severity,
    source_code_location: null,
    identifiers,
    references: [`${state.webUrl}/advisories/${advisory.ghsaId}`],
    published_at: advisory.publishedAt,
    updated_at: advisory.publishedAt,
    github_reviewed_at: (advisory.type ?? "reviewed") === "reviewed" ? advisory.publishedAt : null,
    nvd_published_at: null,
    withdrawn_at: advisory.withdrawnAt ?? null,
    vulnerabilities: advisory.affected.map((pkg) => ({
      package: { ecosystem: pkg.ecosystem, name: pkg.package },
      vulnerable_version_range: pkg.vulnerableRange,
      first_patched_version: pkg.firstPatched ?? null,
      vulnerable_functions: [],
    })),
    cvss,
    cvss_severities: { cvss_v3: cvss, cvss_v4: { vector_string: null, score: null } },
    cwes: advisory.cwes ?? [],
    credits: [],
  };
}
