/**
 * ONNX graph of an isolation forest: TreeEnsembleRegressor (ai.onnx.ml) averages the trees' leaf
 * path lengths, then score = 2^(-mean / c(psi)). Thresholds are float32 (ORT compares in float32).
 */
import type { onnx } from "onnx-proto";
import type { IsolationForestModel } from "../trained-model";
import { addLabel } from "./decision-nodes";
import { attribute, GraphBuilder } from "./graph-builder";
import { INPUT_NAME, OUTPUT_NAMES, signatureOf } from "./signature";
import { treeEnsembleAttributes } from "./tree-ensemble";

/** Builds the graph computing `score` and `label` for an isolation forest. */
export function isolationForestGraph(model: IsolationForestModel): onnx.IGraphProto {
  const graph = new GraphBuilder("iforest");
  const meanPathLength = graph.op(
    "TreeEnsembleRegressor",
    [INPUT_NAME],
    [
      ...treeEnsembleAttributes(
        model.trees.map((tree) =>
          tree.nodes.map((node) =>
            node.kind === "split"
              ? { ...node, feature: 0 }
              : { kind: "leaf" as const, weight: node.pathLength },
          ),
        ),
      ),
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
