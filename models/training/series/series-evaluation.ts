/**
 * Running the series core over many series at once, for the threshold choice (in `npm run train`)
 * and for the evaluation script: features and raw scores are computed once per series, then the
 * decision stage runs per candidate threshold. Everything here calls the core's own functions.
 */
import { findIncidents } from "../../../lambdas/detection/series/incidents";
import { decideSeries } from "../../../lambdas/detection/series/series-decision";
import { extractSeriesFeatures } from "../../../lambdas/detection/series/series-features";
import type { SeriesSettings } from "../../../lambdas/detection/series/series-settings";
import { boostedTreesMargins } from "../../reference/boosted-trees";
import type { BoostedTreesModel } from "../../trained-model";
import { type NabFileScore, type NabProfile, nabFileScore } from "./nab-scoring";

/** A series with its features and raw scores, ready for the decision stage. */
export interface ScoredSeries {
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  readonly rawScores: Float32Array;
  readonly priorMin: Float64Array;
  readonly priorMax: Float64Array;
}

/** Features and reference raw scores of one series. */
export function prepareSeries(
  model: BoostedTreesModel,
  timestamps: Float64Array,
  values: Float64Array,
): ScoredSeries {
  const features = extractSeriesFeatures(timestamps, values);
  const rawScores = boostedTreesMargins(model, features.features, values.length);
  return { timestamps, values, rawScores, priorMin: features.priorMin, priorMax: features.priorMax };
}

/** The final scores of a prepared series under some settings. */
export function decide(series: ScoredSeries, settings: SeriesSettings): Float32Array {
  return decideSeries(series, settings);
}

/** NAB's score of one prepared series with its windows. */
export function nabScore(
  series: ScoredSeries,
  windows: readonly (readonly [number, number])[],
  settings: SeriesSettings,
  profile: NabProfile,
): NabFileScore {
  const scores = decide(series, settings);
  return nabFileScore(scores.length, windows, (i) => scores[i] >= settings.threshold, profile);
}

/** Incidents (one alert each) and the weeks of data they were counted over, after `historyS` of history. */
export function alertsOver(
  series: ScoredSeries,
  settings: SeriesSettings,
  historyS: number,
  excluded: readonly (readonly [number, number])[] = [],
): { alerts: number; weeks: number } {
  const scores = decide(series, settings);
  const t = series.timestamps;
  const n = t.length;
  if (n === 0) return { alerts: 0, weeks: 0 };
  const from = t[0] + historyS;
  const points = Array.from(scores, (score, i) => ({
    t: t[i],
    score,
    anomaly: (score >= settings.threshold ? 1 : 0) as 0 | 1,
  }));
  const inExcluded = (i: number) => excluded.some(([a, b]) => i >= a && i <= b);
  const alerts = findIncidents(points).filter(
    (incident) => t[incident.start] >= from && !inExcluded(incident.start),
  ).length;
  let seconds = Math.max(0, t[n - 1] - from);
  for (const [a, b] of excluded) seconds -= Math.max(0, t[b] - Math.max(t[a], from));
  return { alerts, weeks: Math.max(0, seconds) / (7 * 86_400) };
}
