/**
 * Reference inference for boosted trees, as the ONNX graph computes it: each tree sends the float32
 * row left when x <= threshold, the leaf values are added in float32 in tree order onto the base score
 * (the log-odds), and the sigmoid of that is the probability.
 */
import type { BoostedTreesModel } from "../trained-model";

/** The log-odds of one row (float32 features starting at `offset`). */
export function boostedTreesMargin(model: BoostedTreesModel, features: Float32Array, offset = 0): number {
  let sum = 0;
  for (const tree of model.trees) {
    let node = tree.nodes[0];
    while (node.kind === "split") {
      node = tree.nodes[features[offset + node.feature] <= node.threshold ? node.left : node.right];
    }
    sum = Math.fround(sum + node.value);
  }
  return Math.fround(sum + model.baseScore);
}

/** The probability of one row: the sigmoid of its log-odds, in float32. */
export function boostedTreesProbability(
  model: BoostedTreesModel,
  features: Float32Array,
  offset = 0,
): number {
  return Math.fround(1 / (1 + Math.exp(-boostedTreesMargin(model, features, offset))));
}

/** The probability of every row of a row-major float32 matrix (the graph's `score`). */
export function boostedTreesProbabilities(
  model: BoostedTreesModel,
  features: Float32Array,
  rows: number,
): Float32Array {
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = boostedTreesProbability(model, features, r * model.featureCount);
  return out;
}
