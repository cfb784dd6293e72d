/** Reference inference for a logistic regression on numbers, as the ONNX graph computes it in float32. */
import { FLOAT32_MAX } from "../float32";
import type { LogisticModel } from "../trained-model";

/**
 * The logit w.x + b with float32 rounding after each product and sum (the graph uses Mul + ReduceSum
 * + Add, which round exactly like this), clamped to the finite float32 range so that huge inputs
 * still give a finite score.
 */
export function logisticScore(model: LogisticModel, features: readonly number[]): number {
  let sum = 0;
  model.weights.forEach((w, j) => {
    sum = Math.fround(sum + Math.fround(w * Math.fround(features[j])));
  });
  const logit = Math.fround(sum + model.intercept);
  return Math.max(-FLOAT32_MAX, Math.min(FLOAT32_MAX, logit));
}

/** The class-1 probability of a logit (the graph's Sigmoid). */
export function logisticProbability(score: number): number {
  const p = score >= 0 ? 1 / (1 + Math.exp(-score)) : Math.exp(score) / (1 + Math.exp(score));
  return Math.fround(p);
}
