// Checks sandbox responses against GitHub's official OpenAPI description (@octokit/openapi).
// The 13 MB description is parsed once per process and validators are compiled per operation on
// first use, so starting many sandboxes in one test file costs nothing extra.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { type CachedEntry, readCached, writeCached } from "./compiled-cache.ts";
import { COMPONENTS_ID, convertSchema } from "./schema.ts";

type Node = Record<string, unknown>;

interface Spec {
  paths: Record<string, Record<string, { responses?: Record<string, Node> }>>;
  components: { schemas: Node; responses: Record<string, Node> };
}

let spec: Spec | undefined;
let ajv: Ajv | undefined;
const validators = new Map<string, CachedEntry>();

function loadSpec(): Spec {
  if (spec) return spec;
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
  spec = JSON.parse(readFileSync(file, "utf8")) as Spec;
  return spec;
}

function loadAjv(): Ajv {
  if (ajv) return ajv;
  const { components } = loadSpec();
  // `code.source` keeps the generated code so it can be cached on disk as a standalone module.
  const instance = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
    code: { source: true },
  });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(instance);
  for (const format of [
    "int32",
    "int64",
    "float",
    "double",
    "byte",
    "binary",
    "password",
    "repo.nwo",
    "ssh-key",
    "ssh-key fingerprint",
  ]) {
    instance.addFormat(format, true);
  }
  const schemas = Object.fromEntries(
    Object.entries(components.schemas).map(([name, schema]) => [name, convertSchema(schema)]),
  );
  instance.addSchema({ $id: COMPONENTS_ID, components: { schemas } });
  ajv = instance;
  return instance;
}

/** True when the description has this operation; lets tests check that routes name real paths. */
export function hasOperation(method: string, path: string): boolean {
  return loadSpec().paths[path]?.[method.toLowerCase()] !== undefined;
}

function responseSchema(
  method: string,
  path: string,
  status: number,
): { documented: boolean; schema?: unknown } {
  const operation = loadSpec().paths[path]?.[method.toLowerCase()];
  let response = operation?.responses?.[String(status)];
  if (!response) return { documented: false };
  const ref = response.$ref;
  if (typeof ref === "string")
    response = loadSpec().components.responses[ref.split("/").pop() ?? ""] ?? {};
  const content = response.content as Record<string, { schema?: unknown }> | undefined;
  const json = content?.["application/json"] ?? Object.values(content ?? {})[0];
  return { documented: true, schema: json?.schema };
}

function compileEntry(method: string, path: string, status: number): CachedEntry {
  const { documented, schema } = responseSchema(method, path, status);
  if (!documented) return "undocumented";
  if (schema === undefined) return "no-schema";
  return loadAjv().compile(convertSchema(schema) as object);
}

function validatorFor(method: string, path: string, status: number): CachedEntry {
  const key = `${method} ${path} ${status}`;
  let entry = validators.get(key) ?? readCached(key);
  if (entry === undefined) {
    entry = compileEntry(method, path, status);
    writeCached(key, entry, loadAjv());
  }
  validators.set(key, entry);
  return entry;
}

/** A description of how the response breaks GitHub's contract, or undefined when it keeps it. */
export function checkResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
): string | undefined {
  const validate = validatorFor(method, path, status);
  if (validate === "undocumented") {
    // Error statuses GitHub does not list per operation (401, 5xx, …) are still real answers.
    return status < 300
      ? `${method} ${path}: status ${status} is not documented for this operation`
      : undefined;
  }
  if (validate === "no-schema" || validate(body)) return undefined;
  const details = (validate.errors ?? [])
    .slice(0, 8)
    .map(
      (error) =>
        `${error.instancePath || "(body)"} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ""}`,
    );
  return `${method} ${path} ${status}: response does not match GitHub's OpenAPI schema: ${details.join("; ")}`;
}

function requestSchema(method: string, path: string): unknown {
  const operation = loadSpec().paths[path]?.[method.toLowerCase()] as
    | { requestBody?: Node }
    | undefined;
  const content = operation?.requestBody?.content as
    | Record<string, { schema?: unknown }>
    | undefined;
  return content?.["application/json"]?.schema;
}

function requestValidatorFor(method: string, path: string): CachedEntry {
  const key = `${method} ${path} request`;
  let entry = validators.get(key) ?? readCached(key);
  if (entry === undefined) {
    const schema = requestSchema(method, path);
    entry = schema === undefined ? "no-schema" : loadAjv().compile(convertSchema(schema) as object);
    writeCached(key, entry, loadAjv());
  }
  validators.set(key, entry);
  return entry;
}

/**
 * How a request body breaks the operation's documented shape, worded like GitHub's 422
 * "Invalid request" messages, or undefined when it is fine (or the operation takes no body).
 */
export function checkRequestBody(method: string, path: string, body: unknown): string | undefined {
  if (method === "GET" || method === "HEAD") return undefined;
  const validate = requestValidatorFor(method, path);
  if (validate === "no-schema" || validate === "undocumented" || validate(body)) return undefined;
  const first = validate.errors?.[0];
  const where = first?.instancePath
    ? `'${first.instancePath.slice(1).replace(/\//g, ".")}'`
    : "the body";
  return `Invalid request.\n\nFor ${where}: ${first?.message ?? "does not match the schema"}.`;
}

/** The x-webhooks key of an event and action: issue_comment + created → issue-comment-created. */
function webhookKey(event: string, action: string | undefined): string {
  const name = event.replace(/_/g, "-");
  return action ? `${name}-${action.replace(/_/g, "-")}` : name;
}

function webhookValidatorFor(event: string, action: string | undefined): CachedEntry {
  const key = `webhook ${webhookKey(event, action)}`;
  let entry = validators.get(key) ?? readCached(key);
  if (entry === undefined) {
    const hooks = (
      loadSpec() as unknown as { "x-webhooks"?: Record<string, { post?: { requestBody?: Node } }> }
    )["x-webhooks"];
    const content = hooks?.[webhookKey(event, action)]?.post?.requestBody?.content as
      | Record<string, { schema?: unknown }>
      | undefined;
    const schema = content?.["application/json"]?.schema;
    entry =
      schema === undefined ? "undocumented" : loadAjv().compile(convertSchema(schema) as object);
    writeCached(key, entry, loadAjv());
  }
  validators.set(key, entry);
  return entry;
}

/** How a webhook payload breaks GitHub's documented shape for its event and action, if it does. */
export function checkWebhookPayload(
  event: string,
  action: string | undefined,
  payload: unknown,
): string | undefined {
  const validate = webhookValidatorFor(event, action);
  if (validate === "undocumented")
    return `webhook ${webhookKey(event, action)} is not in GitHub's description`;
  if (validate === "no-schema" || validate(payload)) return undefined;
  const details = (validate.errors ?? [])
    .slice(0, 8)
    .map(
      (error) =>
        `${error.instancePath || "(payload)"} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ""}`,
    );
  return `webhook ${event}.${action ?? ""}: payload does not match GitHub's OpenAPI schema: ${details.join("; ")}`;
}
