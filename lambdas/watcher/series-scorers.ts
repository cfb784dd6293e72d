/**
 * Builds the watcher's series scorers from the series model: the entries of "<detector>-series"
 * (from HELIOS_MODELS on AWS, as the detectors get theirs; from the models folder's manifest
 * locally), the one .onnx file
 * they share read from S3 or the folder and loaded by the model loader (sha256-checked, one
 * session), and each detector's threshold and parameters bound to the series detection core.
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import type * as ort from "onnxruntime-node";
import type { RuntimeModelEntry } from "../../models/manifest-schema";
import { readManifestJson } from "../model-source/local-model-source";
import type { ModelSource } from "../model-source/model-source";
import { ENV } from "../runtime/environment-names";
import { MODEL_OUTPUTS } from "../runtime/model-entry";
import { loadModel } from "../runtime/model-loader";
import { DEFAULT_MODEL_DIR } from "../runtime/repo-paths";
import type { Environment } from "../runtime/runtime-config";
import type { SeriesScorer, SeriesScorers } from "./series-scorer";
import { seriesDetectors, seriesModelId } from "./watch-config";

/** A series model's manifest entry: the runtime fields plus the core's `series` parameters. */
export type SeriesModelEntry = RuntimeModelEntry & { readonly series?: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One series model as the environment (or the manifest) describes it. */
interface SeriesModelObject {
  /** S3 key (from HELIOS_MODELS; absent for a local manifest). */
  readonly key?: string;
  readonly versionId?: string;
  readonly entry: SeriesModelEntry;
}

/** Detector name to its series model: from HELIOS_MODELS, else the local manifest. */
async function seriesModels(env: Environment, dir: string): Promise<Map<string, SeriesModelObject>> {
  const fromEnv = env[ENV.models];
  const raw: Record<string, unknown> = {};
  if (fromEnv) {
    const parsed: unknown = JSON.parse(fromEnv);
    if (!isRecord(parsed)) throw new Error(`${ENV.models} must be a JSON object of model id to model`);
    for (const d of seriesDetectors()) raw[d.name] = parsed[seriesModelId(d.name)];
  } else {
    const manifest = await readManifestJson(dir);
    const models = isRecord(manifest) && isRecord(manifest.models) ? manifest.models : {};
    for (const d of seriesDetectors()) {
      const entry = models[seriesModelId(d.name)];
      raw[d.name] = entry === undefined ? undefined : { entry };
    }
  }
  const found = new Map<string, SeriesModelObject>();
  for (const detector of seriesDetectors()) {
    const object = raw[detector.name];
    const entry = isRecord(object) ? object.entry : undefined;
    if (!isRecord(entry) || typeof entry.file !== "string" || typeof entry.sha256 !== "string") {
      throw new Error(`no "${seriesModelId(detector.name)}" model entry (train it with \`npm run train\`)`);
    }
    found.set(detector.name, object as unknown as SeriesModelObject);
  }
  const files = new Set([...found.values()].map((m) => `${m.entry.file} ${m.entry.sha256}`));
  if (files.size !== 1) throw new Error("the series model entries must share one file and checksum");
  return found;
}

/** Where the series model's bytes come from: S3 as configured, or the models folder. */
function seriesModelSource(env: Environment, dir: string, model: SeriesModelObject): ModelSource {
  if (env[ENV.modelSource]?.trim() === "s3") {
    const bucket = env[ENV.modelBucket]?.trim();
    if (!bucket || !model.key)
      throw new Error(`${ENV.modelBucket} and each model's key are required when ${ENV.modelSource}=s3`);
    const {
      S3ModelSource,
    }: typeof import("../model-source/s3-model-source") = require("../model-source/s3-model-source");
    return new S3ModelSource({
      bucket,
      key: model.key,
      entry: model.entry,
      ...(model.versionId ? { versionId: model.versionId } : {}),
    });
  }
  const path = join(dir, model.entry.file);
  return {
    async read() {
      return { entry: model.entry, bytes: await readFile(path), origin: path };
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
  const models = await seriesModels(env, dir);
  const first = [...models.values()][0]!;
  // The loader checks the bytes against the entry's sha256 and the graph against its input and score output.
  const contract = { input: first.entry.inputs[0]!, outputs: [MODEL_OUTPUTS.score] };
  const { model } = await loadModel(seriesModelSource(env, dir, first), contract, signal);
  return new Map(
    [...models].map(([detector, m]) => [detector, bindSeriesCore(model.session, detector, m.entry)]),
  );
}
