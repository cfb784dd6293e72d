/**
 * The input and output tensors of each model kind: the contract the runtime codes against.
 * One input "input"; outputs "label" (int64, 1 = anomaly/block), "score" (float32, higher = more
 * anomalous) and, for the logistic models, "probability" (float32, of class 1); the content model
 * adds "category" (int64, the most likely attack class, 0-based over its blocked categories).
 */
import type { TensorSpec } from "../manifest-schema";
import type { TrainedModel } from "../trained-model";

/** Name of every model's single input. */
export const INPUT_NAME = "input";

/** Names of the model outputs. */
export const OUTPUT_NAMES = {
  label: "label",
  score: "score",
  probability: "probability",
  category: "category",
} as const;

/** A model's inputs and outputs. */
export interface ModelSignature {
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
}

/** The signature of a trained model's graph. */
export function signatureOf(model: TrainedModel): ModelSignature {
  const label: TensorSpec = { name: OUTPUT_NAMES.label, type: "int64", shape: ["N"] };
  const score: TensorSpec = { name: OUTPUT_NAMES.score, type: "float32", shape: ["N"] };
  const probability: TensorSpec = { name: OUTPUT_NAMES.probability, type: "float32", shape: ["N"] };
  switch (model.kind) {
    case "isolation-forest":
    case "two-means":
      return { inputs: [{ name: INPUT_NAME, type: "float32", shape: ["N", 1] }], outputs: [label, score] };
    case "logistic":
      return {
        inputs: [{ name: INPUT_NAME, type: "float32", shape: ["N", model.weights.length] }],
        outputs: [label, score, probability],
      };
    case "content-softmax":
      return {
        inputs: [{ name: INPUT_NAME, type: "string", shape: ["N"] }],
        outputs: [label, score, probability, { name: OUTPUT_NAMES.category, type: "int64", shape: ["N"] }],
      };
    case "boosted-trees":
      // The raw probability only: the decision is taken after the series post-processing, not in the graph.
      return {
        inputs: [{ name: INPUT_NAME, type: "float32", shape: ["N", model.featureCount] }],
        outputs: [score],
      };
  }
}
