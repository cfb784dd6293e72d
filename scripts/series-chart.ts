/**
 * `npx tsx scripts/series-chart.ts [--file <category/name.csv>] [--out docs/series-chart.svg]`:
 * draws one nab-dev series as the series core scores it (scoreSeries on the committed model, cpu-series
 * settings): the values with the expected band and NAB's labelled windows above, the score with the
 * threshold below, flagged points in red. Plain deterministic SVG (same input, same bytes).
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { escapeXml, tickStep } from "../bench/chart-svg";
import { scoreSeries } from "../lambdas/detection/series/score-series";
import type { SeriesScore } from "../lambdas/detection/series/series-pipeline";
import { readNabDev } from "../models/training/series/nab-dev";
import { openSeriesModel } from "./series-model";

const WIDTH = 960;
const LEFT = 70;
const RIGHT = 20;
const TOP = 50;
const VALUES_HEIGHT = 260;
const GAP = 40;
const SCORES_HEIGHT = 120;
const BOTTOM = 40;

/** What the chart shows. */
export interface SeriesChart {
  readonly title: string;
  readonly points: readonly SeriesScore[];
  readonly threshold: number;
  /** Labelled anomaly windows as [first index, last index]. */
  readonly windows: readonly (readonly [number, number])[];
}

function fmt(x: number): string {
  return x.toFixed(1);
}

/** The chart as an SVG document. */
export function renderSeriesChart(chart: SeriesChart): string {
  const { points, threshold } = chart;
  const n = points.length;
  const height = TOP + VALUES_HEIGHT + GAP + SCORES_HEIGHT + BOTTOM;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const t0 = points[0].t;
  const t1 = points[n - 1].t;
  const x = (t: number) => LEFT + ((t - t0) / Math.max(1, t1 - t0)) * plotWidth;
  // The value axis covers the values and (clipped to twice the values' range) the band.
  let lo = Math.min(...points.map((p) => p.value));
  let hi = Math.max(...points.map((p) => p.value));
  const span = hi - lo || 1;
  lo = Math.min(lo, Math.max(lo - span / 2, Math.min(...points.map((p) => p.expected[0]))));
  hi = Math.max(hi, Math.min(hi + span / 2, Math.max(...points.map((p) => p.expected[1]))));
  const clamp = (v: number) => Math.min(hi, Math.max(lo, v));
  const yValue = (v: number) => TOP + VALUES_HEIGHT - ((clamp(v) - lo) / (hi - lo || 1)) * VALUES_HEIGHT;
  const scoreTop = TOP + VALUES_HEIGHT + GAP;
  const yScore = (s: number) => scoreTop + SCORES_HEIGHT - s * SCORES_HEIGHT;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="20" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
    `<text x="${LEFT}" y="38" fill="#555">blue: values · grey band: expected (from the past only) · pink: NAB's labelled windows · red: flagged points</text>`,
  ];
  for (const [a, b] of chart.windows) {
    parts.push(
      `<rect x="${fmt(x(points[a].t))}" y="${TOP}" width="${fmt(x(points[b].t) - x(points[a].t))}" height="${VALUES_HEIGHT + GAP + SCORES_HEIGHT}" fill="#fde0e0"/>`,
    );
  }
  const step = tickStep(hi - lo);
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) {
    parts.push(
      `<line x1="${LEFT}" y1="${fmt(yValue(v))}" x2="${WIDTH - RIGHT}" y2="${fmt(yValue(v))}" stroke="#eeeeee"/>`,
      `<text x="${LEFT - 6}" y="${fmt(yValue(v) + 4)}" text-anchor="end" fill="#555">${Number(v.toPrecision(6))}</text>`,
    );
  }
  for (let day = Math.ceil(t0 / 86_400) * 86_400; day <= t1; day += 86_400) {
    const label = new Date(day * 1000).toISOString().slice(5, 10);
    parts.push(
      `<line x1="${fmt(x(day))}" y1="${TOP}" x2="${fmt(x(day))}" y2="${scoreTop + SCORES_HEIGHT}" stroke="#f2f2f2"/>`,
      `<text x="${fmt(x(day))}" y="${scoreTop + SCORES_HEIGHT + 16}" text-anchor="middle" fill="#555">${label}</text>`,
    );
  }
  const upper = points.map((p) => `${fmt(x(p.t))},${fmt(yValue(p.expected[1]))}`);
  const lower = points.map((p) => `${fmt(x(p.t))},${fmt(yValue(p.expected[0]))}`).reverse();
  parts.push(
    `<polygon points="${[...upper, ...lower].join(" ")}" fill="#d9d9d9" fill-opacity="0.7"/>`,
    `<polyline points="${points.map((p) => `${fmt(x(p.t))},${fmt(yValue(p.value))}`).join(" ")}" fill="none" stroke="#2171b5" stroke-width="1"/>`,
  );
  for (const p of points.filter((q) => q.anomaly === 1)) {
    parts.push(`<circle cx="${fmt(x(p.t))}" cy="${fmt(yValue(p.value))}" r="4" fill="#cb181d"/>`);
  }
  parts.push(
    `<text x="${LEFT}" y="${scoreTop - 8}" fill="#333">score (0–1); dashed: threshold ${Number(threshold.toPrecision(3))}</text>`,
    `<text x="${LEFT - 6}" y="${fmt(yScore(0) + 4)}" text-anchor="end" fill="#555">0</text>`,
    `<text x="${LEFT - 6}" y="${fmt(yScore(1) + 4)}" text-anchor="end" fill="#555">1</text>`,
    `<rect x="${LEFT}" y="${scoreTop}" width="${plotWidth}" height="${SCORES_HEIGHT}" fill="none" stroke="#cccccc"/>`,
    `<line x1="${LEFT}" y1="${fmt(yScore(threshold))}" x2="${WIDTH - RIGHT}" y2="${fmt(yScore(threshold))}" stroke="#000" stroke-dasharray="5 4"/>`,
    `<polyline points="${points.map((p) => `${fmt(x(p.t))},${fmt(yScore(p.score))}`).join(" ")}" fill="none" stroke="#6a51a3" stroke-width="1"/>`,
  );
  for (const p of points.filter((q) => q.anomaly === 1)) {
    parts.push(`<circle cx="${fmt(x(p.t))}" cy="${fmt(yScore(p.score))}" r="3" fill="#cb181d"/>`);
  }
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}

async function main(): Promise<void> {
  const { values: options } = parseArgs({
    options: {
      file: { type: "string", default: "realKnownCause/ec2_request_latency_system_failure.csv" },
      out: { type: "string", default: join(__dirname, "..", "docs", "series-chart.svg") },
    },
  });
  const series = readNabDev().find((s) => s.name === options.file);
  if (!series) throw new Error(`no nab-dev file ${options.file}`);
  const { entry, settings, session } = await openSeriesModel();
  const points = await scoreSeries(session, settings, series.timestamps, series.values);
  const svg = renderSeriesChart({
    title: `${series.name.replace(/\.csv$/, "")}: the series core, model ${entry.modelVersion}`,
    points,
    threshold: settings.threshold,
    windows: series.windows,
  });
  writeFileSync(resolve(options.out), svg);
  const flagged = points.filter((p) => p.anomaly === 1).length;
  console.log(`wrote ${resolve(options.out)}: ${points.length} points, ${flagged} flagged`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`series-chart: ${error.message}\n`);
    process.exitCode = 1;
  });
}
