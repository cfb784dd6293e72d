/**
 * Builds the watcher's series scorers from the series model: the entries of "<detector>-series"
 * (from HELIOS_MODELS on AWS, as the detectors get theirs but with one copy of a `series` block
 * the entries share; from the models folder's manifest locally), the one .onnx file
 * they share read from S3 or the folder and loaded by the model loader (sha256-checked, one
 * session), and each detector's threshold and parameters bound to the series detection core.
 */
import { isAbsolute, resolve } from "node:path";
import type * as ort from "onnxruntime-node";
import type { RuntimeModelEntry } from "../../models/manifest-schema";
import { findDetector } from "../catalog";
import { findIncidents } from "../detection/series/incidents";
import { scoreSeries } from "../detection/series/score-series";
import { seriesSettingsOf } from "../detection/series/series-settings";
import { LocalModelSource } from "../model-source/local-model-source";
import type { ModelArtifact, ModelSource } from "../model-source/model-source";
import { ENV } from "../runtime/environment-names";
import { isRecord } from "../runtime/is-record";
import { detectorModels } from "../runtime/model-contracts";
import { checkModelEntry, type ModelContract } from "../runtime/model-entry";
import { loadModel } from "../runtime/model-loader";
import { DEFAULT_MODEL_DIR } from "../runtime/repo-paths";
import type { Environment } from "../runtime/runtime-config";
import type { SeriesScorer, SeriesScorers } from "./series-scorer";
import { withSeriesParameters } from "./shared-series-parameters";
import { seriesDetectors, seriesModelId } from "./watch-config";

/** What the series model must provide: the series form's contract, as the runtime defines it for the API. */
function seriesContract(detector: string): ModelContract {
  const id = seriesModelId(detector);
  const model = detectorModels(findDetector(detector)!).find((m) => m.id === id);
  if (!model) throw new Error(`detector ${detector} has no model ${id}`);
  return model.contract;
}

/** Where a detector's series model is: its id and contract, and on S3 its key (and version) and entry. */
interface SeriesModel {
  readonly id: string;
  readonly contract: ModelContract;
  readonly s3?: { readonly key: string; readonly versionId?: string; readonly entry: RuntimeModelEntry };
}

/** Each series detector's model, from HELIOS_MODELS on S3 (every entry checked), else by id in the folder. */
function seriesModels(env: Environment): Map<string, SeriesModel> {
  const models = new Map<string, SeriesModel>();
  const onS3 = env[ENV.modelSource]?.trim() === "s3";
  let raw: Record<string, unknown> = {};
  if (onS3) {
    const parsed: unknown = JSON.parse(env[ENV.models] ?? "null");
    if (!isRecord(parsed)) throw new Error(`${ENV.models} must be a JSON object of model id to model`);
    raw = parsed;
  }
  for (const detector of seriesDetectors()) {
    const id = seriesModelId(detector.name);
    if (!onS3) {
      models.set(detector.name, { id, contract: seriesContract(detector.name) });
      continue;
    }
    const object = raw[id];
    if (!isRecord(object) || typeof object.key !== "string" || object.key === "") {
      throw new Error(`${ENV.models}.${id} is missing or has no key`);
    }
    const shared = withSeriesParameters(raw, id);
    if (!shared.ok) throw new Error(shared.problem);
    const entry = checkModelEntry(shared.entry, seriesContract(detector.name));
    if (!entry.ok) throw new Error(`${ENV.models}.${id}.entry: ${entry.problem}`);
    const versionId = typeof object.versionId === "string" && object.versionId ? object.versionId : undefined;
    models.set(detector.name, {
      id,
      contract: seriesContract(detector.name),
      s3: { key: object.key, entry: entry.value, ...(versionId ? { versionId } : {}) },
    });
  }
  return models;
}

/** The source of one series model: its S3 object, or the models folder's manifest entry and file. */
function sourceOf(env: Environment, dir: string, model: SeriesModel): ModelSource {
  if (!model.s3) return new LocalModelSource(dir, model.id, model.contract);
  const bucket = env[ENV.modelBucket]?.trim();
  if (!bucket) throw new Error(`${ENV.modelBucket} is required when ${ENV.modelSource}=s3`);
  const {
    S3ModelSource,
  }: typeof import("../model-source/s3-model-source") = require("../model-source/s3-model-source");
  return new S3ModelSource({ bucket, ...model.s3 });
}

/** One detector's series model bound to the series detection core. */
function bindSeriesCore(session: ort.InferenceSession, id: string, entry: RuntimeModelEntry): SeriesScorer {
  const settings = seriesSettingsOf(entry);
  if (!settings.ok) throw new Error(`${id}: ${settings.problem}`);
  return {
    model: `${id}@${entry.modelVersion}`,
    threshold: settings.value.threshold,
    score: (timestamps, values) => scoreSeries(session, settings.value, timestamps, values),
    incidents: (points) => findIncidents(points),
  };
}

/**
 * Loads the series model and returns one scorer per series detector; rejects with what failed.
 * The detectors share one file: it is read once from S3 (per object) and opened once (per
 * sha256), and each detector keeps its own entry (threshold and parameters).
 */
export async function loadSeriesScorers(env: Environment, signal?: AbortSignal): Promise<SeriesScorers> {
  const dirSetting = env[ENV.modelDir]?.trim();
  const dir = dirSetting ? (isAbsolute(dirSetting) ? dirSetting : resolve(dirSetting)) : DEFAULT_MODEL_DIR;
  const reads = new Map<string, Promise<ModelArtifact>>();
  const sessions = new Map<string, Promise<ort.InferenceSession>>();
  const scorers = new Map<string, SeriesScorer>();
  for (const [detector, model] of seriesModels(env)) {
    const object = model.s3 ? `${model.s3.key}?${model.s3.versionId ?? ""}` : `local:${model.id}`;
    let read = reads.get(object);
    if (!read) {
      read = sourceOf(env, dir, model).read(signal);
      reads.set(object, read);
    }
    const { bytes, origin } = await read;
    const entry = model.s3?.entry ?? (await read).entry;
    let session = sessions.get(entry.sha256);
    if (!session) {
      // The loader checks the bytes against this entry's sha256 and the graph against the contract.
      const artifact: ModelArtifact = { entry, bytes, origin };
      session = loadModel({ read: async () => artifact }, model.contract, signal).then(
        ({ model: m }) => m.session,
      );
      sessions.set(entry.sha256, session);
    }
    scorers.set(detector, bindSeriesCore(await session, model.id, entry));
  }
  return scorers;
}
