/**
 * The time rule of the stateless watcher. A run scheduled at time T reads the history window
 * that ends SETTLE_SECONDS before T (rounded down to the schedule's grid), scores it whole, and
 * calls "new" the points whose period ended within the last schedule period of that window.
 * Consecutive runs therefore split time into back-to-back slices: every complete point is new
 * in exactly one run, without the watcher remembering anything between runs.
 *
 * The window starts at the UTC midnight on or before `historySeconds` before its end, so the runs
 * of one day all score the same history from the same first point: the series core's answers for a
 * point depend on where its series starts (the range seen so far, the learning stretch), and a start
 * that slid with every run could recompute a past point differently and split or merge incidents.
 */
import type { WatchPlan } from "./watch-config";

/**
 * How long after its period ends a datapoint is taken as final. CloudWatch publishes EC2 basic
 * monitoring a few minutes after each 5-minute period; a point still missing after this is
 * scored as history by later runs but never alerted on.
 */
export const SETTLE_SECONDS = 300;

/** The grid the history's start is aligned to: a day, so a run reads up to one day more than asked. */
export const HISTORY_START_GRID_SECONDS = 86_400;

/** The times of one run, in epoch seconds. */
export interface RunWindow {
  /** The scheduled time rounded down to the schedule period. */
  readonly runTime: number;
  /** History read: points with start <= t < end whose period ends by `end`. */
  readonly start: number;
  readonly end: number;
  /** A point is new when its period ends after this (and by `end`). */
  readonly newAfter: number;
}

/** The window of the run scheduled at `scheduledTime` (epoch seconds). */
export function runWindow(
  scheduledTime: number,
  plan: Pick<WatchPlan, "scheduleSeconds" | "historySeconds">,
): RunWindow {
  const runTime = Math.floor(scheduledTime / plan.scheduleSeconds) * plan.scheduleSeconds;
  const end = runTime - SETTLE_SECONDS;
  const start =
    Math.floor((end - plan.historySeconds) / HISTORY_START_GRID_SECONDS) * HISTORY_START_GRID_SECONDS;
  return { runTime, start, end, newAfter: end - plan.scheduleSeconds };
}

/** How many of the leading points are complete (their period ended by the window's end). */
export function completeCount(timestamps: Float64Array, period: number, window: RunWindow): number {
  let n = timestamps.length;
  while (n > 0 && timestamps[n - 1]! + period > window.end) n--;
  return n;
}

/** Index of the first new point among the first `count` (count when none is new). */
export function firstNewIndex(
  timestamps: Float64Array,
  count: number,
  period: number,
  window: RunWindow,
): number {
  let i = count;
  while (i > 0 && timestamps[i - 1]! + period > window.newAfter) i--;
  return i;
}
