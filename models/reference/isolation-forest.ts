/**
 * Reference inference for an isolation forest, step for step as the ONNX graph computes it in
 * float32: average of the trees' leaf path lengths, divided by c(psi), negated, 2 to that power.
 */
import type { IsolationForestModel, IsolationTree } from "../trained-model";

/** The path length a tree assigns to x (x already float32). */
export function treePathLength(tree: IsolationTree, x: number): number {
  let node = tree.nodes[0];
  while (node.kind === "split") node = tree.nodes[x <= node.threshold ? node.left : node.right];
  return node.pathLength;
}

/** scikit-learn's anomaly score 2^(-E[h(x)] / c(psi)) (minus score_samples), in (0, 1]; higher is more anomalous. */
export function isolationForestScore(model: IsolationForestModel, x: number): number {
  const x32 = Math.fround(x);
  let sum = 0;
  for (const tree of model.trees) sum = Math.fround(sum + treePathLength(tree, x32));
  const mean = Math.fround(sum / model.trees.length);
  const exponent = -Math.fround(mean / model.pathLengthNormaliser);
  return Math.fround(2 ** exponent);
}
