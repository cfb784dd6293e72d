/**
 * The AWS SDK reads its region, credentials and endpoint overrides from process.env; tests that
 * point it at loopback servers set them, and must leave them as they found them for later files.
 */
import { findDetector, modelIdsOf } from "../../lambdas/catalog";
import { ENV } from "../../lambdas/runtime/environment-names";
import { loadModelManifest, runtimeEntryOf } from "../../lib/model-manifest";
import type { RuntimeModelEntry } from "../../models/manifest-schema";
import { S3RVER_CREDENTIALS } from "./s3rver-server";

/** The AWS SDK variables these tests may set, saved and restored together. */
const AWS_VARIABLES = [
  "AWS_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_ENDPOINT_URL_S3",
  "AWS_ENDPOINT_URL_SNS",
  "AWS_ENDPOINT_URL_CLOUDWATCH",
  "AWS_ENDPOINT_URL_DYNAMODB",
  "AWS_ENDPOINT_URL_EC2",
  "AWS_ENDPOINT_URL_SSM",
  "AWS_ENDPOINT_URL_EVENTBRIDGE",
  "AWS_EC2_METADATA_DISABLED",
] as const;

/** An endpoint override the SDK honours, per service. */
export type AwsEndpointVariable =
  | "AWS_ENDPOINT_URL_S3"
  | "AWS_ENDPOINT_URL_SNS"
  | "AWS_ENDPOINT_URL_CLOUDWATCH"
  | "AWS_ENDPOINT_URL_DYNAMODB"
  | "AWS_ENDPOINT_URL_EC2"
  | "AWS_ENDPOINT_URL_SSM"
  | "AWS_ENDPOINT_URL_EVENTBRIDGE";

/** Records the AWS SDK variables as they are now; the returned function puts them back. */
export function saveAwsEnvironment(): () => void {
  const saved = Object.fromEntries(AWS_VARIABLES.map((name) => [name, process.env[name]]));
  return () => {
    for (const name of AWS_VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  };
}

/** Gives the SDK s3rver's dummy credentials in us-east-1 (no session token, no instance metadata) and these endpoints. */
export function useDummyAwsEnvironment(endpoints: Partial<Record<AwsEndpointVariable, string>> = {}): void {
  Object.assign(process.env, {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    ...endpoints,
    AWS_EC2_METADATA_DISABLED: "true",
  });
  delete process.env.AWS_SESSION_TOKEN;
}

/** HELIOS_MODELS with a detector's reading model as given, and its forms' models as committed. */
export function s3ModelsVariable(
  modelId: string,
  key: string,
  entry: RuntimeModelEntry,
  versionId?: string,
): Record<string, string> {
  // The detector's other models (its forms') as the stack would configure them, from the committed
  // manifest: a function refuses a configuration that leaves one of its models out.
  const detector = findDetector(modelId);
  const committed = detector ? loadModelManifest() : new Map();
  const forms = Object.fromEntries(
    (detector ? modelIdsOf(detector).slice(1) : []).map((id) => {
      const formEntry = committed.get(id)!;
      return [id, { key: `models/${formEntry.file}`, entry: runtimeEntryOf(formEntry) }];
    }),
  );
  return {
    [ENV.models]: JSON.stringify({
      [modelId]: { key, entry, ...(versionId ? { versionId } : {}) },
      ...forms,
    }),
  };
}

/** A detector runtime environment as the stack sets it (model from S3, EMF), with alerts to /dev/null. */
export function s3RuntimeEnvironment(
  bucket: string,
  key: string,
  entry: RuntimeModelEntry,
  modelId = "cpu",
): Record<string, string> {
  return {
    [ENV.modelSource]: "s3",
    [ENV.modelBucket]: bucket,
    ...s3ModelsVariable(modelId, key, entry),
    [ENV.alertSink]: "file",
    [ENV.alertFile]: "/dev/null",
    [ENV.metrics]: "emf",
  };
}
