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

/** The incidents among scored points (in time order). */
export function findIncidents(
  points: readonly Pick<SeriesScore, "t" | "score" | "anomaly">[],
  gapS: number = INCIDENT_GAP_S,
): Incident[] {
  const incidents: Incident[] = [];
  let start = -1;
  let end = -1;
  const close = () => {
    let peak = start;
    for (let i = start + 1; i <= end; i++) if (points[i].score > points[peak].score) peak = i;
    incidents.push({ start, end, peak });
  };
  for (let i = 0; i < points.length; i++) {
    if (points[i].anomaly !== 1) continue;
    if (start >= 0 && points[i].t - points[end].t < gapS) {
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
