/** Model source adapter for AWS: one GetObject from the model bucket (optionally pinned to a version). */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { describeError } from "../runtime/logger";
import type { S3ModelObject } from "../runtime/runtime-config";
import type { ModelArtifact, ModelSource } from "./model-source";

/** One model object and its bucket. */
type S3Config = S3ModelObject & { readonly bucket: string };

/**
 * Bounded so that a slow or unreachable S3 turns into a quick 503 and a later retry rather than
 * an invocation that hangs until the Lambda timeout.
 */
export const S3_CLIENT_OPTIONS = {
  maxAttempts: 3,
  // Without throwOnRequestTimeout the SDK only warns when requestTimeout passes.
  requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
} as const;

/** Reads the model object named by the configuration; the entry comes from HELIOS_MODELS. */
export class S3ModelSource implements ModelSource {
  private readonly client: S3Client;

  /** @param client injected by tests; by default one client per container with bounded timeouts */
  constructor(
    private readonly config: S3Config,
    client?: S3Client,
  ) {
    this.client = client ?? new S3Client(S3_CLIENT_OPTIONS);
  }

  /**
   * Fetches the model bytes from S3. The client's timeouts bound each attempt until the headers
   * arrive; `signal` bounds the whole read, retries and a trickling body included.
   */
  async read(signal?: AbortSignal): Promise<ModelArtifact> {
    const { bucket, key, versionId, entry } = this.config;
    const origin = `s3://${bucket}/${key}${versionId ? `?versionId=${versionId}` : ""}`;
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
        { abortSignal: signal },
      );
      if (!object.Body) throw new Error("empty response body");
      return { entry, bytes: await object.Body.transformToByteArray(), origin };
    } catch (error) {
      throw new Error(`cannot read ${origin}: ${describeError(signal?.aborted ? signal.reason : error)}`);
    }
  }
}
