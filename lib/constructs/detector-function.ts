/**
 * The Lambda function of one catalogued detector: its handler bundled with the onnxruntime layer,
 * configured (through the environment contract) to load its model from S3, publish alerts to
 * HeliosAlerts and emit metrics as Embedded Metric Format log lines, with a role that can do
 * exactly that.
 */
import { join } from "node:path";
import type { Duration } from "aws-cdk-lib";
import type { Architecture, ILayerVersion } from "aws-cdk-lib/aws-lambda";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import type { DetectorSpec } from "../../lambdas/catalog";
import { ENV } from "../../lambdas/runtime/environment-names";
import type { ModelEntry } from "../../models/manifest-schema";
import { runtimeEntryOf } from "../model-manifest";
import type { AlertTopic } from "./alert-topic";
import { HeliosFunction, PROJECT_ROOT } from "./helios-function";
import type { ModelStore } from "./model-store";
import { ONNXRUNTIME_PACKAGES } from "./onnxruntime-layer";
import type { StateTable } from "./state-table";

/** Folder of the handler files, one `<detector>.ts` per detector plus `status.ts`. */
export const HANDLERS_DIR = join(PROJECT_ROOT, "lambdas", "handlers");

/** Properties of a detector function. */
export interface DetectorFunctionProps {
  /** The catalog entry this function serves. */
  readonly detector: DetectorSpec;
  /** The manifest entry of the model it loads (of the pinned version when one is pinned). */
  readonly model: ModelEntry;
  /** S3 version id of the model object to load. @default - the latest version */
  readonly modelVersionId?: string;
  /** Where the model lives. */
  readonly store: ModelStore;
  /** Where anomaly alerts go. */
  readonly alerts: AlertTopic;
  /** Where state kept between invocations lives (each function is granted its own key prefixes). */
  readonly state: StateTable;
  /** The onnxruntime layer, built for `architecture`. */
  readonly onnxRuntime: ILayerVersion;
  /** Memory in MB. */
  readonly memorySize: number;
  /** Longest run of one invocation. */
  readonly timeout: Duration;
  /** Processor architecture. */
  readonly architecture: Architecture;
  /** How long logs are kept. */
  readonly logRetention: RetentionDays;
}

/** The environment a detector function is configured with (names from the runtime's ENV contract). */
export function detectorEnvironment(
  props: Pick<DetectorFunctionProps, "model" | "modelVersionId" | "store" | "alerts" | "state">,
): Record<string, string> {
  return {
    [ENV.modelSource]: "s3",
    [ENV.modelBucket]: props.store.bucket.bucketName,
    [ENV.modelKey]: props.store.keyOf(props.model.file),
    ...(props.modelVersionId ? { [ENV.modelVersionId]: props.modelVersionId } : {}),
    [ENV.modelEntry]: JSON.stringify(runtimeEntryOf(props.model)),
    [ENV.alertSink]: "sns",
    [ENV.alertTopicArn]: props.alerts.topic.topicArn,
    [ENV.stateStore]: "dynamodb",
    [ENV.stateTable]: props.state.table.tableName,
    // EMF: metrics are log lines CloudWatch turns into metrics, so no PutMetricData permission is needed.
    [ENV.metrics]: "emf",
  };
}

/** One detector's function, generated from its catalog entry. */
export class DetectorFunction extends HeliosFunction {
  /** The detector this function serves. */
  readonly detector: DetectorSpec;

  constructor(scope: Construct, id: string, props: DetectorFunctionProps) {
    super(scope, id, {
      entry: join(HANDLERS_DIR, `${props.detector.name}.ts`),
      description: `Helios ${props.detector.name} detector: ${props.detector.title} (model ${props.model.modelVersion})`,
      environment: detectorEnvironment(props),
      memorySize: props.memorySize,
      timeout: props.timeout,
      architecture: props.architecture,
      logRetention: props.logRetention,
      layers: [props.onnxRuntime],
      externalModules: [...ONNXRUNTIME_PACKAGES],
    });
    this.detector = props.detector;
    props.store.grantReadModel(this.role, props.model.file, props.modelVersionId !== undefined);
    props.alerts.grantPublish(this.role);
  }
}
