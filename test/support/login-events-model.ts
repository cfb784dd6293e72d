/** The committed login-events model, opened the way the runtime opens it, for core and scenario tests. */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import type { LoginEventsModel } from "../../lambdas/detection/login/score-sign-ins";
import type { ModelManifest } from "../../models/manifest-schema";

/** The repository's models folder. */
const MODELS = join(__dirname, "..", "..", "models");

/** Opens models/login-events.onnx with the decision rule from models/manifest.json. */
export async function openLoginEventsModel(): Promise<LoginEventsModel> {
  ort.env.logLevel = "error";
  const manifest: ModelManifest = JSON.parse(readFileSync(join(MODELS, "manifest.json"), "utf8"));
  const entry = manifest.models["login-events"];
  if (!entry) throw new Error("models/manifest.json has no login-events model: run npm run train");
  const session = await ort.InferenceSession.create(join(MODELS, entry.file), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  return { session, decision: entry.decision };
}
