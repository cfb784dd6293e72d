/**
 * In-process latency of the series core (issue 10): scoreSeries on a warm onnxruntime session with
 * the committed series model, for a two-week series at five minutes (4,032 points) and at one minute
 * (20,160 points), with the time split into its phases (features, the one batched model run, the
 * decision) and the cost per point. The series are generated (seeded), with a daily pattern and a few
 * anomalies, like the watcher's CloudWatch data.
 */
import { onnxRawScorer, scoreSeries } from "../lambdas/detection/series/score-series";
import { decideSeries } from "../lambdas/detection/series/series-decision";
import { extractSeriesFeatures } from "../lambdas/detection/series/series-features";
import { SeededRandom } from "../models/training/random";
import { generateSeries } from "../models/training/series/synthetic-series";
import { openSeriesModel } from "../scripts/series-model";
import { type SampleSummary, summarize } from "./stats";

/** How much to measure. */
export interface SeriesLatencyPlan {
  /** Measured calls per size (after as many unmeasured ones). */
  readonly repeats: number;
}

/** The sizes measured: [points, step in seconds]. */
export const SERIES_SIZES = [
  [4_032, 300],
  [20_160, 60],
] as const;

/** The series targets of issue 10, ms. */
export const SERIES_LIMIT_MS: Readonly<Record<number, number>> = { 4032: 10, 20160: 50 };

/** One size's figures. */
export interface SeriesLatency {
  readonly points: number;
  readonly stepS: number;
  /** scoreSeries end to end, ms. */
  readonly total: SampleSummary;
  /** p50 of each phase, ms. */
  readonly featuresMs: number;
  readonly modelMs: number;
  readonly decisionMs: number;
  /** total p50 / points, µs. */
  readonly perPointUs: number;
  readonly limitMs: number;
}

/** A generated two-week series of exactly `points` points at `stepS` (no gaps). */
export function benchSeries(
  points: number,
  stepS: number,
): { timestamps: Float64Array; values: Float64Array } {
  const days = Math.ceil((points * stepS) / 86_400) + 1;
  let seed = 7;
  for (;;) {
    const g = generateSeries(new SeededRandom(seed++), "bench", { family: "cpu", days, stepS, anomalies: 2 });
    if (g.values.length >= points) {
      return { timestamps: g.timestamps.slice(0, points), values: g.values.slice(0, points) };
    }
  }
}

function timeMs(run: () => unknown): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

/** Measures every size. */
export async function measureSeriesLatency(plan: SeriesLatencyPlan): Promise<SeriesLatency[]> {
  const { session, settings } = await openSeriesModel();
  try {
    const out: SeriesLatency[] = [];
    for (const [points, stepS] of SERIES_SIZES) {
      const { timestamps, values } = benchSeries(points, stepS);
      const scorer = onnxRawScorer(session);
      const total: number[] = [];
      const features: number[] = [];
      const model: number[] = [];
      const decision: number[] = [];
      for (let k = 0; k < 2 * plan.repeats; k++) {
        const t0 = performance.now();
        await scoreSeries(session, settings, timestamps, values);
        const t1 = performance.now();
        let extracted: ReturnType<typeof extractSeriesFeatures> | undefined;
        const f = timeMs(() => {
          extracted = extractSeriesFeatures(timestamps, values);
        });
        const t2 = performance.now();
        const rawScores = await scorer(extracted!.features, points);
        const t3 = performance.now();
        const d = timeMs(() => decideSeries({ timestamps, values, rawScores, ...extracted! }, settings));
        if (k < plan.repeats) continue; // warm-up
        total.push(t1 - t0);
        features.push(f);
        model.push(t3 - t2);
        decision.push(d);
      }
      const summary = summarize(total);
      const p50 = (xs: number[]) => summarize(xs).p50;
      out.push({
        points,
        stepS,
        total: summary,
        featuresMs: p50(features),
        modelMs: p50(model),
        decisionMs: p50(decision),
        perPointUs: (summary.p50 * 1000) / points,
        limitMs: SERIES_LIMIT_MS[points],
      });
    }
    return out;
  } finally {
    await session.release();
  }
}
