/** An in-memory MetricSource over series the test (or benchmark) builds, keyed by metricKey. */
import type { MetricReadResult, MetricSource, MetricWindow } from "../../lambdas/metric-source/metric-source";
import { metricKey, type WatchedMetric } from "../../lambdas/watcher/watch-config";

/** One stored series, oldest first. */
export interface MemorySeries {
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

/** Serves stored series; metrics with none are unread ("no such metric"). */
export class MemoryMetricSource implements MetricSource {
  readonly series = new Map<string, MemorySeries>();
  /** Windows asked for, in order. */
  readonly reads: MetricWindow[] = [];

  /** Stores a series for a metric. */
  put(metric: WatchedMetric, series: MemorySeries): void {
    this.series.set(metricKey(metric), series);
  }

  /** The stored points within the window. */
  async read(metrics: readonly WatchedMetric[], window: MetricWindow): Promise<MetricReadResult> {
    this.reads.push(window);
    const unread: { index: number; reason: string }[] = [];
    const data = metrics.map((metric, index) => {
      const stored = this.series.get(metricKey(metric));
      if (!stored) {
        unread.push({ index, reason: "no such metric" });
        return undefined;
      }
      let from = 0;
      while (from < stored.timestamps.length && stored.timestamps[from]! < window.start) from++;
      let to = from;
      while (to < stored.timestamps.length && stored.timestamps[to]! < window.end) to++;
      return {
        timestamps: stored.timestamps.subarray(from, to),
        values: stored.values.subarray(from, to),
        partial: false,
      };
    });
    return { data, unread, calls: 1 };
  }
}

/** A regular series: `count` points `period` seconds apart from `start`, value f(i). */
export function regularSeries(
  start: number,
  period: number,
  count: number,
  f: (i: number) => number,
): MemorySeries {
  const timestamps = new Float64Array(count);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    timestamps[i] = start + i * period;
    values[i] = f(i);
  }
  return { timestamps, values };
}
