/**
 * Reads a logistic model's float32 parameters back out of an ONNX file written by logisticGraph, so
 * that figures and parity checks run the reference on exactly the committed model.
 */
import { readFileSync } from "node:fs";
import { onnx } from "onnx-proto";
import type { LogisticModel } from "../trained-model";

/** The weights and intercept stored in a logistic graph's initializers. */
export function logisticParametersOf(file: string): LogisticModel {
  const graph = onnx.ModelProto.decode(readFileSync(file)).graph;
  const floats = (name: string): number[] => {
    const tensor = graph?.initializer?.find((t) => t.name === name);
    if (!tensor?.floatData?.length)
      throw new Error(`${file} has no ${name} initializer: not a logistic graph`);
    return [...tensor.floatData];
  };
  return {
    kind: "logistic",
    weights: floats("logistic_weights"),
    intercept: floats("logistic_intercept")[0]!,
  };
}
