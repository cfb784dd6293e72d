/**
 * One watcher run, whatever its door (the scheduled function, the backtest, the benchmark):
 * read every metric's window from the metric source, score each series whole with its
 * detector's scorer, and keep the incidents that start among the new points. An incident that
 * started in an earlier run's slice is still going on, and was alerted then: it is not new.
 */
import type { MetricSource } from "../metric-source/metric-source";
import { completeCount, firstNewIndex, type RunWindow } from "./run-window";
import type { SeriesScorePoint, SeriesScorer, SeriesScorers } from "./series-scorer";
import { resourceOf, type WatchedMetric } from "./watch-config";

/** An incident that started among this run's new points: what an alert reports. */
export interface NewIncident {
  readonly metric: WatchedMetric;
  readonly resource: string;
  /** The scorer that flagged it, e.g. "cpu-series@1.0.0+3fa9c2d1". */
  readonly model: string;
  readonly threshold: number;
  /** Its first flagged point. */
  readonly start: SeriesScorePoint;
}

/** What became of one metric in a run. */
export interface MetricOutcome {
  readonly metric: WatchedMetric;
  readonly resource: string;
  /** Complete points scored. */
  readonly points: number;
  /** The new ones, scored (what this run looked at). */
  readonly newPoints: readonly SeriesScorePoint[];
  /** CloudWatch said part of the window's data is missing. */
  readonly partial: boolean;
}

/** A metric the run could not read or score, and why. */
export interface UnreadOutcome {
  readonly metric: WatchedMetric;
  readonly reason: string;
}

/** Per detector: new points scored and how many were anomalous (the Predictions and Anomalies metrics). */
export interface DetectorCounts {
  predictions: number;
  anomalies: number;
}

/** Everything one run found. */
export interface WatchRunReport {
  readonly window: RunWindow;
  readonly outcomes: readonly MetricOutcome[];
  readonly incidents: readonly NewIncident[];
  readonly unread: readonly UnreadOutcome[];
  readonly counts: ReadonlyMap<string, DetectorCounts>;
  /** Calls made to the metric source's service. */
  readonly calls: number;
}

/** What a run works with. */
export interface WatchRunDependencies {
  readonly source: MetricSource;
  readonly scorers: SeriesScorers;
  /** Aborts reading when the run's deadline comes; what was read is still scored. */
  readonly signal?: AbortSignal;
}

/**
 * The incident rule on one scored series: its points from `from` on are new, and an incident is
 * new when it starts at one of them. One that started before is still going on: it was alerted
 * by the run that saw its start.
 */
export function newIncidents(
  metric: WatchedMetric,
  scorer: SeriesScorer,
  points: readonly SeriesScorePoint[],
  from: number,
): { newPoints: readonly SeriesScorePoint[]; incidents: NewIncident[] } {
  const resource = resourceOf(metric);
  const incidents: NewIncident[] = [];
  for (const incident of scorer.incidents(points)) {
    if (incident.start < from) continue;
    incidents.push({
      metric,
      resource,
      model: scorer.model,
      threshold: scorer.threshold,
      start: points[incident.start]!,
    });
  }
  return { newPoints: points.slice(from), incidents };
}

/** Reads, scores and finds the new incidents of every metric, for the run with this window. */
export async function watchRun(
  metrics: readonly WatchedMetric[],
  window: RunWindow,
  deps: WatchRunDependencies,
): Promise<WatchRunReport> {
  const read = await deps.source.read(metrics, { start: window.start, end: window.end }, deps.signal);
  const outcomes: MetricOutcome[] = [];
  const incidents: NewIncident[] = [];
  const unread: UnreadOutcome[] = read.unread.map((u) => ({ metric: metrics[u.index]!, reason: u.reason }));
  const counts = new Map<string, DetectorCounts>();

  for (const [index, metric] of metrics.entries()) {
    const data = read.data[index];
    if (!data) continue;
    const scorer = deps.scorers.get(metric.detector);
    if (!scorer) {
      unread.push({ metric, reason: `no series scorer for detector ${metric.detector}` });
      continue;
    }
    const resource = resourceOf(metric);
    const count = completeCount(data.timestamps, metric.period, window);
    const from = firstNewIndex(data.timestamps, count, metric.period, window);
    let points: readonly SeriesScorePoint[] = [];
    if (from < count) {
      try {
        points = await scorer.score(data.timestamps.subarray(0, count), data.values.subarray(0, count));
      } catch (error) {
        unread.push({
          metric,
          reason: `scoring failed: ${error instanceof Error ? error.message : String(error)}`,
        });
        continue;
      }
    }
    const found = newIncidents(metric, scorer, points, from);
    const tally = counts.get(metric.detector) ?? { predictions: 0, anomalies: 0 };
    tally.predictions += found.newPoints.length;
    tally.anomalies += found.newPoints.reduce((n, p) => n + p.anomaly, 0);
    counts.set(metric.detector, tally);
    outcomes.push({ metric, resource, points: count, newPoints: found.newPoints, partial: data.partial });
    incidents.push(...found.incidents);
  }
  return { window, outcomes, incidents, unread, counts, calls: read.calls };
}
