// GitHub's page-number pagination: per_page (default 30, max 100), page, and a Link header whose
// URLs keep every other query parameter, with rel prev/next/last/first as GitHub writes them.
import type { RequestContext } from "./route.ts";

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

export function pageParams(ctx: RequestContext): { perPage: number; page: number } {
  const perPage = Math.min(
    Math.max(Number.parseInt(ctx.query.get("per_page") ?? "30", 10) || 30, 1),
    100,
  );
  const page = Math.max(Number.parseInt(ctx.query.get("page") ?? "1", 10) || 1, 1);
  return { perPage, page };
}

export function paginate<T>(ctx: RequestContext, all: T[]): Page<T> {
  const { perPage, page } = pageParams(ctx);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const last = Math.max(Math.ceil(all.length / perPage), 1);
  const link = linkHeader(ctx, page, last);
  return { items, headers: link ? { link } : {} };
}

function pageUrl(ctx: RequestContext, page: number): string {
  const url = new URL(ctx.url.pathname, ctx.state.apiUrl);
  for (const [key, value] of ctx.query) if (key !== "page") url.searchParams.append(key, value);
  url.searchParams.set("page", String(page));
  return url.toString();
}

function linkHeader(ctx: RequestContext, page: number, last: number): string | undefined {
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(ctx, Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) {
    links.push(`<${pageUrl(ctx, page + 1)}>; rel="next"`);
    links.push(`<${pageUrl(ctx, last)}>; rel="last"`);
  }
  if (page > 1) links.push(`<${pageUrl(ctx, 1)}>; rel="first"`);
  return links.length > 0 ? links.join(", ") : undefined;
}

/** Cursor pagination (`after`, `before`), as GitHub uses for /advisories: only prev/next links. */
export function paginateByCursor<T>(ctx: RequestContext, all: T[]): Page<T> {
  const { perPage } = pageParams(ctx);
  const decode = (cursor: string | null) =>
    cursor ? Number(Buffer.from(cursor, "base64url").toString("utf8")) || 0 : undefined;
  const encode = (offset: number) => Buffer.from(String(offset)).toString("base64url");
  const after = decode(ctx.query.get("after"));
  const before = decode(ctx.query.get("before"));
  const start = after ?? (before !== undefined ? Math.max(before - perPage, 0) : 0);
  const items = all.slice(start, start + perPage);
  const link = (name: "after" | "before", offset: number, rel: string) => {
    const url = new URL(ctx.url.pathname, ctx.state.apiUrl);
    for (const [key, value] of ctx.query)
      if (key !== "after" && key !== "before" && key !== "page")
        url.searchParams.append(key, value);
    url.searchParams.set(name, encode(offset));
    return `<${url}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (start > 0) links.push(link("before", start, "prev"));
  if (start + perPage < all.length) links.push(link("after", start + perPage, "next"));
  return { items, headers: links.length > 0 ? { link: links.join(", ") } : {} };
}
