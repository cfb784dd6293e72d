/**
 * L2 logistic regression with sample weights, by damped Newton steps: the objective of
 * training/logistic-regression.ts (0.5 ||w||^2 + C * sum of weighted log-losses, intercept
 * unpenalised), with a backtracking line search so that it converges on tens of thousands of nearly
 * separable rows, where full Newton steps overshoot.
 */
import { Matrix, solve } from "ml-matrix";
import { type LogisticFit, sigmoid } from "../logistic-regression";

const MAX_ITERATIONS = 200;
/** Stop when no parameter moves more than this in a step. */
const STEP_TOLERANCE = 1e-9;

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Fits weights and intercept to feature rows, 0/1 labels and per-row sample weights. */
export function fitDampedLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  sampleWeights: readonly number[],
  c: number,
): LogisticFit {
  const d = rows[0]!.length;
  let theta = new Array<number>(d + 1).fill(0);
  const logit = (params: readonly number[], row: readonly number[]) => {
    let z = params[d]!;
    for (let j = 0; j < d; j += 1) z += params[j]! * row[j]!;
    return z;
  };
  const objective = (params: readonly number[]) => {
    let loss = 0;
    rows.forEach((row, i) => {
      const z = logit(params, row);
      loss += sampleWeights[i]! * (labels[i] === 1 ? softplus(-z) : softplus(z));
    });
    let penalty = 0;
    for (let j = 0; j < d; j += 1) penalty += params[j]! ** 2;
    return 0.5 * penalty + c * loss;
  };
  let current = objective(theta);
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration += 1) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    rows.forEach((row, i) => {
      const p = sigmoid(logit(theta, row));
      const residual = c * sampleWeights[i]! * (p - labels[i]!);
      const w = c * sampleWeights[i]! * p * (1 - p);
      for (let a = 0; a <= d; a += 1) {
        const xa = a === d ? 1 : row[a]!;
        gradient[a]! += residual * xa;
        for (let b = a; b <= d; b += 1) hessian[a]![b]! += w * xa * (b === d ? 1 : row[b]!);
      }
    });
    for (let a = 0; a < d; a += 1) {
      gradient[a]! += theta[a]!;
      hessian[a]![a]! += 1;
    }
    for (let a = 0; a <= d; a += 1) for (let b = 0; b < a; b += 1) hessian[a]![b] = hessian[b]![a]!;
    const step = solve(new Matrix(hessian), Matrix.columnVector(gradient)).to1DArray();
    let scale = 1;
    let next = theta.map((t, j) => t - step[j]!);
    let value = objective(next);
    while (value > current && scale > 1e-6) {
      scale /= 2;
      next = theta.map((t, j) => t - scale * step[j]!);
      value = objective(next);
    }
    const moved = Math.max(...step.map((s) => Math.abs(s * scale)));
    theta = next;
    current = value;
    if (moved < STEP_TOLERANCE)
      return { weights: theta.slice(0, d), intercept: theta[d]!, iterations: iteration };
  }
  throw new Error(`logistic regression did not converge in ${MAX_ITERATIONS} damped Newton steps`);
}
