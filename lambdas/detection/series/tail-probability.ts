/**
 * log10 of the upper tail of the standard normal distribution, Q(z) = P(Z > z), for any z without
 * underflow (Q(40) is 1e-350, below the smallest double, but its logarithm is fine). Uses the
 * Chebyshev fit of erfc in Numerical Recipes (erfcc, relative error below 1.2e-7 everywhere), taken
 * in log form: ln erfc(x) = ln t - x^2 + P(t), t = 1 / (1 + x/2).
 */

const LN10 = Math.log(10);

/** ln erfc(x) for x >= 0. */
function logErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/** log10 P(Z > z) for a standard normal Z: 0 at z = -infinity, -0.301 at 0, about -5 at 4.26. */
export function log10NormalTail(z: number): number {
  if (Number.isNaN(z)) return 0;
  const x = z / Math.SQRT2;
  if (x >= 0) return (logErfc(x) - Math.LN2) / LN10;
  // Below the mean the tail is 1 - Q(-z); erfc(-x) = 2 - erfc(x).
  const upper = Math.exp(logErfc(-x)) / 2;
  return Math.log1p(-upper) / LN10;
}
