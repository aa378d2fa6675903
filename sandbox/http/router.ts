// Matches a method and URL path to a route, by the route's OpenAPI path template.
import type { Route } from "./route.ts";

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  private readonly compiled: CompiledRoute[] = [];

  constructor(routes: Route[]) {
    for (const route of routes) this.compiled.push(compile(route));
    // Literal segments beat parameters: /issues/events must not be read as /issues/{issue_number}.
    this.compiled.sort((a, b) => literalScore(b.route.path) - literalScore(a.route.path));
  }

  match(method: string, path: string): Match | "method-not-allowed" | undefined {
    let pathMatched = false;
    for (const { route, pattern, names } of this.compiled) {
      const found = pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? "");
      });
      return { route, params };
    }
    return pathMatched ? "method-not-allowed" : undefined;
  }

  get routes(): Route[] {
    return this.compiled.map((entry) => entry.route);
  }
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_all, a, b) => {
      const name = (a ?? b) as string;
      names.push(name);
      // A file path spans segments; every other parameter is one segment.
      return name === "path" ? "(.*)" : "([^/]+)";
    });
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

function literalScore(path: string): number {
  return (
    path.split("/").filter((segment) => segment !== "" && !segment.startsWith("{")).length * 10 -
    (path.includes("{path}") ? 5 : 0)
  );
}
