/**
 * The shape of models/manifest.json: what the trainer writes about each model and what the
 * runtime and the stack read. Kept free of onnxruntime and the AWS SDK.
 */

import type { SeriesModelParameters } from "../lambdas/detection/series/series-settings";

/** Element type of a model input or output tensor. */
export type TensorType = "float32" | "int64" | "string";

/** One named model input or output; "N" in a shape is the batch dimension. */
export interface TensorSpec {
  readonly name: string;
  readonly type: TensorType;
  readonly shape: readonly (number | "N")[];
}

/**
 * How a prediction is decided from the model's outputs: `output` `operator` `threshold`
 * means anomaly (e.g. score > 0.61). The graph's own `label` output applies the same rule,
 * and the runtime applies this one, so a threshold can be tuned without retraining.
 */
export interface DecisionRule {
  readonly output: string;
  readonly operator: ">" | ">=";
  readonly threshold: number;
  /** The rule in words, with what the score means. */
  readonly description: string;
}

/** Everything known about one detector's trained model. */
export interface ModelEntry {
  /** File name inside models/ (and key below the S3 models/ prefix). */
  readonly file: string;
  /** Hex sha256 of the file's bytes; checked before the model is used. */
  readonly sha256: string;
  /** Version reported in responses, alerts and metrics, e.g. "1.0.0+3fa9c2d1". */
  readonly modelVersion: string;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  readonly decision: DecisionRule;
  /** The readings the model calls normal, [low, high], where that is one range (alerts quote it). */
  readonly expected?: readonly [number, number];
  /** Series models only: the feature set and the post-processing parameters the score is computed with. */
  readonly series?: SeriesModelParameters;
  /** Where the decision flips across the input range (measured on the trained model), in words. */
  readonly boundaries: string;
  /** The algorithm and hyperparameters, in words. */
  readonly recipe: string;
  /** The training data and how it was generated (with its seed), in words. */
  readonly trainingData: string;
}

/** models/manifest.json. */
export interface ModelManifest {
  /** Manifest format version. */
  readonly formatVersion: 1;
  /** Detector name to its model. */
  readonly models: Readonly<Record<string, ModelEntry>>;
}

/** The part of a manifest entry the runtime needs; the stack passes it to each function as JSON. */
export type RuntimeModelEntry = Pick<
  ModelEntry,
  "file" | "sha256" | "modelVersion" | "inputs" | "outputs" | "decision" | "expected" | "series"
>;
