/**
 * The model source port: where a detector's ONNX bytes and manifest entry come from. The local
 * adapter reads models/ on disk; the S3 adapter reads one object (optionally one version) from the
 * model bucket. The AWS SDK is loaded only when the S3 adapter is chosen, so local mode starts fast.
 */

import type { RuntimeModelEntry } from "../../models/manifest-schema";
import type { DetectorSpec } from "../catalog";
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

/** Builds the model source the configuration asks for. */
export function createModelSource(config: ModelSourceConfig, detector: DetectorSpec): ModelSource {
  if (config.kind === "local") return new LocalModelSource(config.dir, detector);
  // A plain require keeps the S3 client (~130 ms to load) out of local mode and stays bundleable.
  const { S3ModelSource }: typeof import("./s3-model-source") = require("./s3-model-source");
  return new S3ModelSource(config);
}
