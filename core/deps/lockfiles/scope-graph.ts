// Lockfiles that list a dependency graph but no dev flags (yarn, pnpm 9, uv): a package is prod
// when a prod root reaches it, dev when only dev roots do. Callers treat a package no root reaches
// as prod: a dev finding is hidden by default, so when in doubt a package must not be dev.

export type Scope = "prod" | "dev";

export function scopesByReachability<Node>(
  prodRoots: Iterable<Node>,
  devRoots: Iterable<Node>,
  edges: (node: Node) => Iterable<Node>,
): Map<Node, Scope> {
  const scopes = new Map<Node, Scope>();
  walk(prodRoots, "prod", scopes, edges);
  walk(devRoots, "dev", scopes, edges);
  return scopes;
}

function walk<Node>(
  roots: Iterable<Node>,
  scope: Scope,
  scopes: Map<Node, Scope>,
  edges: (node: Node) => Iterable<Node>,
): void {
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (scopes.has(node)) continue;
    scopes.set(node, scope);
    for (const next of edges(node)) if (!scopes.has(next)) stack.push(next);
  }
}
