/**
 * A reference detector program for the NAB scoring kit: NAB's windowed Gaussian followed by the two
 * post-processing steps the DESIGN notes ("Detection notes", Series) credit with taking it from 31 to
 * about 69 on NAB's AWS files: Numenta's anomaly likelihood and the new-extreme rule. It is the third
 * yardstick for the labelled proxy sets (with the windowed Gaussian alone and scripts/nab-new-extreme.ts),
 * not a Helios detector.
 *
 *   node ../shared/tools/nab/score-detector.mjs --data <NAB folder> \
 *     --cmd "node --import tsx scripts/nab-gaussian-steps.ts" --threshold 0.99999
 *
 * Every parameter below was fixed from the DESIGN text and Numenta's published defaults before any
 * score of this program was seen; none is tuned on nab-dev or on a proxy.
 * 1. Raw score: NAB's windowedGaussian (../shared/tools/nab/examples/windowed-gaussian.mjs): window
 *    6,400, step 100, population std (0 replaced by 1e-6), score 1 − Q(|z|), first row 0; full
 *    precision (not rounded to 12 digits as NAB stores it).
 * 2. Anomaly likelihood: a port of nupic's AnomalyLikelihood with its defaults: learningPeriod 288,
 *    estimationSamples 100 (0.5 for the first 388 rows), historicWindowSize 8,640,
 *    reestimationPeriod 100, averaging window 10; a normal fitted to the 10-row averages of the
 *    history after skipping the learning period (mean ≥ 0.03, variance ≥ 0.0003; a broad null
 *    normal while the history's values are flat, variance < 1.5e-5); likelihood = 1 − tail
 *    probability of the current 10-row average, where a red tail (≤ 1e-5) right after a red tail is
 *    reported as yellow (1e-3): Numenta's own "one alert per incident" filter.
 * 3. New extreme: 1 when a value leaves the range of all earlier values by more than 1 % of that
 *    range, after a 2-row warm-up (scripts/nab-new-extreme.ts's defaults; NAB's numenta detector
 *    uses 5 %, the task fixed 1 % to match the yardstick already in use).
 * 4. Output max(likelihood, new extreme ? 1 : 0). Optional quiet period (`--quiet-minutes`, default
 *    0 = off): after an alarm, a row scoring ≥ 1 − 1e-5 (the fixed alarm level), rows stamped within
 *    that many minutes are capped at 0.999 (Numenta's yellow level), so one incident gives one alarm.
 */
import { parseArgs } from "node:util";
import { parseSeriesCsv } from "./nab-detector";
import { newExtremeScores } from "./nab-new-extreme";

/** The fixed alarm level of the DESIGN notes (likelihood ≥ 1 − 1e-5). */
export const ALARM_LEVEL = 1 - 1e-5;

/** Numenta's "yellow" likelihood, below the alarm level: where quieted rows are capped. */
export const QUIET_CAP = 0.999;

const SQRT_PI = Math.sqrt(Math.PI);

/** erf(x) for 0 <= x < 1.5 by its power series (as the kit's windowed-gaussian example). */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return ((2 * x) / SQRT_PI) * Math.exp(-x2) * sum;
}

/** Complementary error function, about 1e-15 relative accuracy (series below 1.5, continued fraction above). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a < 1.5) return 1 - (x < 0 ? -erfSeries(a) : erfSeries(a));
  let cf = 0;
  if (a < 27.3) {
    // below 27.3 e^(-x^2) is still representable; above it the tail is 0
    let f = a;
    for (let k = 240; k >= 1; k--) f = a + k / 2 / f;
    cf = Math.exp(-a * a) / SQRT_PI / f;
  }
  return x > 0 ? cf : 2 - cf;
}

/** NAB's windowedGaussian raw scores: 1 − Q(|z|) against a growing, then stepping, window of earlier values. */
export function windowedGaussianScores(
  values: ArrayLike<number>,
  windowSize = 6400,
  stepSize = 100,
): Float64Array {
  const scores = new Float64Array(values.length);
  let window: number[] = [];
  let buffer: number[] = [];
  let mean = 0;
  let std = 1;
  const update = (): void => {
    let sum = 0;
    for (const v of window) sum += v;
    mean = sum / window.length;
    let squares = 0;
    for (const v of window) squares += (v - mean) * (v - mean);
    std = Math.sqrt(squares / window.length);
    if (std === 0) std = 0.000001; // NAB's guard: a flat window makes any change infinitely unlikely
  };
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    // two-sided: a value below the mean is reflected above it, as NAB's normalProbability does
    if (window.length > 0) scores[i] = 1 - 0.5 * erfc(Math.abs(x - mean) / std / Math.SQRT2);
    if (window.length < windowSize) {
      window.push(x);
      update();
    } else {
      buffer.push(x);
      if (buffer.length === stepSize) {
        window = window.slice(stepSize).concat(buffer);
        buffer = [];
        update();
      }
    }
  }
  return scores;
}

/** Numenta's AnomalyLikelihood parameters (nupic's defaults, plus its fixed averaging window). */
export interface LikelihoodOptions {
  learningPeriod: number;
  estimationSamples: number;
  historicWindowSize: number;
  reestimationPeriod: number;
  averagingWindow: number;
}

/** nupic AnomalyLikelihood's defaults. */
export const NUMENTA_LIKELIHOOD: LikelihoodOptions = {
  learningPeriod: 288,
  estimationSamples: 100,
  historicWindowSize: 8640,
  reestimationPeriod: 100,
  averagingWindow: 10,
};

interface Normal {
  mean: number;
  stdev: number;
}

/** nupic's tailProbability: the normal tail beyond x, reflected below the mean (nupic divides by 1.4142, kept). */
function tailProbability(x: number, d: Normal): number {
  const xp = x < d.mean ? 2 * d.mean - x : x;
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: nupic's own constant, kept to match it
  return 0.5 * erfc((xp - d.mean) / d.stdev / 1.4142);
}

/** Mean and population variance of a[from..to - 1]. */
function meanVariance(a: ArrayLike<number>, from: number, to: number): { mean: number; variance: number } {
  const n = to - from;
  let sum = 0;
  for (let i = from; i < to; i++) sum += a[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = from; i < to; i++) squares += (a[i] - mean) * (a[i] - mean);
  return { mean, variance: squares / n };
}

const NULL_NORMAL: Normal = { mean: 0.5, stdev: 1e3 };
const RED_TAIL = 1 - 0.99999;
const YELLOW_TAIL = 1 - 0.999;

/**
 * Numenta's anomaly likelihood of each row, from its value and raw score (a port of nupic's
 * AnomalyLikelihood.anomalyProbability fed one row at a time).
 */
export function anomalyLikelihoods(
  values: ArrayLike<number>,
  rawScores: ArrayLike<number>,
  options: LikelihoodOptions = NUMENTA_LIKELIHOOD,
): Float64Array {
  const { learningPeriod, estimationSamples, historicWindowSize, reestimationPeriod, averagingWindow } =
    options;
  const probation = learningPeriod + estimationSamples;
  const out = new Float64Array(values.length);
  let distribution: Normal | null = null;
  // the moving-average state and the last unfiltered tails, as nupic keeps them in its params
  let recent: number[] = [];
  let total = 0;
  let previousTail = 1;
  for (let i = 0; i < values.length; i++) {
    if (i < probation) {
      out[i] = 0.5;
      continue;
    }
    if (distribution === null || i % reestimationPeriod === 0) {
      // re-estimate from the history: rows max(0, i − window) .. i − 1
      const start = Math.max(0, i - historicWindowSize);
      const skip = Math.min(i - start, Math.max(0, learningPeriod - start));
      const averages = new Float64Array(i - start);
      recent = [];
      total = 0;
      for (let j = start; j < i; j++) {
        recent.push(rawScores[j]);
        total += rawScores[j];
        if (recent.length > averagingWindow) total -= recent.shift()!;
        averages[j - start] = total / recent.length;
      }
      if (averages.length <= skip) distribution = NULL_NORMAL;
      else {
        const scores = meanVariance(averages, skip, averages.length);
        const mean = Math.max(scores.mean, 0.03); // nupic: a tiny mean would make any blip red
        const variance = Math.max(scores.variance, 0.0003);
        distribution = { mean, stdev: Math.sqrt(variance) };
        // nupic: a flat metric is reported as not anomalous
        if (meanVariance(values, start + skip, i).variance < 1.5e-5) distribution = NULL_NORMAL;
      }
      previousTail = tailProbability(averages[averages.length - 1], distribution);
    }
    recent.push(rawScores[i]);
    total += rawScores[i];
    if (recent.length > averagingWindow) total -= recent.shift()!;
    const tail = tailProbability(total / recent.length, distribution);
    // nupic's filter: only the first red tail of a run stays red, the rest are reported yellow
    const filtered = tail <= RED_TAIL && previousTail <= RED_TAIL ? YELLOW_TAIL : tail;
    previousTail = tail;
    out[i] = 1 - filtered;
  }
  return out;
}

/** Caps at QUIET_CAP every row stamped within `minutes` after an alarm (score ≥ ALARM_LEVEL) that was not itself quieted. */
export function quietAfterAlarms(
  timestamps: ArrayLike<number>,
  scores: Float64Array,
  minutes: number,
): Float64Array {
  const out = Float64Array.from(scores);
  let quietUntil = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < out.length; i++) {
    if (timestamps[i] <= quietUntil) out[i] = Math.min(out[i], QUIET_CAP);
    else if (out[i] >= ALARM_LEVEL) quietUntil = timestamps[i] + minutes * 60;
  }
  return out;
}

/** The reference score of each row: max(likelihood of the windowed Gaussian, new extreme), optionally quieted. */
export function gaussianStepsScores(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  quietMinutes = 0,
): Float64Array {
  const likelihood = anomalyLikelihoods(values, windowedGaussianScores(values));
  const extreme = newExtremeScores(values, 0.01, 2);
  const scores = likelihood.map((l, i) => (extreme[i] === 1 ? 1 : l));
  return quietMinutes > 0 ? quietAfterAlarms(timestamps, scores, quietMinutes) : scores;
}

async function main(): Promise<void> {
  const { values: options } = parseArgs({ options: { "quiet-minutes": { type: "string", default: "0" } } });
  const quietMinutes = Number(options["quiet-minutes"]);
  if (!(quietMinutes >= 0)) throw new Error("--quiet-minutes must be >= 0");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const series = parseSeriesCsv(Buffer.concat(chunks).toString("utf8"));
  const scores = gaussianStepsScores(series.timestamps, series.values, quietMinutes);
  process.stdout.write(scores.length > 0 ? `${Array.from(scores).join("\n")}\n` : "");
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`nab-gaussian-steps: ${error.message}\n`);
    process.exitCode = 1;
  });
}
