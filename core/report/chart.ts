// Self-contained SVG bar charts for the report page: no script, no external resources, so the page
// works as a GitHub Pages file or a downloaded artifact. Bars carry their value for people and tests.
import { escapeHtml } from "./format.ts";

export interface Series {
  name: string;
  color: string;
  values: number[];
}

export interface BarChart {
  id: string;
  title: string;
  categories: string[];
  series: Series[];
  /** Formats a value for the bar's label and tooltip. */
  format?: (value: number) => string;
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 28, right: 12, bottom: 40, left: 40 };

export function renderBarChart(chart: BarChart): string {
  const format = chart.format ?? ((value: number) => String(value));
  const max = Math.max(1, ...chart.series.flatMap((series) => series.values));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const groupWidth = plotWidth / Math.max(1, chart.categories.length);
  const barWidth = Math.max(2, (groupWidth * 0.8) / Math.max(1, chart.series.length));
  const bars: string[] = [];
  chart.categories.forEach((category, index) => {
    chart.series.forEach((series, seriesIndex) => {
      const value = series.values[index] ?? 0;
      const height = (value / max) * plotHeight;
      const x = MARGIN.left + index * groupWidth + groupWidth * 0.1 + seriesIndex * barWidth;
      const y = MARGIN.top + plotHeight - height;
      bars.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" height="${height.toFixed(1)}" fill="${series.color}" data-series="${escapeHtml(series.name)}" data-category="${escapeHtml(category)}" data-value="${value}"><title>${escapeHtml(`${series.name}, ${category}: ${format(value)}`)}</title></rect>`,
      );
    });
    const labelX = MARGIN.left + index * groupWidth + groupWidth / 2;
    bars.push(
      `<text x="${labelX.toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" class="axis">${escapeHtml(category)}</text>`,
    );
  });
  const legend = chart.series
    .map(
      (series, index) =>
        `<rect x="${MARGIN.left + index * 150}" y="${HEIGHT - 14}" width="10" height="10" fill="${series.color}"/><text x="${MARGIN.left + index * 150 + 14}" y="${HEIGHT - 5}" class="legend">${escapeHtml(series.name)}</text>`,
    )
    .join("");
  return [
    `<figure><figcaption>${escapeHtml(chart.title)}</figcaption>`,
    `<svg id="${escapeHtml(chart.id)}" data-chart="${escapeHtml(chart.id)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(chart.title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotHeight}" x2="${WIDTH - MARGIN.right}" y2="${MARGIN.top + plotHeight}" class="baseline"/>`,
    `<text x="${MARGIN.left - 6}" y="${MARGIN.top + 4}" text-anchor="end" class="axis">${escapeHtml(format(max))}</text>`,
    `<text x="${MARGIN.left - 6}" y="${MARGIN.top + plotHeight}" text-anchor="end" class="axis">0</text>`,
    ...bars,
    legend,
    "</svg></figure>",
  ].join("\n");
}
