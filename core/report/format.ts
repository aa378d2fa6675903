// Small formatting helpers shared by the Markdown and HTML renderings.
import { formatDuration } from "../time/duration.ts";

export function percent(share: number | null): string {
  return share === null ? "–" : `${Math.round(share * 1000) / 10}%`;
}

export function duration(ms: number | null): string {
  return ms === null ? "–" : formatDuration(ms);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
