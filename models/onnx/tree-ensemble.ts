/**
 * The attributes of an ai.onnx.ml TreeEnsembleRegressor for any flat tree list: every node in tree
 * order (splits as BRANCH_LEQ on a feature's float32 threshold, leaves as LEAF), and one target weight
 * per leaf. The isolation forest and the boosted trees both describe their trees this way.
 */
import type { RegressionTreeNode } from "../trained-model";
import type { Attribute } from "./graph-builder";
import { attribute } from "./graph-builder";

/** A node as the ensemble sees it: a split (x[feature] <= threshold goes left) or a weighted leaf. */
export type EnsembleNode =
  | Extract<RegressionTreeNode, { kind: "split" }>
  | { readonly kind: "leaf"; readonly weight: number };

/** The node and target attributes of the trees (node 0 of each is its root). */
export function treeEnsembleAttributes(trees: readonly (readonly EnsembleNode[])[]): Attribute[] {
  const nodes = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    modes: [] as string[],
    values: [] as number[],
    trueIds: [] as number[],
    falseIds: [] as number[],
  };
  const targets = { treeIds: [] as number[], nodeIds: [] as number[], weights: [] as number[] };
  trees.forEach((tree, treeId) => {
    tree.forEach((node, nodeId) => {
      nodes.treeIds.push(treeId);
      nodes.nodeIds.push(nodeId);
      if (node.kind === "split") {
        nodes.featureIds.push(node.feature);
        nodes.modes.push("BRANCH_LEQ");
        nodes.values.push(node.threshold);
        nodes.trueIds.push(node.left);
        nodes.falseIds.push(node.right);
      } else {
        nodes.featureIds.push(0);
        nodes.modes.push("LEAF");
        nodes.values.push(0);
        nodes.trueIds.push(0);
        nodes.falseIds.push(0);
        targets.treeIds.push(treeId);
        targets.nodeIds.push(nodeId);
        targets.weights.push(node.weight);
      }
    });
  });
  return [
    attribute.ints("nodes_treeids", nodes.treeIds),
    attribute.ints("nodes_nodeids", nodes.nodeIds),
    attribute.ints("nodes_featureids", nodes.featureIds),
    attribute.strings("nodes_modes", nodes.modes),
    attribute.floats("nodes_values", nodes.values),
    attribute.ints("nodes_truenodeids", nodes.trueIds),
    attribute.ints("nodes_falsenodeids", nodes.falseIds),
    attribute.ints("target_treeids", targets.treeIds),
    attribute.ints("target_nodeids", targets.nodeIds),
    attribute.ints(
      "target_ids",
      targets.weights.map(() => 0),
    ),
    attribute.floats("target_weights", targets.weights),
  ];
}
