/** Order statistics for benchmark samples: percentiles, medians and the spread between repeats. */

/** A summary of latency samples, in the samples' unit. */
export interface SampleSummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * The p-th percentile (0–100) of some samples, by linear interpolation between the two nearest
 * ranks (what numpy calls "linear"), so a percentile of few samples does not jump between them.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error("percentile of no samples");
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be between 0 and 100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** The median of some samples. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** p50, p99, min, max and mean of some samples. */
export function summarize(samples: readonly number[]): SampleSummary {
  if (samples.length === 0) throw new Error("summary of no samples");
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    min: Math.min(...samples),
    max: Math.max(...samples),
    mean: samples.reduce((sum, x) => sum + x, 0) / samples.length,
  };
}

/**
 * How far repeats of one measurement spread: (max − min) / median, e.g. 0.12 for ±6 %. The report
 * prints it next to a median so a reader can tell a real difference from this machine's noise.
 */
export function relativeSpread(repeats: readonly number[]): number {
  if (repeats.length === 0) throw new Error("spread of no repeats");
  const middle = median(repeats);
  return middle === 0 ? 0 : (Math.max(...repeats) - Math.min(...repeats)) / middle;
}
