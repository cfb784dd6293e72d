/**
 * ONNX graph of boosted regression trees: one TreeEnsembleRegressor (ai.onnx.ml 3; onnxruntime needs
 * <= 4) sums the trees' leaf values onto the base score (the log-odds), then Sigmoid gives the
 * probability per row, output as `score` [N]. Thresholds and leaf values are float32, as onnxruntime
 * compares and adds them.
 */
import type { onnx } from "onnx-proto";
import type { TensorSpec } from "../manifest-schema";
import type { BoostedTreesModel } from "../trained-model";
import { attribute, GraphBuilder } from "./graph-builder";

/** Input and output of the boosted-trees graph. */
export function boostedTreesSignature(model: BoostedTreesModel): {
  inputs: readonly TensorSpec[];
  outputs: readonly TensorSpec[];
} {
  return {
    inputs: [{ name: "input", type: "float32", shape: ["N", model.featureCount] }],
    outputs: [{ name: "score", type: "float32", shape: ["N"] }],
  };
}

/** Builds the graph computing `score` (the probability) for boosted trees. */
export function boostedTreesGraph(model: BoostedTreesModel): onnx.IGraphProto {
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
  model.trees.forEach((tree, treeId) => {
    tree.nodes.forEach((node, nodeId) => {
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
        targets.weights.push(node.value);
      }
    });
  });
  const graph = new GraphBuilder("boosted");
  const signature = boostedTreesSignature(model);
  const margin = graph.op(
    "TreeEnsembleRegressor",
    [signature.inputs[0].name],
    [
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
      attribute.int("n_targets", 1),
      attribute.string("aggregate_function", "SUM"),
      attribute.floats("base_values", [model.baseScore]),
      attribute.string("post_transform", "NONE"),
    ],
    { domain: "ai.onnx.ml" },
  );
  const flat = graph.op("Squeeze", [margin, graph.int64s("axis1", [1])]);
  graph.op("Sigmoid", [flat], [], { outputs: [signature.outputs[0].name] });
  return graph.build(signature.inputs, signature.outputs);
}
