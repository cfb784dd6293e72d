/**
 * ONNX graph of an isolation forest: TreeEnsembleRegressor (ai.onnx.ml) averages the trees' leaf
 * path lengths, then score = 2^(-mean / c(psi)). Thresholds are float32 (ORT compares in float32).
 */
import type { onnx } from "onnx-proto";
import type { IsolationForestModel } from "../trained-model";
import { addLabel } from "./decision-nodes";
import { attribute, GraphBuilder } from "./graph-builder";
import { INPUT_NAME, OUTPUT_NAMES, signatureOf } from "./signature";

/** Builds the graph computing `score` and `label` for an isolation forest. */
export function isolationForestGraph(model: IsolationForestModel): onnx.IGraphProto {
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
      nodes.featureIds.push(0);
      if (node.kind === "split") {
        nodes.modes.push("BRANCH_LEQ");
        nodes.values.push(node.threshold);
        nodes.trueIds.push(node.left);
        nodes.falseIds.push(node.right);
      } else {
        nodes.modes.push("LEAF");
        nodes.values.push(0);
        nodes.trueIds.push(0);
        nodes.falseIds.push(0);
        targets.treeIds.push(treeId);
        targets.nodeIds.push(nodeId);
        targets.weights.push(node.pathLength);
      }
    });
  });
  const graph = new GraphBuilder("iforest");
  const meanPathLength = graph.op(
    "TreeEnsembleRegressor",
    [INPUT_NAME],
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
      attribute.string("aggregate_function", "AVERAGE"),
      attribute.string("post_transform", "NONE"),
    ],
    { domain: "ai.onnx.ml" },
  );
  const normalised = graph.op("Div", [
    meanPathLength,
    graph.floats("c_psi", [model.pathLengthNormaliser], []),
  ]);
  const exponent = graph.op("Neg", [normalised]);
  const score2d = graph.op("Pow", [graph.floats("two", [2], []), exponent]);
  const score = graph.op("Squeeze", [score2d, graph.int64s("axis1", [1])], [], {
    outputs: [OUTPUT_NAMES.score],
  });
  addLabel(graph, score, model.threshold);
  const signature = signatureOf(model);
  return graph.build(signature.inputs, signature.outputs);
}
