/** The series model's tensors, as the core feeds and reads them (pure: configuration checks use it). */
import { FEATURE_COUNT } from "./series-features";

/** Input: [N, FEATURE_COUNT] float32 features; output: [N] float32 probability per point. */
export const SERIES_MODEL_IO = {
  input: "input",
  output: "score",
  shape: ["N", FEATURE_COUNT],
} as const;
