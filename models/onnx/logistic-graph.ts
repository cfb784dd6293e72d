/**
 * ONNX graph of a logistic regression on numbers: Mul + ReduceSum + Add (not MatMul, whose fused
 * multiply-adds would round differently from the reference), clamped to finite, then Sigmoid.
 */
import type { onnx } from "onnx-proto";
import type { LogisticModel } from "../trained-model";
import { addLabel, clampFinite } from "./decision-nodes";
import { attribute, GraphBuilder } from "./graph-builder";
import { INPUT_NAME, OUTPUT_NAMES, signatureOf } from "./signature";

/** Builds the graph computing `score` (logit), `probability` and `label`. */
export function logisticGraph(model: LogisticModel): onnx.IGraphProto {
  const graph = new GraphBuilder("logistic");
  const products = graph.op("Mul", [INPUT_NAME, graph.floats("weights", model.weights)]);
  const dot = graph.op("ReduceSum", [products, graph.int64s("axis1", [1])], [attribute.int("keepdims", 0)]);
  const logit = graph.op("Add", [dot, graph.floats("intercept", [model.intercept], [])]);
  const score = clampFinite(graph, logit, [OUTPUT_NAMES.score]);
  graph.op("Sigmoid", [score], [], { outputs: [OUTPUT_NAMES.probability] });
  addLabel(graph, score, 0);
  const signature = signatureOf(model);
  return graph.build(signature.inputs, signature.outputs);
}
