/**
 * `npx tsx scripts/series-persistent-changes.ts [--model cpu-series]`: how many incidents one change
 * for good raises. NAB's windows score an anomaly's onset; an operator also cares that a change
 * which stays (a deploy that moves the level, a noisier service) is one incident, not one now and
 * another the next day. Each kind is applied for good to a 13-day, 5-minute CPU-like series (the
 * detection tests' series: 40 % ± 15 % daily sine, noise 2), at 40 placements (days 2-11, four
 * times of day), and the committed model scores the whole series; incidents are `findIncidents`'
 * (flags less than 6 hours apart are one).
 * Prints a markdown table for docs/models.md ("Changes for good").
 */
import { findIncidents } from "../lambdas/detection/series/incidents";
import { scoreSeries } from "../lambdas/detection/series/score-series";
import { DAY_POINTS, dailySeries, STEP_S } from "../test/detection/helpers/series-fixtures";
import { openSeriesModel } from "./series-model";

const DAYS = 13;
const PLACEMENT_DAYS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const PLACEMENT_OFFSETS = [0, 70, 140, 210];

/** A change for good: the new value of point i, given the series before the change and its start. */
type Change = (before: Float64Array, at: number, i: number) => number;

const clamp = (x: number) => Math.min(100, Math.max(0, x));

const CHANGES: readonly (readonly [string, Change])[] = [
  ["level up by 25 points", (v, _at, i) => clamp(v[i] + 25)],
  ["level down by 20 points (the troughs reach 0)", (v, _at, i) => clamp(v[i] - 20)],
  ["halved", (v, _at, i) => v[i] / 2],
  // A deterministic spread of -18..18 in steps of 3 (standard deviation 11.2) on top of the noise of 2.
  ["noise about 6 times wider", (v, _at, i) => clamp(v[i] + 3 * (((i * 7_919) % 13) - 6))],
  ["pinned at 100", () => 100],
  ["at 0", () => 0],
  ["stuck at its last value", (v, at) => v[at - 1]],
];

function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const half = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf("--model");
  const modelId = at >= 0 ? process.argv[at + 1] : "cpu-series";
  const { entry, session, settings } = await openSeriesModel(modelId);
  console.log(`${modelId} ${entry.modelVersion}, threshold ${settings.threshold}\n`);
  console.log(
    "| change for good | placements | caught | one incident | more | extra incidents | the extra ones start (median, hours after the change) | flagged points |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const [name, change] of CHANGES) {
    let caught = 0;
    let one = 0;
    let more = 0;
    let extra = 0;
    let flagged = 0;
    const laterStarts: number[] = [];
    for (const day of PLACEMENT_DAYS) {
      for (const offset of PLACEMENT_OFFSETS) {
        const { timestamps, values } = dailySeries(DAYS, day * 31 + offset);
        const start = day * DAY_POINTS + offset;
        const before = Float64Array.from(values);
        for (let i = start; i < values.length; i++) values[i] = change(before, start, i);
        const results = await scoreSeries(session, settings, timestamps, values);
        flagged += results.filter((r, i) => i >= start && r.anomaly === 1).length;
        const incidents = findIncidents(results).filter((incident) => incident.start >= start);
        if (incidents.length === 0) continue;
        caught++;
        if (incidents.length === 1) one++;
        else more++;
        extra += incidents.length - 1;
        for (const incident of incidents.slice(1))
          laterStarts.push(((incident.start - start) * STEP_S) / 3_600);
      }
    }
    const placements = PLACEMENT_DAYS.length * PLACEMENT_OFFSETS.length;
    const when = laterStarts.length > 0 ? median(laterStarts).toFixed(1) : "–";
    console.log(
      `| ${name} | ${placements} | ${caught} | ${one} | ${more} | ${extra} | ${when} | ${flagged} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
