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
import { treeEnsembleAttributes } from "./tree-ensemble";

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
  const graph = new GraphBuilder("boosted");
  const signature = boostedTreesSignature(model);
  const margin = graph.op(
    "TreeEnsembleRegressor",
    [signature.inputs[0].name],
    [
      ...treeEnsembleAttributes(
        model.trees.map((tree) =>
          tree.nodes.map((node) =>
            node.kind === "split" ? node : { kind: "leaf" as const, weight: node.value },
          ),
        ),
      ),
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
