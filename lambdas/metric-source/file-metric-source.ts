/**
 * Metric source adapter for local files: a folder of exported series, `<detector>/<resource>.csv`
 * (see csv-series.ts for the format). Each file is one watched metric in the namespace
 * "Helios/Backtest", named after its detector, with a `Resource` dimension; read() slices the
 * window out of the loaded points, so a backtest can replay many runs cheaply.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { WatchedMetric } from "../watcher/watch-config";
import { seriesDetectors } from "../watcher/watch-config";
import { type CsvSeries, parseCsvSeries } from "./csv-series";
import type { MetricData, MetricReadResult, MetricSource, MetricWindow } from "./metric-source";

/** Namespace of the metrics a file source serves. */
export const FILE_NAMESPACE = "Helios/Backtest";

/** One loaded file. */
export interface FileSeries {
  /** The metric it stands for (namespace Helios/Backtest, metric name = detector, Resource dimension). */
  readonly metric: WatchedMetric;
  /** Path relative to the folder, e.g. "cpu/i-0abc.csv". */
  readonly file: string;
  readonly series: CsvSeries;
}

/** The usual step between points, in whole seconds (the median step; 300 for a single point). */
export function inferPeriod(timestamps: Float64Array): number {
  const steps: number[] = [];
  for (let i = 1; i < timestamps.length; i++) {
    const step = timestamps[i]! - timestamps[i - 1]!;
    if (step > 0) steps.push(step);
  }
  if (steps.length === 0) return 300;
  steps.sort((a, b) => a - b);
  return Math.max(1, Math.round(steps[Math.floor(steps.length / 2)]!));
}

/** First index i with sorted[i] >= value. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function fileKey(detector: string, resource: string): string {
  return `${detector}/${resource}`;
}

/** Serves the series of a folder of CSV files. */
export class FileMetricSource implements MetricSource {
  private readonly byKey: ReadonlyMap<string, FileSeries>;

  private constructor(readonly files: readonly FileSeries[]) {
    this.byKey = new Map(files.map((f) => [fileKey(f.metric.metricName, f.metric.dimensions.Resource!), f]));
  }

  /**
   * Loads every `<detector>/<resource>.csv` under `dir`, in name order. Rejects with a message
   * naming the file and line when one cannot be used, and when there is none at all.
   */
  static async open(dir: string): Promise<FileMetricSource> {
    const detectors = new Set(seriesDetectors().map((d) => d.name));
    let entries: string[];
    try {
      entries = (await readdir(dir, { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch (error) {
      throw new Error(`cannot read ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const files: FileSeries[] = [];
    for (const detector of entries.sort()) {
      if (!detectors.has(detector)) {
        throw new Error(
          `${join(dir, detector)}: "${detector}" is not a series detector (${[...detectors].join(", ")})`,
        );
      }
      const names = (await readdir(join(dir, detector))).filter((n) => n.endsWith(".csv")).sort();
      for (const name of names) {
        const file = `${detector}/${name}`;
        const parsed = parseCsvSeries(await readFile(join(dir, file), "utf8"), file);
        if (!parsed.ok) throw new Error(parsed.problem);
        const resource = name.slice(0, -".csv".length);
        files.push({
          file,
          series: parsed.series,
          metric: {
            detector,
            namespace: FILE_NAMESPACE,
            metricName: detector,
            dimensions: { Resource: resource },
            stat: "Average",
            period: inferPeriod(parsed.series.timestamps),
          },
        });
      }
    }
    if (files.length === 0) throw new Error(`${dir} holds no <detector>/<resource>.csv file`);
    return new FileMetricSource(files);
  }

  /** The points of each metric within the window; a metric with no file is unread. */
  async read(metrics: readonly WatchedMetric[], window: MetricWindow): Promise<MetricReadResult> {
    const unread: { index: number; reason: string }[] = [];
    const data = metrics.map((metric, index): MetricData | undefined => {
      const file = this.byKey.get(fileKey(metric.metricName, metric.dimensions.Resource ?? ""));
      if (metric.namespace !== FILE_NAMESPACE || !file) {
        unread.push({ index, reason: "no such file" });
        return undefined;
      }
      const { timestamps, values } = file.series;
      const from = lowerBound(timestamps, window.start);
      const to = lowerBound(timestamps, window.end);
      return { timestamps: timestamps.subarray(from, to), values: values.subarray(from, to), partial: false };
    });
    return { data, unread, calls: 0 };
  }
}
