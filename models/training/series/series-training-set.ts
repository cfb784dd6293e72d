/**
 * The scorer's training rows: the features of every point of many generated series, labelled 1 on
 * the onset of each injected anomaly (the points a detector should flag), 0 on normal points, and
 * left out (weight 0) over the rest of an anomaly, where adapting to the new normal is fine.
 * Normal rows are thinned to one in `normalStride` (weight = stride), which keeps training fast
 * without changing what the model estimates.
 */
import { extractSeriesFeatures, FEATURE_COUNT } from "../../../lambdas/detection/series/series-features";
import type { BoostingData } from "../gradient-boosting";
import type { GeneratedSeries } from "./synthetic-series";

/** Per-point labels of a generated series: 1 onset, 0 normal, -1 ignored. */
export function pointLabels(series: GeneratedSeries): Int8Array {
  const labels = new Int8Array(series.values.length);
  for (const a of series.anomalies) {
    for (let i = a.start; i <= a.end; i++) labels[i] = -1;
    for (let i = a.start; i <= a.onsetEnd; i++) labels[i] = 1;
  }
  return labels;
}

/** One series' features with its labels. */
export interface LabelledFeatures {
  readonly features: Float32Array;
  readonly labels: Int8Array;
}

/** The labelled features of a generated series. */
export function labelledFeatures(series: GeneratedSeries): LabelledFeatures {
  return {
    features: extractSeriesFeatures(series.timestamps, series.values).features,
    labels: pointLabels(series),
  };
}

/** Stacks labelled series into training rows, keeping every onset row and one in `normalStride` normal rows. */
export function trainingRows(parts: readonly LabelledFeatures[], normalStride: number): BoostingData {
  const F = FEATURE_COUNT;
  let rows = 0;
  for (const part of parts) {
    for (let i = 0; i < part.labels.length; i++) {
      if (part.labels[i] === 1 || (part.labels[i] === 0 && i % normalStride === 0)) rows++;
    }
  }
  const features = new Float32Array(rows * F);
  const labels = new Uint8Array(rows);
  const weights = new Float32Array(rows);
  let r = 0;
  for (const part of parts) {
    for (let i = 0; i < part.labels.length; i++) {
      const label = part.labels[i];
      if (!(label === 1 || (label === 0 && i % normalStride === 0))) continue;
      features.set(part.features.subarray(i * F, (i + 1) * F), r * F);
      labels[r] = label === 1 ? 1 : 0;
      weights[r] = label === 1 ? 1 : normalStride;
      r++;
    }
  }
  return { features, featureCount: F, labels, weights };
}
