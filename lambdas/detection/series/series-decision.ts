/**
 * From the scorer's raw per-point scores to a decision per point, for one series, causally:
 *
 * 1. evidence: the mean raw score (log-odds) of the last `averagePoints` points;
 * 2. anomaly likelihood: how far that evidence is above the series' own recent evidence (mean and
 *    spread of its last `historyPoints` values, spread at least `minSpread`), as L = -log10 of the
 *    normal tail probability; score = L / (L + likelihoodScale), so a tail of 1e-5 scores 0.5 at
 *    scale 5. A series that is always a little odd thus has to get odder than usual to be flagged;
 * 3. new extreme: a value beyond the range of everything before it by more than `extremeTolerance`
 *    of that range, which the scorer also finds unusual (raw score >= `extremeMinRawScore`), scores at
 *    least the threshold (after a warm-up). The second condition spares slow trends and the first
 *    weekend of a weekly pattern, whose new extremes are ordinary to the scorer;
 * 4. red filter: a point right after a flagged point is not flagged again (Numenta's filter);
 * 5. quiet period: nothing is flagged within `quietS` seconds after a flagged point.
 * Suppressed points keep their score capped just below the threshold. Scores are float32 values, so
 * `score >= threshold` reads the same in JSON as here.
 */
import type { SeriesSettings } from "./series-settings";
import { log10NormalTail } from "./tail-probability";

/** The per-point inputs of the decision. */
export interface DecisionInput {
  /** Epoch seconds, non-decreasing. */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** The scorer's raw score (log-odds) per point. */
  readonly rawScores: Float32Array;
  /** Min and max of the values before each point (NaN before the first). */
  readonly priorMin: Float64Array;
  readonly priorMax: Float64Array;
}

/** The largest float32 strictly below x (x a positive float32). */
export function float32Below(x: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x);
  view.setUint32(0, view.getUint32(0) - 1);
  return view.getFloat32(0);
}

/** The likelihood score of an evidence value against a history's mean and spread. */
export function likelihoodScore(evidence: number, mean: number, spread: number, scale: number): number {
  const tail = -log10NormalTail((evidence - mean) / spread);
  const l = tail > 0 ? tail : 0;
  return l / (l + scale);
}

/** How far x lies beyond [min, max], as a share of max - min (0 inside; Infinity off a flat history). */
export function beyondRange(x: number, min: number, max: number): number {
  const excess = Math.max(x - max, min - x, 0);
  if (excess === 0) return 0;
  const range = max - min;
  return range > 0 ? excess / range : Number.POSITIVE_INFINITY;
}

/** The score of every point (float32 values in [0, 1)); anomaly = score >= settings.threshold. */
export function decideSeries(input: DecisionInput, settings: SeriesSettings): Float32Array {
  const { timestamps, values, rawScores, priorMin, priorMax } = input;
  const n = values.length;
  const out = new Float32Array(n);
  const threshold = settings.threshold;
  const suppressed = float32Below(threshold);
  const evidence = new Float64Array(n);
  const A = settings.averagePoints;
  const H = settings.historyPoints;
  let windowSum = 0;
  let sum = 0;
  let sumSquares = 0;
  let count = 0;
  let lastFlag = Number.NEGATIVE_INFINITY;
  let previousRed = false;
  for (let i = 0; i < n; i++) {
    windowSum += rawScores[i];
    if (i >= A) windowSum -= rawScores[i - A];
    const e = windowSum / Math.min(i + 1, A);
    evidence[i] = e;

    let score = 0;
    if (count >= settings.learningPoints) {
      const mean = sum / count;
      const variance = Math.max(sumSquares / count - mean * mean, 0);
      score = likelihoodScore(
        e,
        mean,
        Math.max(Math.sqrt(variance), settings.minSpread),
        settings.likelihoodScale,
      );
    }
    if (
      i >= settings.extremeWarmupPoints &&
      timestamps[i] - timestamps[0] >= settings.extremeWarmupS &&
      rawScores[i] >= settings.extremeMinRawScore
    ) {
      const beyond = beyondRange(values[i], priorMin[i], priorMax[i]);
      if (beyond > settings.extremeTolerance) {
        const share = Number.isFinite(beyond) ? beyond / (1 + beyond) : 1;
        score = Math.max(score, threshold + (1 - threshold) * share * 0.999);
      }
    }
    score = Math.fround(score);
    const red = score >= threshold;
    if (red && (previousRed || timestamps[i] - lastFlag < settings.quietS))
      score = Math.min(score, suppressed);
    previousRed = red;
    if (score >= threshold) lastFlag = timestamps[i];
    out[i] = score;

    sum += e;
    sumSquares += e * e;
    count++;
    if (count > H) {
      const old = evidence[i - H];
      sum -= old;
      sumSquares -= old * old;
      count--;
    }
  }
  return out;
}
