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
import { COOLDOWN_KEY_PREFIX } from "../../lambdas/alerts/alert-cooldown";
import type { DetectorSpec } from "../../lambdas/catalog";
import { metricsBundleDefine } from "../../lambdas/metrics/metrics-sink";
import { ENV } from "../../lambdas/runtime/environment-names";
import type { MetricsKind } from "../../lambdas/runtime/runtime-config";
import type { ModelEntry } from "../../models/manifest-schema";
import { runtimeEntryOf } from "../model-manifest";
import type { AlertTopic } from "./alert-topic";
import { HeliosFunction, PROJECT_ROOT } from "./helios-function";
import type { ModelStore } from "./model-store";
import { ONNXRUNTIME_PACKAGES } from "./onnxruntime-layer";
import type { StateTable } from "./state-table";

/** Folder of the handler files, one `<detector>.ts` per detector plus `status.ts`. */
export const HANDLERS_DIR = join(PROJECT_ROOT, "lambdas", "handlers");

/**
 * How detector functions emit metrics: EMF log lines CloudWatch turns into metrics, so no
 * PutMetricData permission is needed and the bundle leaves the CloudWatch client out.
 */
export const DETECTOR_METRICS: MetricsKind = "emf";

/** Build-time constants of a detector bundle (esbuild `define`). */
export const DETECTOR_BUNDLE_DEFINE: Readonly<Record<string, string>> = metricsBundleDefine(DETECTOR_METRICS);
/** One model a detector function loads. */
export interface FunctionModel {
  /** Manifest model id. */
  readonly id: string;
  /** Its manifest entry (of the pinned version when one is pinned). */
  readonly entry: ModelEntry;
  /** S3 version id of the object to load. @default - the latest version */
  readonly versionId?: string;
}

/** Properties of a detector function. */
export interface DetectorFunctionProps {
  /** The catalog entry this function serves. */
  readonly detector: DetectorSpec;
  /** Every model it loads: the reading model and one per form (catalog order). */
  readonly models: readonly FunctionModel[];
  /** Where the model lives. */
  readonly store: ModelStore;
  /** Where anomaly alerts go. */
  readonly alerts: AlertTopic;
  /** Where state kept between invocations lives (each function is granted its own key prefixes). */
  readonly state: StateTable;
  /** Minutes of alert cooldown per detector and resource (0: alert every anomalous request). */
  readonly alertCooldownMinutes: number;
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
  props: Pick<DetectorFunctionProps, "models" | "store" | "alerts" | "state" | "alertCooldownMinutes">,
): Record<string, string> {
  const models = Object.fromEntries(
    props.models.map((model) => [
      model.id,
      {
        key: props.store.keyOf(model.entry.file),
        ...(model.versionId ? { versionId: model.versionId } : {}),
        entry: runtimeEntryOf(model.entry),
      },
    ]),
  );
  return {
    [ENV.modelSource]: "s3",
    [ENV.modelBucket]: props.store.bucket.bucketName,
    [ENV.models]: JSON.stringify(models),
    [ENV.alertSink]: "sns",
    [ENV.alertTopicArn]: props.alerts.topic.topicArn,
    [ENV.alertCooldownSeconds]: String(props.alertCooldownMinutes * 60),
    [ENV.stateStore]: "dynamodb",
    [ENV.stateTable]: props.state.table.tableName,
    [ENV.metrics]: DETECTOR_METRICS,
  };
}

/** One detector's function, generated from its catalog entry. */
export class DetectorFunction extends HeliosFunction {
  /** The detector this function serves. */
  readonly detector: DetectorSpec;

  constructor(scope: Construct, id: string, props: DetectorFunctionProps) {
    super(scope, id, {
      entry: join(HANDLERS_DIR, `${props.detector.name}.ts`),
      description: `Helios ${props.detector.name} detector: ${props.detector.title} (model ${props.models[0]?.entry.modelVersion})`,
      environment: detectorEnvironment(props),
      memorySize: props.memorySize,
      timeout: props.timeout,
      architecture: props.architecture,
      logRetention: props.logRetention,
      layers: [props.onnxRuntime],
      externalModules: [...ONNXRUNTIME_PACKAGES],
      define: DETECTOR_BUNDLE_DEFINE,
    });
    this.detector = props.detector;
    // One grant per object: forms of several detectors may share a file, but each function reads only its own.
    // Statement ids must differ within a policy: the reading model's is ReadOwnModel, a form model's
    // names its file (ReadOwnModelLoginEvents).
    [...new Set(props.models.map((model) => model.entry.file))].forEach((file, index) => {
      const pinned = props.models.some((model) => model.entry.file === file && model.versionId !== undefined);
      const stem = file
        .replace(/\.onnx$/, "")
        .replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_, _s, c: string) => c.toUpperCase());
      props.store.grantReadModel(
        this.role,
        file,
        pinned,
        index === 0 ? "ReadOwnModel" : `ReadOwnModel${stem}`,
      );
    });
    props.alerts.grantPublish(this.role);
    props.state.grantPrefix(this.role, COOLDOWN_KEY_PREFIX);
  }
}
