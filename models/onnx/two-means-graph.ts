/** ONNX graph of the two-means model: score = min(x, float32 max) - midpoint, label = score > 0. */
import type { onnx } from "onnx-proto";
import { FLOAT32_MAX } from "../float32";
import type { TwoMeansModel } from "../trained-model";
import { addLabel } from "./decision-nodes";
import { GraphBuilder } from "./graph-builder";
import { INPUT_NAME, OUTPUT_NAMES, signatureOf } from "./signature";

/** Builds the graph computing `score` and `label` for a two-means model. */
export function twoMeansGraph(model: TwoMeansModel): onnx.IGraphProto {
  const graph = new GraphBuilder("twomeans");
  const finite = graph.op("Min", [INPUT_NAME, graph.floats("finite_max", [FLOAT32_MAX], [])]);
  const beyond = graph.op("Sub", [finite, graph.floats("midpoint", [model.midpoint], [])]);
  const score = graph.op("Squeeze", [beyond, graph.int64s("axis1", [1])], [], {
    outputs: [OUTPUT_NAMES.score],
  });
  addLabel(graph, score, 0);
  const signature = signatureOf(model);
  return graph.build(signature.inputs, signature.outputs);
}
