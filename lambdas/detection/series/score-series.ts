/** The series core on an onnxruntime session: one batched run of the scorer per request. */
import * as ort from "onnxruntime-node";
import { FEATURE_COUNT } from "./series-features";
import { SERIES_MODEL_IO } from "./series-model-io";
import { type RawScorer, type SeriesScore, scoreSeriesWith } from "./series-pipeline";
import type { SeriesSettings } from "./series-settings";

/** A RawScorer that runs the series model in one batch. */
export function onnxRawScorer(session: ort.InferenceSession): RawScorer {
  return async (features, rows) => {
    const input = new ort.Tensor("float32", features, [rows, FEATURE_COUNT]);
    const outputs = await session.run({ [SERIES_MODEL_IO.input]: input });
    const data = outputs[SERIES_MODEL_IO.output].data;
    if (!(data instanceof Float32Array)) throw new Error("the series model's score output is not float32");
    return data;
  };
}

/**
 * Scores a series (epoch seconds, non-decreasing; finite values) with the series model in `session`
 * and the manifest entry's settings; returns one result per point from index `scoreFrom`.
 * Causal and deterministic: the results for points 0..i do not depend on later points.
 */
export function scoreSeries(
  session: ort.InferenceSession,
  settings: SeriesSettings,
  timestamps: Float64Array,
  values: Float64Array,
  scoreFrom = 0,
): Promise<SeriesScore[]> {
  return scoreSeriesWith(onnxRawScorer(session), settings, timestamps, values, scoreFrom);
}
