/**
 * HeliosStack: the whole pipeline in one stack. The model store, one function per catalogued
 * detector, the status function, the REST API, the HeliosAlerts topic, the alarms and the
 * dashboard; every per-detector resource is generated from the catalog.
 */
import { join } from "node:path";
import { Aws, CfnOutput, Duration, Stack, type StackProps, Tags } from "aws-cdk-lib";
import { Architecture } from "aws-cdk-lib/aws-lambda";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { DETECTORS, type DetectorSpec, getDetector, modelIdsOf } from "../lambdas/catalog";
import { LOGIN_KEY_PREFIX } from "../lambdas/detection/login/login-state";
import { ENV } from "../lambdas/runtime/environment-names";
import { seriesDetectors, seriesModelId } from "../lambdas/watcher/watch-config";
import type { ModelEntry } from "../models/manifest-schema";
import { AlertTopic } from "./constructs/alert-topic";
import { ConsoleSignInRule } from "./constructs/console-sign-in-rule";
import { DetectorFunction, HANDLERS_DIR } from "./constructs/detector-function";
import { HeliosAlarms } from "./constructs/helios-alarms";
import { HeliosApi } from "./constructs/helios-api";
import { HeliosDashboard } from "./constructs/helios-dashboard";
import { HeliosFunction } from "./constructs/helios-function";
import { HeliosRemediation } from "./constructs/helios-remediation";
import { HeliosWatcher } from "./constructs/helios-watcher";
import { ModelStore } from "./constructs/model-store";
import { OnnxRuntimeLayer } from "./constructs/onnxruntime-layer";
import { StateTable } from "./constructs/state-table";
import { DEFAULT_MODELS_DIR, loadModelManifest, type ModelEntries, readManifest } from "./model-manifest";
import { PhysicalNames } from "./physical-names";
import type { HeliosSettings } from "./settings/helios-settings";

/** Properties of the Helios stack. */
export interface HeliosStackProps extends StackProps {
  /** Deploy-time settings, already read and checked (see readSettings). */
  readonly settings: HeliosSettings;
  /** Folder with manifest.json and the .onnx files to deploy. @default the repository's models/ */
  readonly modelsDir?: string;
}

/** The tag every taggable resource (and the stack) carries, to find Helios's resources and costs. */
export const APPLICATION_TAG = { key: "Application", value: "Helios" } as const;

/** Memory of the status function, which only answers from its environment. */
const STATUS_MEMORY_MB = 256;

/** The detector HeliosAlarm watches: the catalog's CPU utilisation detector. */
const CPU_DETECTOR = getDetector("cpu");

function constructIdOf(detector: DetectorSpec): string {
  return `${detector.name.charAt(0).toUpperCase()}${detector.name.slice(1)}Detector`;
}

/**
 * Each model's entry: the pinned manifest's for models pinned to an S3 version (their bytes may be
 * older than the working tree's), the current manifest's otherwise.
 */
function modelEntriesFor(settings: HeliosSettings, current: ModelEntries): ModelEntries {
  const pinnedIds = Object.keys(settings.modelVersionIds);
  if (pinnedIds.length === 0 || !settings.pinnedModelManifest) return current;
  const pinned = readManifest(settings.pinnedModelManifest, pinnedIds);
  return new Map([...current].map(([id, entry]) => [id, pinned.get(id) ?? entry]));
}

/** All of Helios in one stack. */
export class HeliosStack extends Stack {
  /** The model bucket and its deployment. */
  readonly modelStore: ModelStore;
  /** HeliosAlerts. */
  readonly alerts: AlertTopic;
  /** State kept between invocations (login baselines, alert cooldowns). */
  readonly state: StateTable;
  /** One function per catalogued detector, in catalog order. */
  readonly detectorFunctions: readonly DetectorFunction[];
  /** AWS console sign-ins to the detector with the sign-in events form (login). */
  readonly consoleSignIns: ConsoleSignInRule | undefined;
  /** Serves GET /. */
  readonly statusFunction: HeliosFunction;
  /** The REST API. */
  readonly api: HeliosApi;
  /** HeliosAlarm and the per-detector alarms. */
  readonly alarms: HeliosAlarms;
  /** HeliosDashboard. */
  readonly dashboard: HeliosDashboard;
  /** The scheduled watcher; only when `watch` or `watchTag` is set. */
  readonly watcher?: HeliosWatcher;
  /** Self-healing, only when the `remediation` setting is given. */
  readonly remediation?: HeliosRemediation;

  constructor(scope: Construct, id: string, props: HeliosStackProps) {
    super(scope, id, {
      description: "Helios: serverless anomaly detection (ONNX detectors on Lambda behind API Gateway)",
      ...props,
      // Stack tags are explicit (@aws-cdk/core:explicitStackTags); CloudFormation also puts them
      // on resources, and Tags.of below writes them into the template for every taggable one.
      tags: { [APPLICATION_TAG.key]: APPLICATION_TAG.value, ...props.tags },
    });
    Tags.of(this).add(APPLICATION_TAG.key, APPLICATION_TAG.value);
    const settings = props.settings;
    // First, so that every construct below names its resources with the prefix.
    const names = new PhysicalNames(this, settings.namePrefix);
    const modelsDir = props.modelsDir ?? DEFAULT_MODELS_DIR;
    const models = modelEntriesFor(settings, loadModelManifest(modelsDir));
    const modelOf = (id: string): ModelEntry => models.get(id)!;
    const architecture = settings.architecture === "arm64" ? Architecture.ARM_64 : Architecture.X86_64;
    // The settings reader only accepts the retention periods CloudWatch Logs offers.
    const logRetention = settings.logRetentionDays as RetentionDays;
    const timeout = Duration.seconds(settings.timeoutSeconds);

    this.modelStore = new ModelStore(this, "ModelStore", { modelsDir, logRetention });
    this.alerts = new AlertTopic(this, "Alerts", {
      ...(settings.alertEmail ? { email: settings.alertEmail } : {}),
      alarmNamePattern: names.alarmNamePattern,
    });
    this.state = new StateTable(this, "State");
    const onnxRuntime = new OnnxRuntimeLayer(this, "OnnxRuntime", { architecture });

    this.detectorFunctions = DETECTORS.map((detector) => {
      const fn = new DetectorFunction(this, constructIdOf(detector), {
        detector,
        models: modelIdsOf(detector).map((id) => {
          const versionId = settings.modelVersionIds[id];
          return { id, entry: modelOf(id), ...(versionId ? { versionId } : {}) };
        }),
        store: this.modelStore,
        alerts: this.alerts,
        state: this.state,
        alertCooldownMinutes: settings.alertCooldownMinutes,
        onnxRuntime: onnxRuntime.layer,
        memorySize: settings.memorySize,
        timeout,
        architecture,
        logRetention,
      });
      // A function updated before its model is uploaded would load the old bytes and fail the
      // new checksum; deploying the models first keeps that window closed for new containers.
      fn.function.node.addDependency(this.modelStore.deployment);
      return fn;
    });

    // The sign-in events form keeps its per-user and per-address state under login#, and AWS
    // console sign-ins are fed to it by EventBridge.
    const signIns = this.detectorFunctions.find((fn) =>
      fn.detector.forms.some((form) => form.kind === "events"),
    );
    if (signIns) this.state.grantPrefix(signIns.role, LOGIN_KEY_PREFIX);
    this.consoleSignIns = signIns
      ? new ConsoleSignInRule(this, "ConsoleSignIns", { handler: signIns.function })
      : undefined;

    this.statusFunction = new HeliosFunction(this, "Status", {
      entry: join(HANDLERS_DIR, "status.ts"),
      description: "Helios status: GET / lists the detectors and their model versions",
      environment: {
        [ENV.detectorVersions]: JSON.stringify(
          Object.fromEntries([...models].map(([id, entry]) => [id, entry.modelVersion])),
        ),
      },
      memorySize: STATUS_MEMORY_MB,
      timeout,
      architecture,
      logRetention,
    });

    this.api = new HeliosApi(this, "Api", {
      statusHandler: this.statusFunction.function,
      detectorRoutes: this.detectorFunctions.map((fn) => ({ detector: fn.detector, handler: fn.function })),
      throttleRateLimit: settings.throttleRateLimit,
      throttleBurstLimit: settings.throttleBurstLimit,
      logRetention,
      cloudWatchRole: settings.apiGatewayCloudWatchRole,
    });

    this.alarms = new HeliosAlarms(this, "Alarms", {
      detectorFunctions: this.detectorFunctions,
      cpuDetectorName: CPU_DETECTOR.name,
      topic: this.alerts.topic,
      anomalyThreshold: settings.anomalyAlarmThreshold,
      cpuThreshold: settings.cpuAlarmThreshold,
      ...(settings.monitoredInstanceId ? { monitoredInstanceId: settings.monitoredInstanceId } : {}),
    });

    if (settings.watch || settings.watchTag) {
      this.watcher = new HeliosWatcher(this, "Watcher", {
        plan: {
          metrics: settings.watch ?? [],
          ...(settings.watchTag ? { tag: settings.watchTag } : {}),
          scheduleSeconds: settings.watchSchedule * 60,
          historySeconds: settings.watchHistoryDays * 86_400,
        },
        models: seriesDetectors().map((detector) => {
          const id = seriesModelId(detector.name);
          const versionId = settings.modelVersionIds[id];
          return { id, entry: modelOf(id), ...(versionId ? { versionId } : {}) };
        }),
        store: this.modelStore,
        alerts: this.alerts,
        onnxRuntime: onnxRuntime.layer,
        memorySize: settings.memorySize,
        architecture,
        logRetention,
      });
      this.watcher.function.function.node.addDependency(this.modelStore.deployment);
    }

    this.dashboard = new HeliosDashboard(this, "Dashboard", {
      detectorFunctions: this.detectorFunctions,
      api: this.api.api,
      alarms: [...this.alarms.all, ...(this.watcher ? [this.watcher.errorsAlarm] : [])],
      ...(this.watcher ? { extraRows: this.watcher.dashboardRows() } : {}),
      cpuThreshold: settings.cpuAlarmThreshold,
      ...(settings.monitoredInstanceId ? { monitoredInstanceId: settings.monitoredInstanceId } : {}),
    });

    if (settings.remediation) {
      this.remediation = new HeliosRemediation(this, "Remediation", {
        settings: settings.remediation,
        alerts: this.alerts,
        state: this.state,
        architecture,
        logRetention,
      });
    }

    new CfnOutput(this, "ApiUrl", {
      value: this.api.url,
      description: "Base URL of the Helios API (sign requests with SigV4)",
    });
    new CfnOutput(this, "ModelBucketName", {
      value: this.modelStore.bucket.bucketName,
      description: "Versioned bucket holding models/",
    });
    new CfnOutput(this, "AlertTopicArn", {
      value: this.alerts.topic.topicArn,
      description: "The Helios alert topic",
    });
    new CfnOutput(this, "DashboardUrl", {
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${this.dashboard.name}`,
      description: "The Helios dashboard in the CloudWatch console",
    });
  }
}
