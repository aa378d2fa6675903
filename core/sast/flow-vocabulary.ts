// What the data flow treats as request data, as cleaning, and as passing data through, per
// language. Kept apart from the analysis so adding a framework's sources is a one-line change.
import type { ParserName } from "./languages.ts";

export const DEFAULT_SOURCES: Record<ParserName, string[]> = {
  JavaScript: [],
  TypeScript: [],
  Tsx: [],
  python: [
    "request.args",
    "request.form",
    "request.values",
    "request.json",
    "request.get_json",
    "request.data",
    "request.files",
    "request.cookies",
    "request.headers",
    "request.GET",
    "request.POST",
    "request.body",
    "request.query_params",
    "request.path_params",
    "input(",
    'event["body"]',
    'event["queryStringParameters"]',
    'event.get("body")',
  ],
  go: [
    "r.URL.Query",
    "r.URL.Path",
    "r.URL.RawQuery",
    "r.FormValue",
    "r.PostFormValue",
    "r.Form",
    "r.PostForm",
    "r.Body",
    "r.Header",
    "req.URL.Query",
    "req.FormValue",
    "c.Query",
    "c.Param",
    "c.PostForm",
  ],
  java: [
    "request.getParameter",
    "request.getParameterValues",
    "request.getParameterMap",
    "request.getParameterNames",
    "request.getHeader",
    "request.getHeaders",
    "request.getHeaderNames",
    "request.getPart",
    "request.getQueryString",
    "request.getInputStream",
    "request.getReader",
    "request.getCookies",
  ],
};
const JS_SOURCES = [
  "req.query",
  "req.body",
  "req.params",
  "req.headers",
  "req.cookies",
  "req.url",
  "req.originalUrl",
  "req.get(",
  "req.param(",
  "request.query",
  "request.body",
  "request.params",
  "request.payload",
  "request.headers",
  "ctx.query",
  "ctx.params",
  "ctx.request.body",
  "ctx.request.query",
  "event.body",
  "event.queryStringParameters",
  "event.pathParameters",
  "event.headers",
  "location.hash",
  "location.search",
  "location.href",
  "document.URL",
  "document.location",
  "window.name",
];
DEFAULT_SOURCES.JavaScript = JS_SOURCES;
DEFAULT_SOURCES.TypeScript = JS_SOURCES;
DEFAULT_SOURCES.Tsx = JS_SOURCES;

const DEFAULT_SANITIZERS: Record<"js" | "python" | "go" | "java", string[]> = {
  js: [
    "parseInt",
    "parseFloat",
    "Number",
    "Boolean",
    "encodeURIComponent",
    "encodeURI",
    "escape",
    "escapeHtml",
    "basename",
    "sanitize",
    "quote",
  ],
  python: [
    "int",
    "float",
    "bool",
    "quote",
    "escape",
    "basename",
    "secure_filename",
    "escape_for_html",
    "literal_eval",
  ],
  go: ["Atoi", "ParseInt", "ParseFloat", "QuoteMeta", "EscapeString", "Base", "Clean"],
  java: [
    "parseInt",
    "parseLong",
    "valueOf",
    "encode",
    "escapeHtml4",
    "encodeForHTML",
    "encodeForSQL",
    "encodeForOS",
    "htmlEscape",
    "getName",
  ],
};

/** Functions whose result carries their arguments' taint: they build strings, not new data. */
export const PROPAGATORS = new Set([
  "join",
  "resolve",
  "normalize",
  "format",
  "concat",
  "String",
  "toString",
  "decodeURIComponent",
  "decodeURI",
  "from",
  "trim",
  "toLowerCase",
  "toUpperCase",
  "lower",
  "upper",
  "strip",
  "replace",
  "slice",
  "substring",
  "Sprintf",
  "decode",
  "b64decode",
  "b64encode",
  "urlsafe_b64decode",
  "urlsafe_b64encode",
  "unquote",
  "unquote_plus",
  "toCharArray",
  "getBytes",
  "nextElement",
  "getValue",
  "Join",
  "str",
]);

export function sanitizersFor(parser: ParserName): string[] {
  if (parser === "python" || parser === "go" || parser === "java")
    return DEFAULT_SANITIZERS[parser];
  return DEFAULT_SANITIZERS.js;
}

/** Entries of argv that are the runtime and script paths, not the user's arguments. */
export const NOT_SOURCES = /^process\.argv\[[01]\]|^sys\.argv\[0\]|^os\.Args\[0\]/;

/** `req.query.id` matches source `req.query`; `req.queryString` does not. */
export function matchesSource(text: string, sources: string[]): boolean {
  const compact = text.length < 400 && /\s/.test(text) ? text.replace(/\s+/g, "") : text;
  for (const source of sources) {
    if (!compact.startsWith(source)) continue;
    if (source.endsWith("(")) return true;
    const next = compact.charAt(source.length);
    if (next === "" || !/[A-Za-z0-9_$]/.test(next)) return true;
  }
  return false;
}
