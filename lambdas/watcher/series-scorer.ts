/**
 * What the watcher needs from the series detection core (lambdas/detection/series): score a
 * series causally, point by point, and group flagged points into incidents. The watcher, the
 * backtest and the benchmark depend on this shape only; the core provides it, bound to its ONNX
 * session and one detector's manifest numbers.
 */

/** One scored point, as the series core returns it. */
export interface SeriesScorePoint {
  /** Epoch seconds. */
  readonly t: number;
  readonly value: number;
  /** 0..1; the point is anomalous when it reaches the detector's threshold. */
  readonly score: number;
  readonly anomaly: 0 | 1;
  /** The range the core expected this point in, [low, high], for alerts and charts. */
  readonly expected: readonly [number, number];
}

/** Flagged points grouped into one incident, as indices into the scored points. */
export interface SeriesIncident {
  /** First flagged point: where the incident starts. */
  readonly start: number;
  /** Last point that belongs to it. */
  readonly end: number;
  /** Its highest-scoring point. */
  readonly peak: number;
}

/** One detector's series scoring, ready to run. */
export interface SeriesScorer {
  /** e.g. "cpu-series@1.0.0+3fa9c2d1", for alerts and logs. */
  readonly model: string;
  /** Score at or above which a point is anomalous. */
  readonly threshold: number;
  /** Scores every point of a series (epoch seconds, non-decreasing); point i depends on points 0..i only. */
  score(timestamps: Float64Array, values: Float64Array): Promise<readonly SeriesScorePoint[]>;
  /** Groups the flagged points of a scored series into incidents, oldest first. */
  incidents(points: readonly SeriesScorePoint[]): readonly SeriesIncident[];
}

/** Detector name to its scorer. */
export type SeriesScorers = ReadonlyMap<string, SeriesScorer>;
