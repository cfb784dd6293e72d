/**
 * Reference inference for boosted trees, as the ONNX graph computes it: each tree sends the float32
 * row left when x <= threshold, the leaf values are added in float32 in tree order onto the base score.
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

/** The log-odds of every row of a row-major float32 matrix. */
export function boostedTreesMargins(
  model: BoostedTreesModel,
  features: Float32Array,
  rows: number,
): Float32Array {
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = boostedTreesMargin(model, features, r * model.featureCount);
  return out;
}
