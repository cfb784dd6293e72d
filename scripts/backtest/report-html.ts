/**
 * The backtest report: one self-contained HTML page (no scripts, no external files) with, per
 * series, an SVG chart of its values, the band Helios expected, a marker at each alert, and the
 * score below against the threshold, then a table of the alerts. The same results always give
 * the same bytes (no generation time, fixed number formats), so reports can be compared.
 */
import { escapeXml, tickStep } from "../../bench/chart-svg";
import type { ReplayedPoint, ReplayedSeries, ReplayPlan } from "./replay";

const WIDTH = 960;
const LEFT = 64;
const RIGHT = 16;
const TOP = 12;
const VALUES_HEIGHT = 220;
const GAP = 26;
const SCORES_HEIGHT = 60;
const BOTTOM = 26;
const HEIGHT = TOP + VALUES_HEIGHT + GAP + SCORES_HEIGHT + BOTTOM;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;

/** A number as a short readable string: 4 significant digits, k/M/G/T from ten thousand up. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const units: readonly [number, string][] = [
    [1e12, "T"],
    [1e9, "G"],
    [1e6, "M"],
    [1e4, "k"],
  ];
  for (const [size, unit] of units) {
    if (abs >= size) return `${Number((value / size).toPrecision(4))}${unit}`;
  }
  if (abs !== 0 && abs < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

function isoMinute(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 16).replace("T", " ");
}

/** Points grouped by pixel column: the chart stays small for 20,000-point series. */
interface Column {
  readonly x: number;
  readonly min: number;
  readonly max: number;
  readonly low: number;
  readonly high: number;
  readonly score: number;
}

function columns(points: readonly ReplayedPoint[], xOf: (t: number) => number): Column[] {
  const out: Column[] = [];
  let current: { x: number; min: number; max: number; low: number; high: number; score: number } | undefined;
  for (const p of points) {
    const x = Math.round(xOf(p.t) * 2) / 2;
    if (!current || current.x !== x) {
      if (current) out.push(current);
      current = { x, min: p.value, max: p.value, low: p.low, high: p.high, score: p.score };
    } else {
      current.min = Math.min(current.min, p.value);
      current.max = Math.max(current.max, p.value);
      current.low = Math.min(current.low, p.low);
      current.high = Math.max(current.high, p.high);
      current.score = Math.max(current.score, p.score);
    }
  }
  if (current) out.push(current);
  return out;
}

/** The SVG chart of one replayed series. */
export function seriesChart(series: ReplayedSeries): string {
  const points = series.scored;
  if (points.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="40" class="chart"><text x="${LEFT}" y="24">no point was complete in any run</text></svg>`;
  }
  const t0 = points[0]!.t;
  const t1 = Math.max(points[points.length - 1]!.t, t0 + 1);
  const xOf = (t: number) => LEFT + ((t - t0) / (t1 - t0)) * PLOT_WIDTH;
  // The value axis follows the values, with room for a band of the same size: early bands are wide.
  let vMin = Math.min(...points.map((p) => p.value));
  let vMax = Math.max(...points.map((p) => p.value));
  const span = vMax - vMin || Math.abs(vMax) || 1;
  vMin -= span * 0.1;
  vMax += span * 0.1;
  const yOf = (v: number) =>
    TOP + VALUES_HEIGHT - ((Math.min(Math.max(v, vMin), vMax) - vMin) / (vMax - vMin)) * VALUES_HEIGHT;
  const scoreTop = TOP + VALUES_HEIGHT + GAP;
  const sOf = (s: number) => scoreTop + SCORES_HEIGHT - Math.min(Math.max(s, 0), 1) * SCORES_HEIGHT;
  const cols = columns(points, xOf);
  const f = (n: number) => n.toFixed(1);

  const band = [
    ...cols.map((c) => `${f(c.x)},${f(yOf(c.high))}`),
    ...cols
      .slice()
      .reverse()
      .map((c) => `${f(c.x)},${f(yOf(c.low))}`),
  ].join(" ");
  const line = cols
    .flatMap((c) =>
      c.min === c.max
        ? [`${f(c.x)},${f(yOf(c.min))}`]
        : [`${f(c.x)},${f(yOf(c.min))}`, `${f(c.x)},${f(yOf(c.max))}`],
    )
    .join(" ");
  const scoreLine = cols.map((c) => `${f(c.x)},${f(sOf(c.score))}`).join(" ");

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11">`,
    `<title>${escapeXml(`${series.resource} (${series.detector}): values, the range Helios expected, the score and ${series.alerts.length} alerts`)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
  ];
  const step = tickStep(vMax - vMin);
  for (let v = Math.ceil(vMin / step) * step; v <= vMax; v += step) {
    parts.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${f(yOf(v))}" y2="${f(yOf(v))}" stroke="#eeeeee"/>`,
      `<text x="${LEFT - 6}" y="${f(yOf(v) + 4)}" text-anchor="end" fill="#555">${escapeXml(formatNumber(v))}</text>`,
    );
  }
  // A date label at each UTC midnight, thinned to at most ten.
  const days: number[] = [];
  for (let d = Math.ceil(t0 / 86_400) * 86_400; d <= t1; d += 86_400) days.push(d);
  const every = Math.max(1, Math.ceil(days.length / 10));
  days.forEach((d, i) => {
    if (i % every) return;
    parts.push(
      `<line x1="${f(xOf(d))}" x2="${f(xOf(d))}" y1="${TOP}" y2="${scoreTop + SCORES_HEIGHT}" stroke="#f2f2f2"/>`,
      `<text x="${f(xOf(d))}" y="${HEIGHT - 8}" text-anchor="middle" fill="#555">${new Date(d * 1000).toISOString().slice(5, 10)}</text>`,
    );
  });
  parts.push(
    `<polygon class="expected-band" points="${band}" fill="#c6dbef" fill-opacity="0.6" stroke="none"/>`,
    `<polyline class="values" points="${line}" fill="none" stroke="#08519c" stroke-width="1"/>`,
    `<text x="${LEFT}" y="${scoreTop - 6}" fill="#555">score (dashed: threshold ${escapeXml(formatNumber(series.threshold))})</text>`,
    `<rect x="${LEFT}" y="${scoreTop}" width="${PLOT_WIDTH}" height="${SCORES_HEIGHT}" fill="none" stroke="#dddddd"/>`,
    `<polyline class="scores" points="${scoreLine}" fill="none" stroke="#6a51a3" stroke-width="1"/>`,
  );
  if (Number.isFinite(series.threshold)) {
    const ty = f(sOf(series.threshold));
    parts.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${ty}" y2="${ty}" stroke="#cb181d" stroke-dasharray="4 3"/>`,
    );
  }
  for (const alert of series.alerts) {
    const x = f(xOf(alert.start.t));
    const label = `${isoMinute(alert.start.t)}: ${formatNumber(alert.start.value)}, expected ${formatNumber(alert.start.expected[0])} to ${formatNumber(alert.start.expected[1])}, score ${formatNumber(alert.start.score)}`;
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${TOP}" y2="${scoreTop + SCORES_HEIGHT}" stroke="#cb181d" stroke-opacity="0.5" stroke-dasharray="2 2"/>`,
      `<circle class="alert-marker" cx="${x}" cy="${f(yOf(alert.start.value))}" r="5" fill="#cb181d" stroke="#ffffff" stroke-width="1.5"><title>${escapeXml(label)}</title></circle>`,
    );
  }
  parts.push("</svg>");
  return parts.join("\n");
}

function alertTable(series: ReplayedSeries): string {
  if (series.alerts.length === 0) return '<p class="none">No alert.</p>';
  const rows = series.alerts.map(
    (a) =>
      `<tr><td>${isoMinute(a.start.t)}</td><td>${formatNumber(a.start.value)}</td><td>${formatNumber(a.start.expected[0])} to ${formatNumber(a.start.expected[1])}</td><td>${formatNumber(a.start.score)}</td></tr>`,
  );
  return `<table class="alerts"><thead><tr><th>time (UTC)</th><th>value</th><th>expected</th><th>score</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** The report page for a replay. */
export function reportHtml(results: readonly ReplayedSeries[], plan: ReplayPlan, source: string): string {
  const points = results.reduce((n, r) => n + r.points, 0);
  const alerts = results.reduce((n, r) => n + r.alerts.length, 0);
  const sections = results.map(
    (r) => `<section class="series" data-series="${escapeXml(`${r.detector}/${r.resource}`)}">
<h2>${escapeXml(r.resource)} <span class="detector">${escapeXml(r.detector)}</span></h2>
<p class="meta">${escapeXml(r.file)} · ${r.points} points every ${formatNumber(r.period / 60)} min · ${r.runs} runs · ${r.alerts.length} ${r.alerts.length === 1 ? "alert" : "alerts"}${r.problems.length ? ` · ${r.problems.length} runs with problems (first: ${escapeXml(r.problems[0]!)})` : ""}</p>
${seriesChart(r)}
${alertTable(r)}
</section>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Helios backtest: ${results.length} series, ${alerts} alerts</title>
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px; color: #222; max-width: 1000px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 2px; }
.detector { font-size: 12px; color: #fff; background: #6a51a3; border-radius: 3px; padding: 1px 6px; vertical-align: middle; }
.meta, .lead { color: #555; font-size: 13px; margin: 2px 0 6px; }
.legend span { margin-right: 14px; }
.swatch { display: inline-block; width: 12px; height: 12px; vertical-align: middle; margin-right: 4px; }
table.alerts { border-collapse: collapse; font-size: 12px; margin-top: 4px; }
table.alerts td, table.alerts th { border-bottom: 1px solid #ddd; padding: 2px 10px 2px 0; text-align: left; }
</style>
</head>
<body>
<h1>Helios backtest</h1>
<p class="lead">${escapeXml(source)}: ${results.length} series, ${points} points, ${alerts} alerts. Replayed as the watcher runs: every ${formatNumber(plan.scheduleSeconds / 60)} min over ${formatNumber(plan.historySeconds / 86_400)} days of history; each point is drawn as the run that first saw it scored it, and an incident is alerted once, where it starts.</p>
<p class="legend lead"><span><i class="swatch" style="background:#08519c"></i>value</span><span><i class="swatch" style="background:#c6dbef"></i>range Helios expected</span><span><i class="swatch" style="background:#cb181d;border-radius:6px"></i>alert</span><span><i class="swatch" style="background:#6a51a3"></i>score</span></p>
${sections.join("\n")}
</body>
</html>
`;
}
