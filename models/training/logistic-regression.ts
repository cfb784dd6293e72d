/**
 * L2-regularised binary logistic regression, minimising scikit-learn's objective
 * 0.5 * ||w||^2 + C * sum(log-loss) with an unpenalised intercept. Newton's method (ml-matrix
 * for the linear algebra) converges to the same unique optimum that scikit-learn's lbfgs
 * approaches, only to machine precision and in a handful of steps.
 */
import { Matrix, solve } from "ml-matrix";

/** Fitted float64 parameters. */
export interface LogisticFit {
  readonly weights: number[];
  readonly intercept: number;
  /** Newton steps taken. */
  readonly iterations: number;
}

const MAX_ITERATIONS = 100;
const STEP_TOLERANCE = 1e-13;
/** Parameters this small relative to the largest are zero to machine precision (see snapNoise). */
const NOISE = 1e-12;

/** Fits weights and intercept to rows of features and 0/1 labels with inverse regularisation strength `c`. */
export function fitLogisticRegression(
  features: readonly (readonly number[])[],
  labels: readonly number[],
  c: number,
): LogisticFit {
  const n = features.length;
  const d = features[0].length;
  const x = new Matrix(features.map((row) => [...row, 1]));
  const y = Matrix.columnVector([...labels]);
  let theta = Matrix.zeros(d + 1, 1);
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const p = x.mmul(theta).to1DArray().map(sigmoid);
    const residual = Matrix.columnVector(p).sub(y);
    const penalty = theta.clone();
    penalty.set(d, 0, 0); // the intercept is not regularised
    const gradient = x.transpose().mmul(residual).mul(c).add(penalty);
    const weighted = new Matrix(n, d + 1);
    for (let i = 0; i < n; i++) {
      const w = p[i] * (1 - p[i]);
      for (let j = 0; j <= d; j++) weighted.set(i, j, w * x.get(i, j));
    }
    const hessian = x.transpose().mmul(weighted).mul(c);
    for (let j = 0; j < d; j++) hessian.set(j, j, hessian.get(j, j) + 1);
    const step = solve(hessian, gradient);
    theta = theta.sub(step);
    if (Math.max(...step.to1DArray().map(Math.abs)) < STEP_TOLERANCE) {
      const values = snapNoise(theta.to1DArray());
      return { weights: values.slice(0, d), intercept: values[d], iterations: iteration };
    }
  }
  throw new Error(`logistic regression did not converge in ${MAX_ITERATIONS} Newton steps`);
}

/** The logistic function, written to avoid overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Sets parameters that are zero to machine precision to exactly zero. It matters for the content
 * model, whose optimal intercept is 0 but comes out as ~1e-17 of either sign: with it a text with no
 * known word would score +1e-17 and be blocked; with exactly 0 it scores 0 and is not.
 */
function snapNoise(values: number[]): number[] {
  const scale = Math.max(1, ...values.map(Math.abs));
  return values.map((v) => (Math.abs(v) < NOISE * scale ? 0 : v));
}
