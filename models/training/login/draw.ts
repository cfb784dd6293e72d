/** Convenience draws over SeededRandom for the sign-in generator (choices, ranges, normals, chances). */
import type { SeededRandom } from "../random";

/** A seeded source of the draws a sign-in history needs. */
export class Draw {
  constructor(readonly random: SeededRandom) {}

  /** True with probability p. */
  chance(p: number): boolean {
    return this.random.nextDouble() < p;
  }

  /** A uniform integer in [low, high]. */
  int(low: number, high: number): number {
    return low + this.random.nextInt(high - low + 1);
  }

  /** A uniform double in [low, high). */
  between(low: number, high: number): number {
    return this.random.uniform(low, high);
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.random.nextInt(items.length)]!;
  }

  /** One option, with probability proportional to its weight. */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    const total = options.reduce((sum, [, w]) => sum + w, 0);
    let r = this.random.nextDouble() * total;
    for (const [value, weight] of options) {
      r -= weight;
      if (r < 0) return value;
    }
    return options[options.length - 1]![0];
  }

  /** A normal draw (Box-Muller; one of the pair is discarded to keep the sequence simple). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.random.nextDouble();
    const v = this.random.nextDouble();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A Poisson count. */
  poisson(lambda: number): number {
    return this.random.poisson(lambda);
  }
}
