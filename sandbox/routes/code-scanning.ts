// SARIF uploads: stored decoded, so tests can read back exactly what an action uploaded.
import { randomUUID } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { type RequestContext, type Route, repoOf } from "../http/route.ts";
import { HttpError } from "../state.ts";

const DOCS =
  "https://docs.github.com/rest/code-scanning/code-scanning#upload-an-analysis-as-sarif-data";

function decodeSarif(value: unknown): string {
  if (typeof value !== "string" || value === "") {
    throw new HttpError(
      422,
      "Validation Failed",
      [{ resource: "CodeScanningSarif", field: "sarif", code: "missing_field" }],
      DOCS,
    );
  }
  let text: string;
  try {
    text = gunzipSync(Buffer.from(value, "base64")).toString("utf8");
  } catch {
    throw new HttpError(
      400,
      "Invalid request: sarif is not gzip-compressed and Base64-encoded",
      undefined,
      DOCS,
    );
  }
  try {
    const parsed = JSON.parse(text) as { version?: unknown; runs?: unknown };
    if (!Array.isArray(parsed.runs)) throw new Error("no runs");
  } catch {
    throw new HttpError(
      400,
      "Invalid request: the SARIF file is not valid JSON with a runs array",
      undefined,
      DOCS,
    );
  }
  return text;
}

function upload(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const { commit_sha: commitSha, ref, sarif, tool_name: toolName } = ctx.body;
  if (typeof commitSha !== "string" || !/^[0-9a-f]{40}$/.test(commitSha)) {
    throw new HttpError(
      422,
      "Validation Failed",
      [{ resource: "CodeScanningSarif", field: "commit_sha", code: "invalid" }],
      DOCS,
    );
  }
  if (typeof ref !== "string" || !/^refs\/(heads|tags|pull)\//.test(ref)) {
    throw new HttpError(
      422,
      "Validation Failed",
      [{ resource: "CodeScanningSarif", field: "ref", code: "invalid" }],
      DOCS,
    );
  }
  const id = randomUUID();
  repo.sarifs.push({
    id,
    commitSha,
    ref,
    sarif: decodeSarif(sarif),
    toolName: typeof toolName === "string" ? toolName : undefined,
    receivedAt: ctx.state.now(),
  });
  return {
    status: 202,
    body: { id, url: `${ctx.state.apiUrl}/repos/${repo.fullName}/code-scanning/sarifs/${id}` },
  };
}

export const codeScanningRoutes: Route[] = [
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/code-scanning/sarifs",
    auth: "token",
    handle: upload,
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}",
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      if (!repo.sarifs.some((upload) => upload.id === ctx.params.sarif_id))
        throw new HttpError(404, "Not Found", undefined, DOCS);
      return {
        status: 200,
        body: {
          processing_status: "complete",
          analyses_url: `${ctx.state.apiUrl}/repos/${repo.fullName}/code-scanning/analyses?sarif_id=${ctx.params.sarif_id}`,
          errors: null,
        },
      };
    },
  },
];
