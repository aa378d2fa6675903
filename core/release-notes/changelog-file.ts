// Puts a release's section at the top of CHANGELOG.md. Running it again for the same version
// replaces that section instead of adding a second one.

const RELEASE_HEADING = /^##?#? /;

export function prependSection(
  existing: string | undefined,
  section: string,
  version: string,
): string {
  const body = section.endsWith("\n") ? section : `${section}\n`;
  if (!existing?.trim()) return `# Changelog\n\n${body}`;
  const lines = existing.replace(/\r\n/g, "\n").split("\n");
  const current = lines.findIndex((line) => isHeadingOf(line, version));
  if (current !== -1) {
    const end = nextReleaseHeading(lines, current + 1);
    return joinAround(lines.slice(0, current), body, lines.slice(end));
  }
  const firstRelease = lines.findIndex((line, index) => index > 0 && isReleaseHeading(line));
  if (firstRelease === -1) return `${existing.trimEnd()}\n\n${body}`;
  return joinAround(lines.slice(0, firstRelease), body, lines.slice(firstRelease));
}

function joinAround(before: string[], section: string, after: string[]): string {
  const head = before.join("\n").trimEnd();
  const tail = after.join("\n").trim();
  return `${head ? `${head}\n\n` : ""}${section}${tail ? `\n${tail}\n` : ""}`;
}

function isReleaseHeading(line: string): boolean {
  return RELEASE_HEADING.test(line) && !line.startsWith("# ") && /\d+\.\d+/.test(line);
}

function isHeadingOf(line: string, version: string): boolean {
  if (!isReleaseHeading(line)) return false;
  const title = line.replace(/^#+\s*/, "");
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^\\[?v?${escaped}(?:\\]|\\s|$)`).test(title);
}

function nextReleaseHeading(lines: string[], from: number): number {
  for (let index = from; index < lines.length; index++)
    if (isReleaseHeading(lines[index] ?? "")) return index;
  return lines.length;
}
