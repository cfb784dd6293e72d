/** Trains every registered model and produces its ONNX bytes and manifest entries. */
import { createHash } from "node:crypto";
import type { ModelEntry, ModelManifest } from "./manifest-schema";
import { MODEL_TRAINERS, type TrainedArtifact } from "./model-registry";
import { behaviourHash } from "./model-version";
import { exportModel } from "./onnx/export-model";
import { signatureOf } from "./onnx/signature";

/** Major.minor.patch of the model format; the build metadata is the file's hash. */
const MODEL_VERSION_BASE = "1.0.0";

/** One trained file: its bytes and the manifest entries of the model ids it serves. */
export interface FileArtifacts {
  readonly file: string;
  readonly trained: TrainedArtifact;
  readonly onnx: Uint8Array;
  /** Model id to its manifest entry. */
  readonly entries: Readonly<Record<string, ModelEntry>>;
}

/** Everything `npm run train` writes. */
export interface Artifacts {
  readonly files: readonly FileArtifacts[];
  readonly manifest: ModelManifest;
}

/** Trains every registered model, in registry order. */
export function buildArtifacts(): Artifacts {
  const files = MODEL_TRAINERS.map(({ file, train }): FileArtifacts => {
    const trained = train();
    const onnx = exportModel(
      trained.model,
      `Helios ${file.replace(/\.onnx$/, "")} detector. ${trained.recipe}`,
    );
    const sha256 = createHash("sha256").update(onnx).digest("hex");
    const signature = signatureOf(trained.model);
    const entries = Object.fromEntries(
      Object.entries(trained.serves).map(([id, served]): [string, ModelEntry] => [
        id,
        {
          file,
          sha256,
          modelVersion: `${MODEL_VERSION_BASE}+${behaviourHash(onnx, served).slice(0, 8)}`,
          inputs: signature.inputs,
          outputs: signature.outputs,
          decision: served.decision,
          ...(served.expected ? { expected: served.expected } : {}),
          ...(served.series ? { series: served.series } : {}),
          boundaries: served.boundaries,
          recipe: trained.recipe,
          trainingData: trained.trainingData,
        },
      ]),
    );
    return { file, trained, onnx, entries };
  });
  const models = Object.fromEntries(files.flatMap((f) => Object.entries(f.entries)));
  return { files, manifest: { formatVersion: 1, models } };
}
