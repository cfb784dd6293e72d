/**
 * The series models the watcher scores with, read from models/manifest.json at synth: one entry
 * per series detector, keyed "<detector>-series" (they share one .onnx file and differ in their
 * decision threshold). A missing entry fails the synth of a stack that watches anything.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { seriesDetectors, seriesModelId } from "../lambdas/watcher/watch-config";
import type { ModelEntry } from "../models/manifest-schema";
import { MANIFEST_FILE, ManifestError } from "./model-manifest";

/** Detector name to its series model entry, checked against the file beside the manifest. */
export function readSeriesModelEntries(modelsDir: string): ReadonlyMap<string, ModelEntry> {
  const path = join(modelsDir, MANIFEST_FILE);
  let models: Record<string, unknown> = {};
  try {
    models = (JSON.parse(readFileSync(path, "utf8")) as { models?: Record<string, unknown> }).models ?? {};
  } catch (error) {
    throw new ManifestError(`${path} cannot be read: ${(error as Error).message}`);
  }
  const entries = new Map<string, ModelEntry>();
  for (const detector of seriesDetectors()) {
    const id = seriesModelId(detector.name);
    const entry = models[id] as ModelEntry | undefined;
    if (!entry || typeof entry.file !== "string" || typeof entry.sha256 !== "string") {
      throw new ManifestError(
        `${path} has no "${id}" model; the watcher scores with it (retrain with \`npm run train\`)`,
      );
    }
    const file = join(modelsDir, entry.file);
    if (!existsSync(file)) throw new ManifestError(`${file} is missing; retrain with \`npm run train\``);
    const actual = createHash("sha256").update(readFileSync(file)).digest("hex");
    if (actual !== entry.sha256) {
      throw new ManifestError(
        `${file} has sha256 ${actual} but the manifest's "${id}" says ${entry.sha256}; retrain`,
      );
    }
    entries.set(detector.name, entry);
  }
  const files = new Set([...entries.values()].map((e) => e.file));
  if (files.size !== 1)
    throw new ManifestError(`${path}: the series models must share one file, found ${[...files].join(", ")}`);
  return entries;
}
