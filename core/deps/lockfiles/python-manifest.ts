// Which Python packages a project declares itself, from pyproject.toml (PEP 621, Poetry) or a
// Pipfile: the lockfiles do not say which of their packages are direct.
import { recordAt } from "./json-text.ts";
import { pep503 } from "./names.ts";
import { tryParseToml } from "./toml-text.ts";

/** PEP 503 names a project declares, split into run-time and development ones. */
export interface DeclaredPythonNames {
  prod: Set<string>;
  dev: Set<string>;
}

/** From pyproject.toml (PEP 621, PEP 735 groups, Poetry) or a Pipfile; undefined when neither exists. */
export function declaredPythonNames(
  read: ((path: string) => string | undefined) | undefined,
): DeclaredPythonNames | undefined {
  const pyproject = tryParseToml(read?.("pyproject.toml"));
  const pipfile = tryParseToml(read?.("Pipfile"));
  if (!pyproject && !pipfile) return undefined;
  const declared: DeclaredPythonNames = { prod: new Set(), dev: new Set() };
  const add = (names: Set<string>, name: string) => name !== "python" && names.add(pep503(name));
  const project = recordAt(pyproject, "project");
  const poetry = recordAt(recordAt(pyproject, "tool"), "poetry");
  for (const name of requirementNames([
    project.dependencies,
    ...Object.values(recordAt(project, "optional-dependencies")),
  ]))
    add(declared.prod, name);
  for (const name of requirementNames(Object.values(recordAt(pyproject, "dependency-groups"))))
    add(declared.dev, name);
  for (const name of Object.keys(recordAt(poetry, "dependencies"))) add(declared.prod, name);
  for (const table of poetryDevTables(poetry))
    for (const name of Object.keys(table)) add(declared.dev, name);
  for (const name of Object.keys(recordAt(pipfile, "packages"))) add(declared.prod, name);
  for (const name of Object.keys(recordAt(pipfile, "dev-packages"))) add(declared.dev, name);
  for (const name of declared.prod) declared.dev.delete(name);
  return declared;
}

function requirementNames(lists: unknown[]): string[] {
  const requirements = lists.flatMap((list) => (Array.isArray(list) ? list : []));
  return requirements.filter((item) => typeof item === "string").map(requirementName);
}

function poetryDevTables(poetry: Record<string, unknown>): Record<string, unknown>[] {
  const groups = Object.values(recordAt(poetry, "group")).map((group) =>
    recordAt(group, "dependencies"),
  );
  return [recordAt(poetry, "dev-dependencies"), ...groups];
}

function requirementName(requirement: string): string {
  return /^[A-Za-z0-9._-]+/.exec(requirement.trim())?.[0] ?? requirement;
}
