/**
 * What the login-events model takes and gives: float32 rows of the login features in, `score` (the
 * logit) and `probability` out. Pure (no onnxruntime), so configuration checks can import it.
 */
import { LOGIN_FEATURE_COUNT } from "./login-features";

/** Output names of the login-events graph (the models contract). */
export const LOGIN_MODEL_OUTPUTS = { score: "score", probability: "probability" } as const;

/** The model's one input: a row of LOGIN_FEATURE_COUNT float32 features per sign-in. */
export const LOGIN_MODEL_INPUT = { type: "float32", shape: ["N", LOGIN_FEATURE_COUNT] } as const;
