/**
 * The seed's training data (seeds/001_*.txt), regenerated from a seeded generator. The seed drew
 * normal readings and then anomalous ones and stacked them (np.vstack); so do we.
 */
import type { SeededRandom } from "./random";

/** How many readings to draw from U(low, high). */
export interface UniformPart {
  readonly count: number;
  readonly low: number;
  readonly high: number;
}

/** Normal readings followed by anomalous ones, each part uniform: the cpu and storage data. */
export function uniformMixture(random: SeededRandom, parts: readonly UniformPart[]): number[] {
  return parts.flatMap((part) =>
    Array.from({ length: part.count }, () => random.uniform(part.low, part.high)),
  );
}

/** How many counts to draw from Poisson(lambda). */
export interface PoissonPart {
  readonly count: number;
  readonly lambda: number;
}

/** Normal counts followed by anomalous ones, each part Poisson: the network data. */
export function poissonMixture(random: SeededRandom, parts: readonly PoissonPart[]): number[] {
  return parts.flatMap((part) => Array.from({ length: part.count }, () => random.poisson(part.lambda)));
}

/** The seed's eight labelled [failed_attempts, hour] login points (1 = anomaly). */
export const LOGIN_SAMPLES = {
  features: [
    [1, 10],
    [2, 11],
    [0, 9],
    [1, 22],
    [5, 3],
    [6, 2],
    [7, 1],
    [10, 23],
  ],
  labels: [0, 0, 0, 0, 1, 1, 1, 1],
} as const;
