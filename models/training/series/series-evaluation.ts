/**
 * Running the series core over many series at once, for the threshold choice (in `npm run train`)
 * and for the evaluation script: features, raw scores and the threshold-free evidence are computed
 * once per series, then only the last step (applyThreshold) runs per candidate threshold. Everything
 * here calls the core's own functions.
 */
import { incidentsOf } from "../../../lambdas/detection/series/incidents";
import {
  applyThreshold,
  type DecisionInput,
  type PointEvidence,
  pointEvidence,
} from "../../../lambdas/detection/series/series-decision";
import { extractSeriesFeatures } from "../../../lambdas/detection/series/series-features";
import type {
  SeriesDecisionParameters,
  SeriesSettings,
} from "../../../lambdas/detection/series/series-settings";
import { boostedTreesProbabilities } from "../../reference/boosted-trees";
import type { BoostedTreesModel } from "../../trained-model";
import { type NabFileScore, type NabProfile, nabFileScore } from "./nab-scoring";

/** A series with its features and raw scores, ready for the decision stage. */
export type ScoredSeries = DecisionInput;

/** Features and reference raw scores of one series. */
export function prepareSeries(
  model: BoostedTreesModel,
  timestamps: Float64Array,
  values: Float64Array,
): ScoredSeries {
  const features = extractSeriesFeatures(timestamps, values);
  const rawScores = boostedTreesProbabilities(model, features.features, values.length);
  return {
    timestamps,
    values,
    rawScores,
    deviation: features.deviation,
  };
}

/** A prepared series with its threshold-free evidence under some decision parameters. */
export interface EvidencedSeries {
  readonly timestamps: Float64Array;
  readonly evidence: PointEvidence;
}

/** The threshold-free evidence of a prepared series. */
export function withEvidence(series: ScoredSeries, parameters: SeriesDecisionParameters): EvidencedSeries {
  return { timestamps: series.timestamps, evidence: pointEvidence(series, parameters) };
}

/** The final scores of a series at a threshold. */
export function scoresAt(
  series: EvidencedSeries,
  threshold: number,
  quiet: Pick<SeriesDecisionParameters, "quietS" | "holdShare">,
): Float32Array {
  return applyThreshold(series.evidence, series.timestamps, threshold, quiet);
}

/** The final scores of a prepared series under some settings. */
export function decide(series: ScoredSeries, settings: SeriesSettings): Float32Array {
  return scoresAt(withEvidence(series, settings), settings.threshold, settings);
}

/** NAB's score of one series' final scores against its windows. */
export function nabScoreOf(
  scores: Float32Array,
  windows: readonly (readonly [number, number])[],
  threshold: number,
  profile: NabProfile,
): NabFileScore {
  return nabFileScore(scores.length, windows, (i) => scores[i] >= threshold, profile);
}

/** NAB's score of one prepared series with its windows. */
export function nabScore(
  series: ScoredSeries,
  windows: readonly (readonly [number, number])[],
  settings: SeriesSettings,
  profile: NabProfile,
): NabFileScore {
  return nabScoreOf(decide(series, settings), windows, settings.threshold, profile);
}

/**
 * Incidents (one alert each) of final scores, and the weeks of data they were counted over: after
 * `historyS` of history, leaving out incidents that start in `excluded` and the time it covers.
 */
export function alertsOf(
  timestamps: Float64Array,
  scores: Float32Array,
  threshold: number,
  historyS: number,
  excluded: readonly (readonly [number, number])[] = [],
): { alerts: number; weeks: number } {
  const t = timestamps;
  const n = t.length;
  if (n === 0) return { alerts: 0, weeks: 0 };
  const from = t[0] + historyS;
  const inExcluded = (i: number) => excluded.some(([a, b]) => i >= a && i <= b);
  const incidents = incidentsOf(
    n,
    (i) => t[i],
    (i) => scores[i],
    (i) => scores[i] >= threshold,
  );
  const alerts = incidents.filter(
    (incident) => t[incident.start] >= from && !inExcluded(incident.start),
  ).length;
  let seconds = Math.max(0, t[n - 1] - from);
  for (const [a, b] of excluded) seconds -= Math.max(0, t[b] - Math.max(t[a], from));
  return { alerts, weeks: Math.max(0, seconds) / (7 * 86_400) };
}

/** Incidents and weeks of a prepared series under some settings (see alertsOf). */
export function alertsOver(
  series: ScoredSeries,
  settings: SeriesSettings,
  historyS: number,
  excluded: readonly (readonly [number, number])[] = [],
): { alerts: number; weeks: number } {
  return alertsOf(series.timestamps, decide(series, settings), settings.threshold, historyS, excluded);
}
