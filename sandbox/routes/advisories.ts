// GET /advisories: the global advisory database, filtered like GitHub's, with cursor pagination.
import { filterAdvisories, renderAdvisory } from "../advisories.ts";
import { paginateByCursor } from "../http/paginate.ts";
import type { Route } from "../http/route.ts";

export const advisoryRoutes: Route[] = [
  {
    method: "GET",
    path: "/advisories",
    auth: "optional",
    handle: (ctx) => {
      // Sandbox advisories are never updated, so sort=updated orders like sort=published.
      const sign = ctx.query.get("direction") === "asc" ? 1 : -1;
      const matching = filterAdvisories(ctx.state.advisories, ctx.query).sort((a, b) => {
        const [ka, kb] = [a.publishedAt, b.publishedAt];
        return ka === kb ? a.ghsaId.localeCompare(b.ghsaId) : ka < kb ? -sign : sign;
      });
      const page = paginateByCursor(ctx, matching);
      return {
        status: 200,
        body: page.items.map((advisory) => renderAdvisory(ctx.state, advisory)),
        headers: page.headers,
      };
    },
  },
  {
    method: "GET",
    path: "/advisories/{ghsa_id}",
    auth: "optional",
    handle: (ctx) => {
      const advisory = ctx.state.advisories.find(
        (candidate) => candidate.ghsaId === ctx.params.ghsa_id,
      );
      if (!advisory)
        return {
          status: 404,
          body: {
            message: "Not Found",
            documentation_url:
              "https://docs.github.com/rest/security-advisories/global-advisories#get-a-global-security-advisory",
          },
        };
      return { status: 200, body: renderAdvisory(ctx.state, advisory) };
    },
  },
];
