/**
 * Replays exported series as the scheduled watcher would have seen them: for each file, every
 * run from the one that first saw its first point to the one that saw its last, each with the
 * watcher's window, schedule period and incident rule (the same watchRun the function calls).
 */
import type { FileMetricSource } from "../../lambdas/metric-source/file-metric-source";
import { completeCount, firstNewIndex, runWindow, SETTLE_SECONDS } from "../../lambdas/watcher/run-window";
import type { SeriesScorePoint, SeriesScorers } from "../../lambdas/watcher/series-scorer";
import { round } from "../../lambdas/watcher/watch-alert";
import type { WatchPlan } from "../../lambdas/watcher/watch-config";
import { type NewIncident, newIncidents, watchRun } from "../../lambdas/watcher/watch-run";

/** How many points are complete by `end` (their period ended by then), in a sorted series. */
function lowerBoundComplete(timestamps: Float64Array, period: number, end: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timestamps[mid]! + period <= end) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One point as the run that first saw it scored it. */
export interface ReplayedPoint {
  readonly t: number;
  readonly value: number;
  readonly score: number;
  readonly anomaly: 0 | 1;
  readonly low: number;
  readonly high: number;
}

/** One file's replay. */
export interface ReplayedSeries {
  readonly detector: string;
  readonly resource: string;
  readonly file: string;
  readonly period: number;
  /** Points in the file. */
  readonly points: number;
  readonly runs: number;
  /** Every point some run saw as new, in time order. */
  readonly scored: readonly ReplayedPoint[];
  /** What the watcher would have alerted on, in time order. */
  readonly alerts: readonly NewIncident[];
  /** The scorer's threshold (for the chart). */
  readonly threshold: number;
  /** Runs that could not read or score the file, with why (none for a well-formed file). */
  readonly problems: readonly string[];
}

/** The schedule and window a replay uses. */
export type ReplayPlan = Pick<WatchPlan, "scheduleSeconds" | "historySeconds">;

/**
 * Replays every file of the source, one after the other, in name order.
 * @param sharePrefix score the runs that all start at the file's first point once (the default;
 *   false replays every run with its own scoring, which tests compare against)
 */
export async function replay(
  source: FileMetricSource,
  scorers: SeriesScorers,
  plan: ReplayPlan,
  sharePrefix = true,
): Promise<ReplayedSeries[]> {
  const results: ReplayedSeries[] = [];
  for (const file of source.files) {
    const { metric } = file;
    const { timestamps } = file.series;
    const first = timestamps[0]!;
    const last = timestamps[timestamps.length - 1]!;
    const P = plan.scheduleSeconds;
    // The first run whose window holds the first point complete, and the first that holds the last.
    const firstRun = Math.ceil((first + metric.period + SETTLE_SECONDS) / P) * P;
    const lastRun = Math.ceil((last + metric.period + SETTLE_SECONDS) / P) * P;
    const scored: ReplayedPoint[] = [];
    const alerts: NewIncident[] = [];
    const problems: string[] = [];
    let runs = 0;
    const keep = (outcomePoints: readonly SeriesScorePoint[], found: readonly NewIncident[]) => {
      for (const p of outcomePoints) {
        scored.push({
          t: p.t,
          value: p.value,
          score: p.score,
          anomaly: p.anomaly,
          low: p.expected[0],
          high: p.expected[1],
        });
      }
      alerts.push(...found);
    };
    // The runs whose window reaches back past the file's first point all score a prefix of the file.
    // The core is causal (a point's score depends on earlier points only) and an incident's start on
    // earlier flags only, so one scoring of the longest such prefix gives each of those runs exactly
    // what its own scoring would: the replay then scores whole windows only once they slide.
    const scorer = scorers.get(metric.detector);
    let runTime = firstRun;
    const prefixEnd = Math.floor((first + plan.historySeconds + SETTLE_SECONDS) / P) * P;
    if (sharePrefix && scorer && prefixEnd >= firstRun) {
      const last = runWindow(Math.min(prefixEnd, lastRun), plan);
      const all = Math.min(completeCount(timestamps, metric.period, last), timestamps.length);
      const points = await scorer.score(timestamps.subarray(0, all), file.series.values.subarray(0, all));
      for (; runTime <= Math.min(prefixEnd, lastRun); runTime += P) {
        runs += 1;
        const window = runWindow(runTime, plan);
        const count = lowerBoundComplete(timestamps, metric.period, window.end);
        const from = firstNewIndex(timestamps, count, metric.period, window);
        const found = newIncidents(metric, scorer, points.slice(0, count), from);
        keep(found.newPoints, found.incidents);
      }
    }
    for (; runTime <= lastRun; runTime += P) {
      runs += 1;
      const report = await watchRun([metric], runWindow(runTime, plan), { source, scorers });
      for (const unread of report.unread)
        problems.push(`run ${new Date(runTime * 1000).toISOString()}: ${unread.reason}`);
      keep(
        report.outcomes.flatMap((o) => o.newPoints),
        report.incidents,
      );
    }
    results.push({
      detector: metric.detector,
      resource: metric.dimensions.Resource!,
      file: file.file,
      period: metric.period,
      points: timestamps.length,
      runs,
      scored,
      alerts,
      threshold: scorers.get(metric.detector)?.threshold ?? Number.NaN,
      problems,
    });
  }
  return results;
}

/** The JSON line printed for one alert, its numbers as the watcher's alert rounds them. */
export function alertLine(series: Pick<ReplayedSeries, "detector" | "resource">, alert: NewIncident): string {
  return JSON.stringify({
    detector: series.detector,
    resource: series.resource,
    time: new Date(alert.start.t * 1000).toISOString(),
    value: alert.start.value,
    score: round(alert.start.score),
    expected: [round(alert.start.expected[0]), round(alert.start.expected[1])],
  });
}

/** The one-line summary printed at the end. */
export function summaryLine(results: readonly ReplayedSeries[]): string {
  const points = results.reduce((n, r) => n + r.points, 0);
  const alerts = results.reduce((n, r) => n + r.alerts.length, 0);
  const runs = results.reduce((n, r) => n + r.runs, 0);
  return `backtest: ${results.length} series, ${points} points, ${alerts} alerts (${runs} runs replayed)`;
}
