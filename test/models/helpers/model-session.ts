/** Runs a Helios ONNX model in onnxruntime-node with the settings DESIGN.md measured as right. */
import * as ort from "onnxruntime-node";
import type { ModelInputItem, Prediction } from "../../../models/reference/predict";

// Must be set before the first session is created.
ort.env.logLevel = "error";

/** Opens a model file with one intra-op thread. */
export function openSession(path: string): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(path, { intraOpNumThreads: 1, interOpNumThreads: 1 });
}

/** Runs a batch through the model: numbers as float32 [N,1], rows as float32 [N,k], texts as string [N]. */
export async function runModel(
  session: ort.InferenceSession,
  items: readonly ModelInputItem[],
): Promise<Prediction[]> {
  const input = toTensor(items);
  const outputs = await session.run({ input });
  const labels = outputs.label.data as BigInt64Array;
  const scores = outputs.score.data as Float32Array;
  const probabilities = outputs.probability?.data as Float32Array | undefined;
  const categories = outputs.category?.data as BigInt64Array | undefined;
  return items.map((_, i) => ({
    label: labels[i] === 1n ? 1 : 0,
    score: scores[i],
    ...(probabilities ? { probability: probabilities[i] } : {}),
    ...(categories ? { category: Number(categories[i]) } : {}),
  }));
}

function toTensor(items: readonly ModelInputItem[]): ort.Tensor {
  const first = items[0];
  if (typeof first === "string") return new ort.Tensor("string", items as string[], [items.length]);
  if (typeof first === "number")
    return new ort.Tensor("float32", Float32Array.from(items as number[]), [items.length, 1]);
  const rows = items as (readonly number[])[];
  return new ort.Tensor("float32", Float32Array.from(rows.flat()), [rows.length, first.length]);
}
