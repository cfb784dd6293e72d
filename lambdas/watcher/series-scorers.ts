/**
 * Builds the watcher's series scorers from the series model: the entries of "<detector>-series"
 * (from HELIOS_WATCH_MODELS on AWS, from the models folder's manifest locally), the one .onnx file
 * they share read from S3 or the folder and loaded by the model loader (sha256-checked, one
 * session), and each detector's threshold and parameters bound to the series detection core.
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import type * as ort from "onnxruntime-node";
import type { RuntimeModelEntry } from "../../models/manifest-schema";
import { findDetector } from "../catalog";
import { readManifestJson } from "../model-source/local-model-source";
import type { ModelSource } from "../model-source/model-source";
import { ENV } from "../runtime/environment-names";
import { loadModel } from "../runtime/model-loader";
import { DEFAULT_MODEL_DIR } from "../runtime/repo-paths";
import type { Environment } from "../runtime/runtime-config";
import type { SeriesScorer, SeriesScorers } from "./series-scorer";
import { seriesDetectors, seriesModelId } from "./watch-config";
import { WATCHER_ENV } from "./watcher-environment";

/** A series model's manifest entry: the runtime fields plus the core's `series` parameters. */
export type SeriesModelEntry = RuntimeModelEntry & { readonly series?: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Detector name to its series model entry: from the environment, else the local manifest. */
async function seriesEntries(env: Environment, dir: string): Promise<Map<string, SeriesModelEntry>> {
  const fromEnv = env[WATCHER_ENV.models];
  let raw: Record<string, unknown>;
  if (fromEnv) {
    const parsed: unknown = JSON.parse(fromEnv);
    if (!isRecord(parsed))
      throw new Error(`${WATCHER_ENV.models} must be a JSON object of detector to model entry`);
    raw = parsed;
  } else {
    const manifest = await readManifestJson(dir);
    const models = isRecord(manifest) && isRecord(manifest.models) ? manifest.models : {};
    raw = Object.fromEntries(seriesDetectors().map((d) => [d.name, models[seriesModelId(d.name)]]));
  }
  const entries = new Map<string, SeriesModelEntry>();
  for (const detector of seriesDetectors()) {
    const entry = raw[detector.name];
    if (!isRecord(entry) || typeof entry.file !== "string" || typeof entry.sha256 !== "string") {
      throw new Error(`no "${seriesModelId(detector.name)}" model entry (train it with \`npm run train\`)`);
    }
    entries.set(detector.name, entry as unknown as SeriesModelEntry);
  }
  const files = new Set([...entries.values()].map((e) => `${e.file} ${e.sha256}`));
  if (files.size !== 1) throw new Error("the series model entries must share one file and checksum");
  return entries;
}

/** Where the series model's bytes come from: S3 as configured, or the models folder. */
function seriesModelSource(env: Environment, dir: string, entry: SeriesModelEntry): ModelSource {
  if (env[ENV.modelSource]?.trim() === "s3") {
    const bucket = env[ENV.modelBucket]?.trim();
    const key = env[ENV.modelKey]?.trim();
    if (!bucket || !key)
      throw new Error(`${ENV.modelBucket} and ${ENV.modelKey} are required when ${ENV.modelSource}=s3`);
    const {
      S3ModelSource,
    }: typeof import("../model-source/s3-model-source") = require("../model-source/s3-model-source");
    return new S3ModelSource({ kind: "s3", bucket, key, entry });
  }
  const path = join(dir, entry.file);
  return {
    async read() {
      return { entry, bytes: await readFile(path), origin: path };
    },
  };
}

/**
 * Binds one detector's series model to the series detection core. The core (issue 10,
 * lambdas/detection/series) is not on main yet: until it is, no scorer can be built.
 */
function bindSeriesCore(
  _session: ort.InferenceSession,
  detector: string,
  entry: SeriesModelEntry,
): SeriesScorer {
  throw new Error(
    `the series detection core is not in this build: ${seriesModelId(detector)}@${entry.modelVersion} cannot be scored`,
  );
}

/** Loads the series model once and returns one scorer per series detector; rejects with what failed. */
export async function loadSeriesScorers(env: Environment, signal?: AbortSignal): Promise<SeriesScorers> {
  const dirSetting = env[ENV.modelDir]?.trim();
  const dir = dirSetting ? (isAbsolute(dirSetting) ? dirSetting : resolve(dirSetting)) : DEFAULT_MODEL_DIR;
  const entries = await seriesEntries(env, dir);
  const [first, entry] = [...entries][0]!;
  // The loader checks the bytes against the entry's sha256 and the graph against its inputs and outputs.
  const { model } = await loadModel(seriesModelSource(env, dir, entry), findDetector(first)!, signal);
  return new Map([...entries].map(([detector, e]) => [detector, bindSeriesCore(model.session, detector, e)]));
}
