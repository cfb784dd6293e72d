/** The graph tail every model shares: label = int64(score > threshold). */
import { FLOAT32_MAX } from "../float32";
import { attribute, type GraphBuilder } from "./graph-builder";
import { OUTPUT_NAMES } from "./signature";

/** ONNX TensorProto.DataType of int64, the type of `label`. */
const INT64 = 7;

/** Adds the `label` output computed from the float32 score and threshold. */
export function addLabel(graph: GraphBuilder, score: string, threshold: number): void {
  if (Math.fround(threshold) !== threshold) throw new Error(`threshold ${threshold} is not a float32`);
  const above = graph.op("Greater", [score, graph.floats("threshold", [threshold], [])]);
  graph.op("Cast", [above], [attribute.int("to", INT64)], { outputs: [OUTPUT_NAMES.label] });
}

/** Clamps a float32 value to the finite range, so that overflow shows as the largest score, not Infinity. */
export function clampFinite(graph: GraphBuilder, value: string, outputs?: readonly string[]): string {
  const low = graph.floats("finite_min", [-FLOAT32_MAX], []);
  const high = graph.floats("finite_max", [FLOAT32_MAX], []);
  return graph.op("Clip", [value, low, high], [], outputs ? { outputs } : {});
}
