/** Reference inference for the two-means (network) model, as the ONNX graph computes it in float32. */
import { FLOAT32_MAX } from "../float32";
import type { TwoMeansModel } from "../trained-model";

/**
 * The signed distance of x beyond the midpoint between the centres, (d_low^2 - d_high^2) / (2 (high - low)),
 * which is x - midpoint: positive iff x is nearer the high (anomaly) centre. Infinity is clamped to the
 * largest float32 first so that the score stays finite.
 */
export function twoMeansScore(model: TwoMeansModel, x: number): number {
  const clamped = Math.min(Math.fround(x), FLOAT32_MAX);
  return Math.fround(clamped - model.midpoint);
}
