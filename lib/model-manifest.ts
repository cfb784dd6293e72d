/**
 * Reads models/manifest.json at synth time and checks it against the catalog and the committed
 * .onnx files, so a stale or partial manifest fails the synth instead of a function at runtime.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { MODEL_IDS } from "../lambdas/catalog";
import { isRecord } from "../lambdas/runtime/is-record";
import type { ModelEntry, RuntimeModelEntry } from "../models/manifest-schema";

/** The repository's models/ folder, found from this file rather than from the working directory. */
export const DEFAULT_MODELS_DIR = resolve(__dirname, "..", "models");

/** The manifest's file name inside the models folder. */
export const MANIFEST_FILE = "manifest.json";

/** Model id to its manifest entry. */
export type ModelEntries = ReadonlyMap<string, ModelEntry>;

/** A problem with a manifest or the models folder, phrased so the reader knows what to run or fix. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ManifestError";
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A bare .onnx file name: an entry must not point outside the models folder. */
const MODEL_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.onnx$/;

function checkEntry(modelId: string, entry: unknown, manifestPath: string): ModelEntry {
  const where = `${manifestPath}: models.${modelId}`;
  if (!isRecord(entry)) throw new ManifestError(`${where} is missing; retrain with \`npm run train\``);
  if (typeof entry.file !== "string" || !MODEL_FILE.test(entry.file)) {
    throw new ManifestError(
      `${where}.file is ${JSON.stringify(entry.file)}; expected a bare .onnx file name`,
    );
  }
  if (typeof entry.sha256 !== "string" || !SHA256_HEX.test(entry.sha256)) {
    throw new ManifestError(`${where}.sha256 must be 64 lowercase hex digits`);
  }
  if (typeof entry.modelVersion !== "string" || entry.modelVersion === "") {
    throw new ManifestError(`${where}.modelVersion must be a non-empty string`);
  }
  if (!Array.isArray(entry.inputs) || !Array.isArray(entry.outputs) || !isRecord(entry.decision)) {
    throw new ManifestError(`${where} needs inputs, outputs and decision`);
  }
  // The fields the stack relies on were checked above; the runtime checks the tensor specs in detail.
  return entry as unknown as ModelEntry;
}

/**
 * Reads a manifest file and returns the entries of the given model ids (all catalogued ones by
 * default), checking their shape but not the model files: a manifest of an earlier S3 version
 * (for a rollback) describes bytes that are no longer in the working tree.
 */
export function readManifest(manifestPath: string, modelIds: readonly string[] = MODEL_IDS): ModelEntries {
  if (!existsSync(manifestPath)) {
    throw new ManifestError(`${manifestPath} is missing; train the models first with \`npm run train\``);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch (error) {
    throw new ManifestError(`${manifestPath} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(manifest) || manifest.formatVersion !== 1 || !isRecord(manifest.models)) {
    throw new ManifestError(`${manifestPath} is not a formatVersion 1 model manifest`);
  }
  const models = manifest.models;
  return new Map(
    modelIds.map((id) => [
      id,
      checkEntry(id, Object.hasOwn(models, id) ? models[id] : undefined, manifestPath),
    ]),
  );
}

/**
 * Loads the manifest of a models folder: every catalogued model id must have an entry, and each
 * .onnx file next to it must match its recorded sha256 (the functions check the same digest).
 */
export function loadModelManifest(modelsDir: string = DEFAULT_MODELS_DIR): ModelEntries {
  const manifestPath = join(modelsDir, MANIFEST_FILE);
  const entries = readManifest(manifestPath);
  for (const entry of entries.values()) {
    const path = join(dirname(manifestPath), entry.file);
    if (!existsSync(path)) throw new ManifestError(`${path} is missing; retrain with \`npm run train\``);
    const actual = createHash("sha256").update(readFileSync(path)).digest("hex");
    if (actual !== entry.sha256) {
      throw new ManifestError(
        `${path} has sha256 ${actual} but the manifest says ${entry.sha256}; the manifest is stale, retrain with \`npm run train\``,
      );
    }
  }
  return entries;
}

/** The part of a manifest entry a function needs at runtime (the long texts stay out of the 4 KB environment). */
export function runtimeEntryOf(entry: ModelEntry): RuntimeModelEntry {
  const { file, sha256, modelVersion, inputs, outputs, decision, expected, series } = entry;
  return {
    file,
    sha256,
    modelVersion,
    inputs,
    outputs,
    decision,
    ...(expected ? { expected } : {}),
    ...(series ? { series } : {}),
  };
}
