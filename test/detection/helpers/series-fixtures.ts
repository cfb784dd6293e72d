/**
 * Series for the detection-core tests: a 5-minute CPU-like series with a daily pattern and seeded
 * noise, optionally with one hand-made anomaly at a known point; and the committed series model.
 */
import type * as ort from "onnxruntime-node";
import type { SeriesSettings } from "../../../lambdas/detection/series/series-settings";
import { SeededRandom } from "../../../models/training/random";
import { gaussian } from "../../../models/training/series/synthetic-series";
import { openSeriesModel as openCommitted } from "../../../scripts/series-model";

/** Five minutes, in seconds. */
export const STEP_S = 300;
/** Points per day at five minutes. */
export const DAY_POINTS = 288;
/** 2023-11-14 22:13:20 UTC: any fixed epoch. */
export const EPOCH = 1_700_000_000;

/** The committed series model and its settings for one model id. */
export async function openSeriesModel(
  modelId = "cpu-series",
): Promise<{ session: ort.InferenceSession; settings: SeriesSettings }> {
  const { session, settings } = await openCommitted(modelId);
  return { session, settings };
}

/** The hand-made anomaly kinds. */
export type HandMadeKind = "spike" | "dip" | "level-shift" | "flat-line" | "saturation" | "drop-to-zero";

/** A series of `days` days: 40 % +/- 15 % daily sine, Gaussian noise of 2, clamped to 0-100. */
export function dailySeries(days: number, seed = 11): { timestamps: Float64Array; values: Float64Array } {
  const random = new SeededRandom(seed);
  const n = days * DAY_POINTS;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timestamps[i] = EPOCH + i * STEP_S;
    const noise = gaussian(random);
    values[i] = Math.min(100, Math.max(0, 40 + 15 * Math.sin((2 * Math.PI * i) / DAY_POINTS) + 2 * noise));
  }
  return { timestamps, values };
}

/** Index of the hand-made anomalies: day 4, 100 points in (about 08:20 into the day). */
export const ANOMALY_AT = 4 * DAY_POINTS + 100;

/** A 7-day daily series with one anomaly of `kind` starting at ANOMALY_AT (lasting 3 hours if it lasts). */
export function withAnomaly(kind: HandMadeKind): { timestamps: Float64Array; values: Float64Array } {
  const series = dailySeries(7);
  const v = series.values;
  const last = ANOMALY_AT + 35;
  switch (kind) {
    case "spike":
      v[ANOMALY_AT] += 45;
      break;
    case "dip":
      v[ANOMALY_AT] -= 35;
      break;
    case "level-shift":
      for (let i = ANOMALY_AT; i < v.length; i++) v[i] = Math.min(100, v[i] + 25);
      break;
    case "flat-line":
      for (let i = ANOMALY_AT; i <= last; i++) v[i] = 37.5;
      break;
    case "saturation":
      for (let i = ANOMALY_AT; i <= last; i++) v[i] = 100;
      break;
    case "drop-to-zero":
      for (let i = ANOMALY_AT; i <= last; i++) v[i] = 0;
      break;
  }
  return series;
}

/**
 * A batch server's CPU over `days` days at five minutes: idle (3 % +/- 0.5) and busy (55 % +/- 3)
 * plateaus of 2 to 10 hours in turn, seeded: normal for it, and far from one level.
 */
export function plateauSeries(days: number, seed = 5): { timestamps: Float64Array; values: Float64Array } {
  const random = new SeededRandom(seed);
  const n = days * DAY_POINTS;
  const timestamps = Float64Array.from({ length: n }, (_, i) => EPOCH + i * STEP_S);
  const values = new Float64Array(n);
  let busy = false;
  let left = 0;
  for (let i = 0; i < n; i++) {
    if (left === 0) {
      busy = !busy;
      left = 24 + random.nextInt(96);
    }
    left--;
    const noise = gaussian(random);
    values[i] = Math.max(0, busy ? 55 + 3 * noise : 3 + 0.5 * noise);
  }
  return { timestamps, values };
}

/**
 * A mostly-zero series over `days` days at five minutes (a disk's or a queue's write operations): a
 * small background of 0-2, and about `perDay` bursts a day of lognormal size (median 1,000, log-spread
 * 1), each decaying by half every 5 minutes, seeded. Heavy-tailed: a burst sets a new two-week record
 * every few days, by a large share of the range each time, and that is normal for it.
 */
export function burstySeries(
  days: number,
  seed = 7,
  perDay = 6,
): { timestamps: Float64Array; values: Float64Array } {
  const random = new SeededRandom(seed);
  const n = days * DAY_POINTS;
  const timestamps = Float64Array.from({ length: n }, (_, i) => EPOCH + i * STEP_S);
  const values = new Float64Array(n);
  let burst = 0;
  for (let i = 0; i < n; i++) {
    burst *= 0.5;
    if (random.nextDouble() < perDay / DAY_POINTS) {
      const g = gaussian(random);
      burst += 1_000 * Math.exp(g);
    }
    values[i] = Math.round(burst + 2 * random.nextDouble());
  }
  return { timestamps, values };
}

/**
 * A growing disk (used GB, 14 days at 5 minutes: 200 GB growing by 2 GB a day, small noise) with a
 * daily job of one point at about 02:00 (within 20 minutes) that writes a temporary 45 % of the
 * level: every day's job sets a new record, by a small share of the range, at the same time of day.
 * Returns the job's points too.
 */
export function dailyJobSeries(
  days: number,
  seed = 3,
): { timestamps: Float64Array; values: Float64Array; jobs: number[] } {
  const random = new SeededRandom(seed);
  const n = days * DAY_POINTS;
  const timestamps = Float64Array.from({ length: n }, (_, i) => EPOCH + i * STEP_S);
  const values = Float64Array.from(
    { length: n },
    (_, i) => 200 + (2 * i) / DAY_POINTS + 0.2 * random.nextDouble(),
  );
  const jobs: number[] = [];
  for (let d = 0; d < days; d++) {
    const at = d * DAY_POINTS + 24 + Math.floor(random.nextDouble() * 9) - 4;
    values[at] *= 1.45 + 0.002 * random.nextDouble();
    jobs.push(at);
  }
  return { timestamps, values, jobs };
}

/**
 * An auto-scaling group's CPU over `days` days at five minutes: a tight baseline of 31 % +/- 1 with
 * bursts to 60-100 % on about one point in six, seeded. The bursts make both the spread and the
 * range wide, so a baseline that moves inside the range is a few spreads only.
 */
export function spikySeries(days: number, seed = 9): { timestamps: Float64Array; values: Float64Array } {
  return seededSeries(days, seed, (_, random) => {
    const noise = gaussian(random);
    const burst = random.nextDouble() < 1 / 6 ? 30 + 40 * random.nextDouble() : 0;
    return Math.min(100, Math.max(0, 31 + noise + burst));
  });
}

/** `days` days at five minutes from EPOCH, each value drawn by `valueAt` in order from one seeded stream. */
function seededSeries(
  days: number,
  seed: number,
  valueAt: (i: number, random: SeededRandom) => number,
): { timestamps: Float64Array; values: Float64Array } {
  const random = new SeededRandom(seed);
  const n = days * DAY_POINTS;
  const timestamps = Float64Array.from({ length: n }, (_, i) => EPOCH + i * STEP_S);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = valueAt(i, random);
  return { timestamps, values };
}

/**
 * A load balancer's request count over `days` days at five minutes: a daily swing from about 1,100
 * requests at night to 20,000 at the afternoon peak, with multiplicative noise of 8 %, seeded.
 */
export function requestSeries(days: number, seed = 13): { timestamps: Float64Array; values: Float64Array } {
  return seededSeries(days, seed, (i, random) => {
    const noise = gaussian(random);
    const daily = (1 - Math.cos((2 * Math.PI * (i % DAY_POINTS)) / DAY_POINTS)) / 2;
    return Math.round((1_200 + 18_000 * daily ** 2) * (1 + 0.08 * noise));
  });
}

/**
 * A smooth CPU over `days` days at five minutes: a daily swing of +/- 12 points on a slower wave of
 * +/- 8 (2.3 days long, so no day repeats the one before) and noise of 0.3, seeded. Its usual step is
 * small and its expected band wide: the daily baseline cannot foresee the slow wave.
 */
export function wavySeries(days: number, seed = 7): { timestamps: Float64Array; values: Float64Array } {
  return seededSeries(days, seed, (i, random) => {
    const daily = 12 * Math.sin((2 * Math.PI * i) / DAY_POINTS);
    const slow = 8 * Math.sin((2 * Math.PI * i) / (DAY_POINTS * 2.3) + 1);
    return 40 + daily + slow + 0.3 * gaussian(random);
  });
}
