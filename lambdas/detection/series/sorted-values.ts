/**
 * A multiset of numbers kept sorted in a typed array: each value is inserted and removed once by a
 * binary search and a copy (O(size) per change), and any rank is read in O(1). The decision uses it
 * for a sliding window's median (the level: 24 points at 5 minutes, 120 at 1 minute) and for the
 * lower quartile of a series' record jumps; at those sizes it costs far less than a sort per point,
 * and it keeps a dependency out of the detector bundle.
 */
export class SortedValues {
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
    if (k >= this.count || this.sorted[k] !== x) throw new Error(`SortedValues: ${x} is not held`);
    this.sorted.copyWithin(k, k + 1, this.count);
    this.count--;
  }

  /** The k-th smallest value held (k from 0; k < size). */
  at(k: number): number {
    return this.sorted[k];
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
