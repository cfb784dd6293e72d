/**
 * Groups flagged points into incidents, so that one incident is one alert. The rule: a flagged point
 * less than `gapS` seconds after the previous flagged point belongs to the same incident; otherwise it
 * starts a new one. An incident runs from its first to its last flagged point; its peak is the point
 * with the highest score in between. Because scoring is causal, a caller without state (the watcher)
 * can recompute the incidents of the last days on every run and tell "a new incident starts here"
 * (its start is among the new points) from "still the same incident".
 */
import type { SeriesScore } from "./series-pipeline";

/** Default gap that separates two incidents: six hours without a flagged point. */
export const INCIDENT_GAP_S = 6 * 3_600;

/** One incident: indices into the points it was found in. */
export interface Incident {
  readonly start: number;
  readonly end: number;
  /** Index of the highest score within start..end. */
  readonly peak: number;
}

/**
 * The incidents of n points given their times, scores and flags (the rule above, on plain arrays, for
 * callers that hold typed arrays rather than SeriesScore objects).
 */
export function incidentsOf(
  n: number,
  time: (i: number) => number,
  score: (i: number) => number,
  flagged: (i: number) => boolean,
  gapS: number = INCIDENT_GAP_S,
): Incident[] {
  const incidents: Incident[] = [];
  let start = -1;
  let end = -1;
  const close = () => {
    let peak = start;
    for (let i = start + 1; i <= end; i++) if (score(i) > score(peak)) peak = i;
    incidents.push({ start, end, peak });
  };
  for (let i = 0; i < n; i++) {
    if (!flagged(i)) continue;
    if (start >= 0 && time(i) - time(end) < gapS) {
      end = i;
      continue;
    }
    if (start >= 0) close();
    start = i;
    end = i;
  }
  if (start >= 0) close();
  return incidents;
}

/** The incidents among scored points (in time order). */
export function findIncidents(
  points: readonly Pick<SeriesScore, "t" | "score" | "anomaly">[],
  gapS: number = INCIDENT_GAP_S,
): Incident[] {
  return incidentsOf(
    points.length,
    (i) => points[i].t,
    (i) => points[i].score,
    (i) => points[i].anomaly === 1,
    gapS,
  );
}
