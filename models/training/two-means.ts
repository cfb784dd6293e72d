/**
 * k-means with k = 2 on one feature (ml-kmeans, k-means++ initialisation). Like scikit-learn's
 * KMeans(n_init=10) it keeps the best of ten seeded runs, and it orders the centres low to high
 * so that the anomaly cluster is always the high one (the seed compared the cluster id with -1
 * and never flagged anything).
 */
import { kmeans } from "ml-kmeans";
import { float32AtOrBelow } from "../float32";
import type { TwoMeansModel } from "../trained-model";
import type { SeededRandom } from "./random";

/** Hyperparameters, named as in scikit-learn. */
export interface TwoMeansOptions {
  /** Independent k-means++ runs; the one with the lowest inertia wins. */
  readonly nInit: number;
}

/** Fits two centres to the values and returns them low first, with their float32 midpoint. */
export function trainTwoMeans(
  values: readonly number[],
  options: TwoMeansOptions,
  random: SeededRandom,
): TwoMeansModel {
  const points = values.map((v) => [v]);
  let best: { centres: [number, number]; inertia: number } | undefined;
  for (let run = 0; run < options.nInit; run++) {
    const result = kmeans(points, 2, {
      seed: random.nextUint32(),
      initialization: "kmeans++",
      maxIterations: 300,
    });
    if (!result.converged) throw new Error(`k-means run ${run} did not converge in 300 iterations`);
    // Centres recomputed as the exact means of the final clusters, so they do not depend on the
    // library's stopping tolerance.
    const centres = [0, 1].map((k) => mean(values.filter((_, i) => result.clusters[i] === k)));
    const sorted: [number, number] =
      centres[0] <= centres[1] ? [centres[0], centres[1]] : [centres[1], centres[0]];
    const inertia = values.reduce((sum, v) => sum + Math.min((v - sorted[0]) ** 2, (v - sorted[1]) ** 2), 0);
    if (!best || inertia < best.inertia) best = { centres: sorted, inertia };
  }
  if (!best) throw new Error("nInit must be at least 1");
  const [low, high] = best.centres;
  return { kind: "two-means", centres: [low, high], midpoint: float32AtOrBelow((low + high) / 2) };
}

function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error("k-means produced an empty cluster");
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
