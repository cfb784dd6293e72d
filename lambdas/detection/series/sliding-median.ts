/**
 * The median of a sliding window of values. The values are kept sorted in a typed array; each is
 * inserted and removed once by a binary search and a copy, O(window) per point, which for the windows
 * the decision uses (a level over two hours: 24 points at 5 minutes, 120 at one) costs far less than a
 * sort per point and needs no dependency in the detector bundle.
 */
export class SlidingMedian {
  private sorted = new Float64Array(64);
  private count = 0;

  /** Number of values held. */
  get size(): number {
    return this.count;
  }

  add(x: number): void {
    if (this.count === this.sorted.length) {
      const grown = new Float64Array(this.sorted.length * 2);
      grown.set(this.sorted);
      this.sorted = grown;
    }
    const k = this.lowerBound(x);
    this.sorted.copyWithin(k + 1, k, this.count);
    this.sorted[k] = x;
    this.count++;
  }

  /** Removes one occurrence of x (which must be held). */
  remove(x: number): void {
    const k = this.lowerBound(x);
    if (k >= this.count || this.sorted[k] !== x) throw new Error(`SlidingMedian: ${x} is not held`);
    this.sorted.copyWithin(k, k + 1, this.count);
    this.count--;
  }

  /** The median of the values held (the mean of the middle two for an even count); NaN when empty. */
  median(): number {
    const c = this.count;
    if (c === 0) return Number.NaN;
    const half = c >> 1;
    return c % 2 === 1 ? this.sorted[half] : (this.sorted[half - 1] + this.sorted[half]) / 2;
  }

  /** The first index of the sorted values whose value is not below x. */
  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
