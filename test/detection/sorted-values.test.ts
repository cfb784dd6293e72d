import fc from "fast-check";
import { SortedValues } from "../../lambdas/detection/series/sorted-values";

/** The median of xs by sorting (the reference). */
function sortedMedian(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

describe("SortedValues", () => {
  test("holds a sliding window sorted: every rank and the median equal a sort's at every step (random values with repeats)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (xs, width) => {
          const m = new SortedValues();
          for (let i = 0; i < xs.length; i++) {
            m.add(xs[i]);
            if (i >= width) m.remove(xs[i - width]);
            const window = xs.slice(Math.max(0, i - width + 1), i + 1);
            expect(m.size).toBe(window.length);
            expect(m.median()).toBe(sortedMedian(window));
            const sorted = [...window].sort((a, b) => a - b);
            expect(sorted.map((_, k) => m.at(k))).toEqual(sorted);
          }
        },
      ),
      { numRuns: 200, seed: 20_261_129 },
    );
  });

  test("is NaN when empty and refuses to remove a value it does not hold", () => {
    const m = new SortedValues();
    expect(m.median()).toBeNaN();
    m.add(2);
    expect(() => m.remove(3)).toThrow("3 is not held");
    expect(m.median()).toBe(2);
  });
});
