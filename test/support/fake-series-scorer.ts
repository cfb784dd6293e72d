/**
 * A stand-in for the series detection core in the watcher's orchestration tests: a causal band
 * of mean ± 5 standard deviations (at least 1 % of the mean) of the last 24 points that were not
 * flagged, so an incident stays flagged while it lasts; incidents are runs of consecutive flagged
 * points. It has the SeriesScorer shape and nothing of the real model.
 */
import type { SeriesIncident, SeriesScorePoint, SeriesScorer } from "../../lambdas/watcher/series-scorer";

const WINDOW = 24;

/** A fake scorer; `calls` counts score() calls and `scored` the points scored. */
export function fakeSeriesScorer(detector: string): SeriesScorer & { calls: number; scored: number } {
  const scorer = {
    model: `${detector}-series@fake`,
    threshold: 0.5,
    calls: 0,
    scored: 0,
    async score(timestamps: Float64Array, values: Float64Array): Promise<readonly SeriesScorePoint[]> {
      scorer.calls += 1;
      scorer.scored += values.length;
      const points: SeriesScorePoint[] = [];
      const baseline: number[] = []; // the last WINDOW unflagged values
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        if (baseline.length < 3) {
          points.push({ t: timestamps[i]!, value, score: 0, anomaly: 0, expected: [value, value] });
          baseline.push(value);
          continue;
        }
        let sum = 0;
        for (const v of baseline) sum += v;
        const mean = sum / baseline.length;
        let squares = 0;
        for (const v of baseline) squares += (v - mean) ** 2;
        const spread = Math.max(5 * Math.sqrt(squares / baseline.length), Math.abs(mean) * 0.01, 1e-9);
        const score = Math.min(1, Math.abs(value - mean) / (2 * spread));
        const anomaly = score >= 0.5 ? 1 : 0;
        points.push({ t: timestamps[i]!, value, score, anomaly, expected: [mean - spread, mean + spread] });
        if (!anomaly) {
          baseline.push(value);
          if (baseline.length > WINDOW) baseline.shift();
        }
      }
      return points;
    },
    incidents(points: readonly SeriesScorePoint[]): readonly SeriesIncident[] {
      const incidents: SeriesIncident[] = [];
      let start = -1;
      let peak = -1;
      points.forEach((p, i) => {
        if (p.anomaly === 1) {
          if (start < 0) {
            start = i;
            peak = i;
          }
          if (p.score > points[peak]!.score) peak = i;
        } else if (start >= 0) {
          incidents.push({ start, end: i - 1, peak });
          start = -1;
        }
      });
      if (start >= 0) incidents.push({ start, end: points.length - 1, peak });
      return incidents;
    },
  };
  return scorer;
}
