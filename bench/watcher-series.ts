/**
 * The benchmark's fleet: n instances' CPUUtilization over some days, each a daily cycle with
 * seeded noise and one spike, ending at BENCH_END. The same numbers on every run.
 */
import type { WatchedMetric } from "../lambdas/watcher/watch-config";
import { SeededRandom } from "../models/training/random";

/** Where the benchmark's series end (2026-01-01T00:00:00Z), so its run window is fixed. */
export const BENCH_END = 1_767_225_600;

/** One metric and its points. */
export interface BenchSeries {
  readonly metric: WatchedMetric;
  readonly series: { readonly timestamps: Float64Array; readonly values: Float64Array };
}

/** n metrics of `days` days at `period` seconds. */
export function benchSeries(n: number, days: number, period: number): BenchSeries[] {
  const random = new SeededRandom(11);
  const count = Math.round((days * 86_400) / period);
  return Array.from({ length: n }, (_, k) => {
    const timestamps = new Float64Array(count);
    const values = new Float64Array(count);
    const spike = random.nextInt(count);
    for (let i = 0; i < count; i++) {
      const t = BENCH_END - (count - i) * period;
      timestamps[i] = t;
      const daily = Math.sin((2 * Math.PI * (t % 86_400)) / 86_400);
      values[i] = i === spike ? 97 : Math.max(0, 35 + 15 * daily + 3 * (random.nextDouble() - 0.5));
    }
    return {
      metric: {
        detector: "cpu",
        namespace: "AWS/EC2",
        metricName: "CPUUtilization",
        dimensions: { InstanceId: `i-${k.toString(16).padStart(17, "0")}` },
        stat: "Average",
        period,
      },
      series: { timestamps, values },
    };
  });
}
