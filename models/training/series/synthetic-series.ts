/**
 * Seeded synthetic metric series with injected anomalies, for training and for held-out checks of
 * the series detectors. Each series looks like a CloudWatch metric of one resource: a level in some
 * unit (CPU percent, bytes, requests, MB), an optional daily and weekly pattern, an optional trend,
 * noise of a chosen size and colour, benign daily bursts (a nightly job), 1- or 5-minute sampling
 * with jitter and gaps, rounding like the metric's; then 0 to 3 anomalies of the kinds the detectors
 * must catch. Everything is drawn from the SeededRandom passed in (no Math.random, no Date), so the
 * same seed gives the same series on every machine.
 */
import type { SeededRandom } from "../random";

/** What a generated series can measure; each sets the unit, the bounds and the rounding. */
export const SERIES_FAMILIES = ["cpu", "network", "storage"] as const;

/** What a generated series measures. */
export type SeriesFamily = (typeof SERIES_FAMILIES)[number];

/** The anomaly kinds the generator injects. */
export const ANOMALY_KINDS = [
  "spike",
  "dip",
  "level-shift",
  "variance-change",
  "saturation",
  "drop-to-zero",
  "trend",
  "flat-line",
] as const;

/** One injected anomaly kind. */
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** An injected anomaly: points start..end (inclusive) are changed; `onsetEnd` closes its onset. */
export interface InjectedAnomaly {
  readonly kind: AnomalyKind;
  readonly start: number;
  readonly end: number;
  /** Last index of the onset, the points a detector should flag (the rest may be adapted to). */
  readonly onsetEnd: number;
}

/** A generated series. */
export interface GeneratedSeries {
  readonly name: string;
  readonly family: SeriesFamily;
  /** Epoch seconds, non-decreasing. */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  readonly anomalies: readonly InjectedAnomaly[];
  /** The values as they were before the anomalies were injected (bounded and rounded alike). */
  readonly clean: Float64Array;
  /** The scale of the series' noise (its standard deviation, for counts at the base level). */
  readonly noise: number;
}

/** How to generate one series. */
export interface SeriesRecipe {
  readonly family: SeriesFamily;
  /** Days of data. */
  readonly days: number;
  /** Sampling period, seconds (60 or 300 for CloudWatch). */
  readonly stepS: number;
  /** Number of anomalies to inject (0 for a normal series). */
  readonly anomalies: number;
  /** Kinds to draw the anomalies from (default: all). */
  readonly kinds?: readonly AnomalyKind[];
}

export const DAY = 86_400;
/** Share of the injected spikes, dips, shifts and trends drawn small (2-12 local spreads). */
const SMALL_ANOMALY_SHARE = 0.5;
export const START = 1_700_006_400; // 2023-11-15 00:00:00 UTC, a Wednesday: a fixed epoch, never the clock

export function logUniform(random: SeededRandom, low: number, high: number): number {
  return Math.exp(random.uniform(Math.log(low), Math.log(high)));
}

export function gaussian(random: SeededRandom): number {
  // Box-Muller; 1 - u keeps the logarithm finite.
  const u = 1 - random.nextDouble();
  const v = random.nextDouble();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function pick<T>(random: SeededRandom, items: readonly T[]): T {
  return items[random.nextInt(items.length)];
}

/** The classic shape of a series (drawShape); the CloudWatch-like evaluation set builds on it. */
export interface Shape {
  readonly level: number;
  readonly ceiling: number;
  readonly dailyAmplitude: number;
  readonly businessHours: boolean;
  readonly weekendFactor: number;
  readonly trendPerDay: number;
  readonly noise: number;
  readonly poisson: boolean;
  readonly ar: number;
  readonly heavyTail: number;
  readonly burstSize: number;
  readonly burstHour: number;
  readonly decimals: number;
}

export function drawShape(random: SeededRandom, family: SeriesFamily): Shape {
  const level =
    family === "cpu"
      ? logUniform(random, 1, 70)
      : family === "network"
        ? logUniform(random, 20, 5e8)
        : logUniform(random, 500, 5e9);
  const daily = random.nextDouble() < (family === "storage" ? 0.3 : 0.65);
  const dailyAmplitude = daily ? level * logUniform(random, 0.05, family === "cpu" ? 0.8 : 1.2) : 0;
  const counts = family === "network" && level < 1e4 && random.nextDouble() < 0.6;
  return {
    level,
    ceiling: family === "cpu" ? 100 : Number.POSITIVE_INFINITY,
    dailyAmplitude,
    businessHours: daily && random.nextDouble() < 0.4,
    weekendFactor: daily && random.nextDouble() < 0.4 ? random.uniform(0.3, 0.9) : 1,
    trendPerDay:
      family === "storage" && random.nextDouble() < 0.6 ? level * logUniform(random, 0.001, 0.03) : 0,
    noise:
      level * logUniform(random, family === "storage" ? 0.0005 : 0.01, family === "storage" ? 0.02 : 0.35),
    poisson: counts,
    ar: random.nextDouble() < 0.5 ? random.uniform(0.3, 0.95) : 0,
    heavyTail: random.nextDouble() < 0.35 ? random.uniform(0.005, 0.03) : 0,
    burstSize: random.nextDouble() < 0.25 ? level * logUniform(random, 0.5, 3) : 0,
    burstHour: random.nextInt(24),
    decimals: family === "cpu" ? pick(random, [1, 2, 4]) : counts ? 0 : pick(random, [0, 0, 2]),
  };
}

/** The normal value at time t (seconds since the start) before noise. */
export function normalAt(shape: Shape, t: number, phase: number): number {
  const hour = (((t / 3_600 + phase) % 24) + 24) % 24;
  let daily = 0;
  if (shape.dailyAmplitude > 0) {
    daily = shape.businessHours
      ? shape.dailyAmplitude * (1 / (1 + Math.exp(-(hour - 8) * 2)) - 1 / (1 + Math.exp(-(hour - 18) * 2)))
      : shape.dailyAmplitude * 0.5 * (1 + Math.sin(((hour - 9) / 24) * 2 * Math.PI));
  }
  const weekday = Math.floor((t / DAY + 3 + phase / 24) % 7); // day 0 is a Wednesday
  const weekend = weekday === 3 || weekday === 4; // Saturday, Sunday
  const base = shape.level + (weekend ? daily * shape.weekendFactor : daily) + shape.trendPerDay * (t / DAY);
  const sinceBurst = (hour - shape.burstHour + 24) % 24;
  const burst = shape.burstSize > 0 && sinceBurst < 0.25 ? shape.burstSize : 0;
  return base + burst;
}

/** Generates one series from a recipe. */
export function generateSeries(random: SeededRandom, name: string, recipe: SeriesRecipe): GeneratedSeries {
  const shape = drawShape(random, recipe.family);
  const phase = random.uniform(0, 24);
  const jitter = random.nextDouble() < 0.3 ? recipe.stepS * 0.1 : 0;
  const gapRate = random.nextDouble() < 0.4 ? 0.002 : 0;
  const times: number[] = [];
  const clean: number[] = [];
  let noise = 0;
  let gapLeft = 0;
  const total = Math.floor((recipe.days * DAY) / recipe.stepS);
  for (let k = 0; k < total; k++) {
    if (gapLeft > 0) {
      gapLeft--;
      continue;
    }
    if (gapRate > 0 && random.nextDouble() < gapRate) gapLeft = 1 + random.nextInt(30);
    const t = k * recipe.stepS + (jitter > 0 ? Math.round(random.uniform(0, jitter)) : 0);
    noise = shape.ar * noise + Math.sqrt(1 - shape.ar * shape.ar) * gaussian(random);
    let x = normalAt(shape, t, phase);
    const noiseScale = shape.poisson ? Math.sqrt(Math.max(x, 1)) : shape.noise;
    x += shape.poisson ? noiseScale * gaussian(random) : noiseScale * noise;
    // Occasional blips of about three times the noise: real metrics have heavier tails than Gaussian.
    if (shape.heavyTail > 0 && random.nextDouble() < shape.heavyTail) x += noiseScale * 3 * gaussian(random);
    times.push(t);
    clean.push(x);
  }
  const values = Float64Array.from(clean);
  const before = Float64Array.from(clean);
  const anomalies = injectAnomalies(random, values, {
    ceiling: shape.ceiling,
    stepS: recipe.stepS,
    count: recipe.anomalies,
    kinds: recipe.kinds ?? ANOMALY_KINDS,
  });
  const factor = 10 ** shape.decimals;
  const asMeasured = (x: number) => Math.round(Math.min(Math.max(x, 0), shape.ceiling) * factor) / factor;
  for (let i = 0; i < values.length; i++) {
    values[i] = asMeasured(values[i]);
    before[i] = asMeasured(before[i]);
  }
  const timestamps = Float64Array.from(times, (t) => START + t);
  const noiseScale = shape.poisson ? Math.sqrt(Math.max(shape.level, 1)) : shape.noise;
  return { name, family: recipe.family, timestamps, values, anomalies, clean: before, noise: noiseScale };
}

/** Where and what to inject. */
interface Injection {
  /** Values never go above this (CPU: 100); saturation pins values here when it is finite. */
  readonly ceiling: number;
  readonly stepS: number;
  readonly count: number;
  readonly kinds: readonly AnomalyKind[];
}

function injectAnomalies(
  random: SeededRandom,
  values: Float64Array,
  injection: Injection,
): InjectedAnomaly[] {
  const n = values.length;
  const pointsPerHour = Math.max(1, Math.round(3_600 / injection.stepS));
  const out: InjectedAnomaly[] = [];
  // Anomalies start after a day of history and are spread apart so their onsets do not overlap.
  const first = Math.min(n - 1, Math.round(24 * pointsPerHour));
  const slots = injection.count;
  for (let a = 0; a < slots; a++) {
    const lo = first + Math.floor(((n - first) * a) / slots);
    const hi = first + Math.floor(((n - first) * (a + 1)) / slots);
    if (hi - lo < 4 * pointsPerHour) continue;
    const start = lo + random.nextInt(Math.max(1, hi - lo - 3 * pointsPerHour));
    const kind = pick(random, injection.kinds);
    out.push(inject(random, values, injection.ceiling, kind, start, Math.min(hi, n) - 1, pointsPerHour));
  }
  return out;
}

/** Typical spread of the values just before `start` (a robust scale for sizing the anomaly). */
function localSpread(values: Float64Array, start: number, width: number): number {
  const from = Math.max(0, start - width);
  const diffs: number[] = [];
  for (let i = from + 1; i < start; i++) diffs.push(Math.abs(values[i] - values[i - 1]));
  diffs.sort((x, y) => x - y);
  return diffs.length > 0 ? Math.max(diffs[diffs.length >> 1], 1e-9) : 1;
}

function inject(
  random: SeededRandom,
  values: Float64Array,
  ceilingValue: number,
  kind: AnomalyKind,
  start: number,
  last: number,
  pointsPerHour: number,
): InjectedAnomaly {
  const spread = localSpread(values, start, 12 * pointsPerHour) * 1.5;
  const level = Math.max(Math.abs(values[start]), spread);
  const hours = (h: number) => Math.max(1, Math.round(h * pointsPerHour));
  // Half the anomalies are small (2-12 local spreads), so the scorer learns a graded sense of how
  // unusual a departure is; the others are large (at least 6 spreads, or a share of the level).
  const size = () =>
    random.nextDouble() < SMALL_ANOMALY_SHARE
      ? spread * logUniform(random, 2, 12)
      : Math.max(spread * random.uniform(6, 25), level * random.uniform(0.3, 2));
  switch (kind) {
    case "spike":
    case "dip": {
      const length = 1 + random.nextInt(3);
      const end = Math.min(last, start + length - 1);
      const delta = size() * (kind === "spike" ? 1 : -1);
      for (let i = start; i <= end; i++)
        values[i] += kind === "dip" ? Math.max(delta, -values[i] * 0.95) : delta;
      return { kind, start, end, onsetEnd: end };
    }
    case "level-shift": {
      const end = random.nextDouble() < 0.5 ? last : Math.min(last, start + hours(random.uniform(2, 24)));
      const delta = size() * (random.nextDouble() < 0.6 ? 1 : -0.7);
      for (let i = start; i <= end; i++) values[i] = Math.max(values[i] + delta, values[i] * 0.05);
      return { kind, start, end, onsetEnd: Math.min(end, start + 5) };
    }
    case "variance-change": {
      const end = Math.min(last, start + hours(random.uniform(2, 24)));
      const factor = random.uniform(4, 12);
      for (let i = start; i <= end; i++) values[i] += spread * factor * gaussian(random);
      return { kind, start, end, onsetEnd: Math.min(end, start + 11) };
    }
    case "saturation": {
      const end = Math.min(last, start + hours(random.uniform(1, 12)));
      let top = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < start; i++) top = Math.max(top, values[i]);
      const ceiling = Number.isFinite(ceilingValue) ? ceilingValue : top * random.uniform(1.2, 2);
      for (let i = start; i <= end; i++) values[i] = ceiling;
      return { kind, start, end, onsetEnd: Math.min(end, start + 5) };
    }
    case "drop-to-zero": {
      const end = Math.min(last, start + hours(random.uniform(0.5, 12)));
      for (let i = start; i <= end; i++) values[i] = 0;
      return { kind, start, end, onsetEnd: Math.min(end, start + 5) };
    }
    case "trend": {
      const length = hours(random.uniform(3, 48));
      const end = Math.min(last, start + length);
      const slope = (size() * random.uniform(1, 3)) / length;
      const sign = random.nextDouble() < 0.7 ? 1 : -1;
      let onsetEnd = end;
      for (let i = start; i <= end; i++) {
        const d = slope * (i - start + 1);
        values[i] = Math.max(values[i] + sign * d, 0);
        if (onsetEnd === end && d > spread * 6) onsetEnd = Math.min(end, i + 5);
      }
      return { kind, start, end, onsetEnd };
    }
    case "flat-line": {
      const end = Math.min(last, start + hours(random.uniform(1, 12)));
      const stuck = values[start - 1];
      for (let i = start; i <= end; i++) values[i] = stuck;
      return { kind, start, end, onsetEnd: Math.min(end, start + Math.max(6, hours(1))) };
    }
  }
}
