/**
 * The metric source port: the watcher's view of where metric history comes from. The CloudWatch
 * adapter reads GetMetricData on AWS; the file adapter reads exported CSV series for the backtest.
 * A source never throws for one metric it cannot read: it reports the metric as unread, with why,
 * so that one bad metric does not hide the others.
 */
import type { WatchedMetric } from "../watcher/watch-config";

/** A time range in epoch seconds: points with start <= t < end. */
export interface MetricWindow {
  readonly start: number;
  readonly end: number;
}

/** One metric's datapoints in the window, oldest first. */
export interface MetricData {
  /** Epoch seconds of each datapoint (the start of its period), ascending. */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** True when the source said some of the window's data is missing (CloudWatch PartialData). */
  readonly partial: boolean;
}

/** A metric that could not be read, and why (for the run's report and log). */
export interface UnreadMetric {
  /** Its index in the list given to read(). */
  readonly index: number;
  readonly reason: string;
}

/** What one read() got: data for the metrics it could read (by index), and the rest with reasons. */
export interface MetricReadResult {
  /** One entry per requested metric; undefined where it could not be read. */
  readonly data: readonly (MetricData | undefined)[];
  readonly unread: readonly UnreadMetric[];
  /** Calls made to the backing service (GetMetricData pages), for cost reports. */
  readonly calls: number;
}

/** Reads metric history. */
export interface MetricSource {
  /**
   * Reads every metric's datapoints in the window.
   * @param signal when it aborts, reading stops and what is not read yet is reported as unread
   */
  read(
    metrics: readonly WatchedMetric[],
    window: MetricWindow,
    signal?: AbortSignal,
  ): Promise<MetricReadResult>;
}
