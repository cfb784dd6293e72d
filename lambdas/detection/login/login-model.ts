/** Runs the login-events ONNX model on feature rows: one float32 [N, features] run per request. */
import { type InferenceSession, Tensor } from "onnxruntime-node";
import { LOGIN_FEATURE_COUNT } from "./login-features";
import { LOGIN_MODEL_OUTPUTS } from "./login-model-contract";

/** The model's outputs for one row. */
export interface LoginModelOutput {
  /** The logit; the manifest's decision rule compares it with its threshold. */
  readonly score: number;
  /** sigmoid(score). */
  readonly probability: number;
}

/** Scores rows of LOGIN_FEATURE_COUNT numbers in one session run. */
export async function runLoginModel(
  session: InferenceSession,
  rows: readonly (readonly number[])[],
): Promise<LoginModelOutput[]> {
  const data = new Float32Array(rows.length * LOGIN_FEATURE_COUNT);
  rows.forEach((row, i) => {
    if (row.length !== LOGIN_FEATURE_COUNT)
      throw new Error(`login feature row ${i} has ${row.length} values`);
    data.set(row, i * LOGIN_FEATURE_COUNT);
  });
  const input = new Tensor("float32", data, [rows.length, LOGIN_FEATURE_COUNT]);
  const outputs = await session.run({ [session.inputNames[0]!]: input }, [
    LOGIN_MODEL_OUTPUTS.score,
    LOGIN_MODEL_OUTPUTS.probability,
  ]);
  const scores = outputs[LOGIN_MODEL_OUTPUTS.score]?.data;
  const probabilities = outputs[LOGIN_MODEL_OUTPUTS.probability]?.data;
  if (
    !(scores instanceof Float32Array) ||
    !(probabilities instanceof Float32Array) ||
    scores.length !== rows.length
  ) {
    throw new Error("the login-events model did not return one score and probability per sign-in");
  }
  return rows.map((_, i) => ({ score: scores[i]!, probability: probabilities[i]! }));
}
