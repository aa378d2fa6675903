// Where each <dependency> block of a pom.xml starts, keyed by its written groupId:artifactId, and
// whether it sits inside <dependencyManagement>. fast-xml-parser keeps no positions, so this is
// one regular-expression pass over the text with comments blanked out.
import { LineIndex } from "./text-lines.ts";

export interface DependencyBlock {
  line: number;
  managed: boolean;
}

export function dependencyBlocks(content: string): Map<string, DependencyBlock[]> {
  const text = content.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, " "));
  const lines = new LineIndex(text);
  const managedRanges = [
    ...text.matchAll(/<dependencyManagement>[\s\S]*?<\/dependencyManagement>/g),
  ].map((match) => [match.index, match.index + match[0].length] as const);
  const blocks = new Map<string, DependencyBlock[]>();
  for (const match of text.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
    const key = `${tagText(match[1]!, "groupId")}:${tagText(match[1]!, "artifactId")}`;
    const managed = managedRanges.some(([start, end]) => match.index > start && match.index < end);
    blocks.set(key, [...(blocks.get(key) ?? []), { line: lines.lineAt(match.index), managed }]);
  }
  return blocks;
}

function tagText(block: string, tag: string): string {
  return new RegExp(`<${tag}>\\s*([^<]*?)\\s*</${tag}>`).exec(block)?.[1] ?? "";
}
