/**
 * The numbers a series detector runs with: its decision threshold and the fixed parameters of the
 * post-processing (shipped in the manifest entry, so they can be read and audited there), plus the
 * feature-set version the scorer was trained on. docs/models.md ("Series detectors") explains each.
 */

/** Version of the feature extraction (series-features.ts); a model trained on another version is refused. */
export const FEATURE_SET = "series-features/1";

/** Parameters of the post-processing of the scorer's raw scores. */
export interface SeriesDecisionParameters {
  /** The raw scores (log-odds) of the last this-many points are averaged: the evidence at a point. */
  readonly averagePoints: number;
  /** The evidence is compared with the mean and spread of its own last this-many values. */
  readonly historyPoints: number;
  /** Least spread of that history (log-odds units), so a very regular series does not alarm on a blip. */
  readonly minSpread: number;
  /** Points of history before the likelihood may flag anything. */
  readonly learningPoints: number;
  /** score = L / (L + likelihoodScale), where L = -log10 of the evidence's tail probability. */
  readonly likelihoodScale: number;
  /** A value beyond the range of everything before it by more than this share of that range is flagged. */
  readonly extremeTolerance: number;
  /** The new-extreme rule waits for this much history: at least this many points ... */
  readonly extremeWarmupPoints: number;
  /** ... spanning at least this many seconds. */
  readonly extremeWarmupS: number;
  /** After a flagged point, nothing more is flagged for this many seconds (one incident, one alert). */
  readonly quietS: number;
}

/** What scoreSeries needs: the decision threshold and the post-processing parameters. */
export interface SeriesSettings extends SeriesDecisionParameters {
  /** A point is anomalous when its score >= threshold. */
  readonly threshold: number;
}

/** The post-processing parameters Helios ships (chosen on nab-dev; docs/models.md). */
export const SERIES_DECISION_PARAMETERS: SeriesDecisionParameters = {
  averagePoints: 10,
  historyPoints: 8_640,
  minSpread: 0.05,
  learningPoints: 300,
  likelihoodScale: 5,
  extremeTolerance: 0.01,
  extremeWarmupPoints: 100,
  extremeWarmupS: 86_400,
  quietS: 0,
};
