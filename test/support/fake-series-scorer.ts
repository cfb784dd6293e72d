/**
 * A stand-in for the series detection core in the watcher's orchestration tests: a causal band
 * of the trailing 24 points' median ± 6 scaled median absolute deviations (at least 1 % of the
 * median), and incidents as runs of consecutive flagged points. It has the SeriesScorer shape and nothing of
 * the real model; tests of the real scorer live with the core.
 */
import type { SeriesIncident, SeriesScorePoint, SeriesScorer } from "../../lambdas/watcher/series-scorer";

const WINDOW = 24;

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

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
      for (let i = 0; i < values.length; i++) {
        const from = Math.max(0, i - WINDOW);
        const n = i - from;
        const value = values[i]!;
        if (n < 3) {
          points.push({ t: timestamps[i]!, value, score: 0, anomaly: 0, expected: [value, value] });
          continue;
        }
        const past = Array.from(values.subarray(from, i)).sort((a, b) => a - b);
        const mean = median(past);
        const deviations = past.map((v) => Math.abs(v - mean)).sort((a, b) => a - b);
        const spread = Math.max(6 * 1.4826 * median(deviations), Math.abs(mean) * 0.01, 1e-9);
        const score = Math.min(1, Math.abs(value - mean) / (2 * spread));
        points.push({
          t: timestamps[i]!,
          value,
          score,
          anomaly: score >= 0.5 ? 1 : 0,
          expected: [mean - spread, mean + spread],
        });
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
