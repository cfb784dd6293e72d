/**
 * The report's one chart, as SVG text: a horizontal bar per detector for its warm handler p50, a
 * thin bar for its p99 behind it, and a dashed mark at its target. Plain SVG 1.1, no scripts, no
 * external fonts, so it renders the same on GitHub, in a browser and in rsvg-convert.
 */

/** One bar of the chart. */
export interface LatencyBar {
  readonly label: string;
  readonly p50: number;
  readonly p99: number;
  /** The target for p50, drawn as a dashed mark. */
  readonly limit: number;
}

const WIDTH = 720;
const ROW = 44;
const LEFT = 90;
const RIGHT = 150;
const TOP = 56;
const BOTTOM = 48;

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", '"': "quot", "'": "apos" }[c]};`,
  );
}

/** A tick step of 1, 2 or 5 × 10^n giving at most about 6 ticks up to `max`. */
export function tickStep(max: number): number {
  if (!(max > 0)) return 1;
  const rough = max / 6;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  return step ?? 10 * power;
}

/** The chart as an SVG document. p99 bars longer than the axis are cut at its end and labelled. */
export function renderLatencyChart(title: string, unit: string, bars: readonly LatencyBar[]): string {
  if (bars.length === 0) throw new Error("a chart needs at least one bar");
  const height = TOP + bars.length * ROW + BOTTOM;
  const plotWidth = WIDTH - LEFT - RIGHT;
  // The axis covers every p50 and target with room to spare; p99s are often far longer, so they do not set it.
  const axisMax = Math.max(...bars.flatMap((b) => [b.p50, b.limit])) * 1.25;
  const step = tickStep(axisMax);
  const x = (value: number) => LEFT + (Math.min(value, axisMax) / axisMax) * plotWidth;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="24" font-size="16" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${LEFT}" y="42" fill="#555">dark bar: p50 · light bar: p99 · dashed mark: p50 target (${escapeXml(unit)})</text>`,
  ];
  for (let tick = 0; tick <= axisMax; tick += step) {
    const tx = x(tick).toFixed(1);
    parts.push(
      `<line x1="${tx}" y1="${TOP - 6}" x2="${tx}" y2="${TOP + bars.length * ROW}" stroke="#e3e3e3"/>`,
      `<text x="${tx}" y="${TOP + bars.length * ROW + 18}" text-anchor="middle" fill="#555">${tick}</text>`,
    );
  }
  parts.push(
    `<text x="${LEFT + plotWidth / 2}" y="${height - 10}" text-anchor="middle" fill="#333">${escapeXml(unit)}</text>`,
  );
  bars.forEach((bar, index) => {
    const y = TOP + index * ROW;
    const met = bar.p50 <= bar.limit;
    const p99Cut = bar.p99 > axisMax;
    parts.push(
      `<text x="${LEFT - 10}" y="${y + ROW / 2 + 4}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${LEFT}" y="${y + 8}" width="${(x(bar.p99) - LEFT).toFixed(1)}" height="${ROW - 16}" fill="#c6dbef"/>`,
      `<rect x="${LEFT}" y="${y + 14}" width="${(x(bar.p50) - LEFT).toFixed(1)}" height="${ROW - 28}" fill="${met ? "#2171b5" : "#cb181d"}"/>`,
      `<line x1="${x(bar.limit).toFixed(1)}" y1="${y + 4}" x2="${x(bar.limit).toFixed(1)}" y2="${y + ROW - 4}" stroke="#000" stroke-width="2" stroke-dasharray="4 3"/>`,
      `<text x="${WIDTH - RIGHT + 8}" y="${y + ROW / 2 + 4}">p50 ${Math.round(bar.p50)} · p99 ${Math.round(bar.p99)}${p99Cut ? " ▶" : ""}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
