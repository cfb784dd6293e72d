/**
 * Opens a committed series model for the developer tools and tests (the NAB detector program, the
 * chart, the benchmark): its manifest entry's settings, the file checked against the entry's sha256
 * as the runtime checks it, and one onnxruntime session with the runtime's thread settings.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { type SeriesSettings, seriesSettingsOf } from "../lambdas/detection/series/series-settings";
import { DEFAULT_MODEL_DIR } from "../lambdas/runtime/repo-paths";
import type { ModelEntry, ModelManifest } from "../models/manifest-schema";

/** A series model ready to score with. */
export interface OpenSeriesModel {
  readonly entry: ModelEntry;
  readonly settings: SeriesSettings;
  readonly session: ort.InferenceSession;
}

/** Opens model `modelId` (default cpu-series) of a models folder (default the repository's). */
export async function openSeriesModel(
  modelId = "cpu-series",
  modelsDir = DEFAULT_MODEL_DIR,
): Promise<OpenSeriesModel> {
  const manifest = JSON.parse(readFileSync(join(modelsDir, "manifest.json"), "utf8")) as ModelManifest;
  const entry = manifest.models[modelId];
  if (!entry) throw new Error(`no model ${modelId} in ${modelsDir}/manifest.json`);
  const settings = seriesSettingsOf(entry);
  if (!settings.ok) throw new Error(`${modelId}: ${settings.problem}`);
  const bytes = readFileSync(join(modelsDir, entry.file));
  const digest = createHash("sha256").update(bytes).digest("hex");
  if (digest !== entry.sha256)
    throw new Error(`${entry.file} does not match its manifest sha256; run npm run train`);
  ort.env.logLevel = "error";
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  });
  return { entry, settings: settings.value, session };
}
