/**
 * The scorer's training rows: the features of every point of many generated series, labelled 1 where
 * an injected anomaly is visible, 0 on normal points, and left out (weight 0) over the rest of an
 * anomaly. "Visible" means the value differs from what the series would have measured without the
 * anomaly by more than VISIBLE_NOISES times its noise, within the anomaly's first VISIBLE_S seconds
 * (a new level that lasts longer may become the new normal); the first point of an anomaly is always
 * labelled 1. A flat-line or a variance change is not a departure of the value, so its onset points
 * (the generator's `onsetEnd`) are labelled instead. The scorer thus estimates the probability that a
 * point is part of an anomaly, graded by how clearly, which is what the likelihood step needs.
 * Normal rows are thinned to one in `normalStride` (weight = stride), which keeps training fast
 * without changing what the model estimates.
 */
import { extractSeriesFeatures, FEATURE_COUNT } from "../../../lambdas/detection/series/series-features";
import type { BoostingData } from "../gradient-boosting";
import type { GeneratedSeries } from "./synthetic-series";

/** A point whose value is off its clean value by more than this many noise units is labelled anomalous. */
export const VISIBLE_NOISES = 3;

/** How long after an anomaly's start its points can be labelled anomalous, seconds. */
export const VISIBLE_S = 6 * 3_600;

/** Per-point labels of a generated series: 1 anomalous, 0 normal, -1 ignored. */
export function pointLabels(series: GeneratedSeries): Int8Array {
  const { timestamps, values, clean, noise } = series;
  const labels = new Int8Array(values.length);
  for (const a of series.anomalies) {
    for (let i = a.start; i <= a.end; i++) labels[i] = -1;
    if (a.kind === "flat-line" || a.kind === "variance-change") {
      for (let i = a.start; i <= a.onsetEnd; i++) labels[i] = 1;
      continue;
    }
    labels[a.start] = 1;
    for (let i = a.start; i <= a.end && timestamps[i] - timestamps[a.start] <= VISIBLE_S; i++) {
      if (Math.abs(values[i] - clean[i]) > VISIBLE_NOISES * noise) labels[i] = 1;
    }
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
