/**
 * The model source port: where a model's ONNX bytes and manifest entry come from. The local
 * adapter reads models/ on disk; the S3 adapter reads one object (optionally one version) from the
 * model bucket. The AWS SDK is loaded only when the S3 adapter is chosen, so local mode starts fast.
 */

import type { RuntimeModelEntry } from "../../models/manifest-schema";
import type { DetectorModel } from "../runtime/model-contracts";
import type { ModelSourceConfig } from "../runtime/runtime-config";
import { LocalModelSource } from "./local-model-source";

/** A model as read from its source, before its checksum is verified. */
export interface ModelArtifact {
  readonly entry: RuntimeModelEntry;
  readonly bytes: Uint8Array;
  /** Where the bytes came from, for log lines (e.g. a file path or s3://bucket/key). */
  readonly origin: string;
}

/** Reads a detector's model; rejects with a message that says what could not be read. */
export interface ModelSource {
  /** @param signal abandons the read when it aborts (a read must not outlive its invocation) */
  read(signal?: AbortSignal): Promise<ModelArtifact>;
}

/** Builds the source of one of a detector's models, as the configuration asks. */
export function createModelSource(config: ModelSourceConfig, model: DetectorModel): ModelSource {
  if (config.kind === "local") return new LocalModelSource(config.dir, model.id, model.contract);
  const object = config.objects[model.id];
  // The configuration reader checked that every model of the detector has its object.
  if (!object) throw new Error(`no S3 object is configured for model ${model.id}`);
  // A plain require keeps the S3 client (~130 ms to load) out of local mode and stays bundleable.
  const { S3ModelSource }: typeof import("./s3-model-source") = require("./s3-model-source");
  return new S3ModelSource({ bucket: config.bucket, ...object });
}
