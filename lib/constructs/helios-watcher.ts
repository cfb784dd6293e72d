/**
 * HeliosWatcher: the scheduled watcher. An EventBridge Scheduler schedule invokes one function
 * (reserved concurrency 1: one run at a time) that reads CloudWatch metrics, scores them with the
 * series model from the model bucket and publishes one alert per run with new incidents. A run
 * that fails, or an invocation that cannot be delivered or waits too long behind a running one,
 * lands in a dead-letter queue, and the errors alarm fires. Each new incident is also put on the
 * default EventBridge bus (the remediator's input). Its IAM grants only what a run uses.
 */

import { join } from "node:path";
import { Duration, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import { type Alarm, GraphWidget, type IWidget, Metric, TextWidget } from "aws-cdk-lib/aws-cloudwatch";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { Architecture, CfnFunction, ILayerVersion } from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { ENV } from "../../lambdas/runtime/environment-names";
import { shareSeriesParameters } from "../../lambdas/watcher/shared-series-parameters";
import { serializePlan, TAG_METRICS, type WatchPlan } from "../../lambdas/watcher/watch-config";
import { WATCHER_ENV, WATCHER_METRICS_NAME } from "../../lambdas/watcher/watcher-environment";
import { detectorMetric, METRIC_PERIOD } from "../detector-metrics";
import { BASE_NAMES, PhysicalNames } from "../physical-names";
import type { AlertTopic } from "./alert-topic";
import { type FunctionModel, HANDLERS_DIR } from "./detector-function";
import { failureAlarm } from "./failure-alarm";
import { HeliosFunction } from "./helios-function";
import { grantPutIncidentEvents } from "./incident-events";
import type { ModelStore } from "./model-store";
import { ONNXRUNTIME_PACKAGES } from "./onnxruntime-layer";

/** Name of the watcher's errors alarm, before any name prefix. */
export const WATCHER_ERRORS_ALARM_BASE = `${BASE_NAMES.alarmPrefix}-watcher-errors`;

/** Name of the watcher's schedule, before any name prefix. */
export const WATCHER_SCHEDULE_BASE = "HeliosWatcher";

/** Longest watcher run: five minutes, or the schedule's period when that is shorter. */
export const MAX_RUN_SECONDS = 300;

/** Longest an asynchronous invocation may wait in Lambda's queue. */
const LAMBDA_MAX_EVENT_AGE_SECONDS = 21_600;

/** Most watched metrics drawn one graph each on the dashboard; more are summed up per detector. */
const MAX_METRIC_GRAPHS = 24;

/** Properties of the watcher. */
export interface HeliosWatcherProps {
  /** What to watch, how often, over how much history. */
  readonly plan: WatchPlan;
  /** The series models (one per series detector, ids from the catalog), as the detector functions get theirs. */
  readonly models: readonly FunctionModel[];
  /** The model bucket the series model is read from. */
  readonly store: ModelStore;
  /** Where alerts and alarm notifications go. */
  readonly alerts: AlertTopic;
  /** The onnxruntime layer, built for `architecture`. */
  readonly onnxRuntime: ILayerVersion;
  /** Memory in MB (Lambda gives CPU in proportion). */
  readonly memorySize: number;
  readonly architecture: Architecture;
  readonly logRetention: RetentionDays;
}

/** The watcher's function, schedule, dead-letter queue and errors alarm. */
export class HeliosWatcher extends Construct {
  /** The watcher function. */
  readonly function: HeliosFunction;
  /** Failed runs and undelivered invocations. */
  readonly deadLetters: Queue;
  /** The schedule that starts each run. */
  readonly schedule: Schedule;
  /** Lambda errors, dead letters, model load and alert failures of the watcher. */
  readonly errorsAlarm: Alarm;
  private readonly plan: WatchPlan;

  constructor(scope: Construct, id: string, props: HeliosWatcherProps) {
    super(scope, id);
    const { plan } = props;
    this.plan = plan;
    const timeout = Duration.seconds(Math.min(plan.scheduleSeconds, MAX_RUN_SECONDS));

    this.deadLetters = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.deadLetters).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is the watcher's dead-letter queue (of its schedule and of its function's async invocations); a dead-letter queue needs none of its own.",
    });

    // As the detectors get theirs (HELIOS_MODELS: model id to key, pinned version and entry),
    // without the long texts, and with one copy of the series parameters the entries share: three
    // copies would crowd the 4 KB environment.
    const models = shareSeriesParameters(
      Object.fromEntries(
        props.models.map((model) => {
          const { boundaries: _b, recipe: _r, trainingData: _t, ...runtime } = model.entry;
          return [
            model.id,
            {
              key: props.store.keyOf(model.entry.file),
              ...(model.versionId ? { versionId: model.versionId } : {}),
              entry: { ...runtime, decision: { ...model.entry.decision, description: "" } },
            },
          ];
        }),
      ),
    );
    this.function = new HeliosFunction(this, "Watcher", {
      entry: join(HANDLERS_DIR, "watcher.ts"),
      description: `Helios watcher: scores ${plan.metrics.length} CloudWatch metrics${plan.tag ? ` and the instances tagged ${plan.tag.key}=${plan.tag.value}` : ""} every ${plan.scheduleSeconds / 60} min`,
      environment: {
        [ENV.modelSource]: "s3",
        [ENV.modelBucket]: props.store.bucket.bucketName,
        [ENV.models]: JSON.stringify(models),
        [ENV.alertSink]: "sns",
        [ENV.alertTopicArn]: props.alerts.topic.topicArn,
        [ENV.metrics]: "emf",
        [WATCHER_ENV.incidentEvents]: "eventbridge",
        [WATCHER_ENV.stackName]: Stack.of(this).stackName,
      },
      memorySize: props.memorySize,
      timeout,
      architecture: props.architecture,
      logRetention: props.logRetention,
      layers: [props.onnxRuntime],
      externalModules: [...ONNXRUNTIME_PACKAGES],
      // One run at a time: a run still going when the next is due makes the next wait, then give up.
      reservedConcurrentExecutions: 1,
    });
    const fn = this.function.function;
    fn.configureAsyncInvoke({
      retryAttempts: 0, // the next scheduled run reads the same history again
      // A run waiting behind a running one gives up when the next is due (Lambda keeps one at most 6 hours).
      maxEventAge: Duration.seconds(
        Math.min(LAMBDA_MAX_EVENT_AGE_SECONDS, Math.max(60, plan.scheduleSeconds)),
      ),
      onFailure: new SqsDestination(this.deadLetters),
    });

    for (const file of new Set(props.models.map((model) => model.entry.file))) {
      const pinned = props.models.some((model) => model.entry.file === file && model.versionId !== undefined);
      props.store.grantReadModel(this.function.role, file, pinned);
    }
    props.alerts.grantPublish(this.function.role);
    // Each new incident is also an event on the default bus, for the remediator (self-healing).
    grantPutIncidentEvents(this, this.function.role);
    this.function.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "ReadMetrics",
        actions: ["cloudwatch:GetMetricData", ...(plan.tag ? ["cloudwatch:ListMetrics"] : [])],
        resources: ["*"],
      }),
    );
    if (plan.tag) {
      this.function.role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: "FindTaggedInstances",
          actions: ["ec2:DescribeInstances"],
          resources: ["*"],
        }),
      );
    }
    Validations.of(this.function.role).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "Only for actions without resource-level permissions: cloudwatch:GetMetricData and cloudwatch:ListMetrics (CloudWatch metrics have no ARNs), ec2:DescribeInstances (a List/Describe action that supports no resource or tag condition), and X-Ray's PutTraceSegments and PutTelemetryRecords (active tracing). Every other statement names its resources.",
    });

    // The schedule's own role, so that its one finding can be acknowledged here.
    const scheduleRole = new Role(this, "ScheduleRole", {
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
      description:
        "Lets EventBridge Scheduler start Helios watcher runs (and send undeliverable ones to the dead-letter queue)",
    });
    const functionId = Stack.of(this).getLogicalId(fn.node.defaultChild as CfnFunction);
    Validations.of(scheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        "CDK's LambdaInvoke target grants lambda:InvokeFunction on the watcher function and its versions (<arn>:*); the watcher publishes no versions or aliases, so this is the one function.",
    });
    const names = PhysicalNames.of(this);
    this.schedule = new Schedule(this, "Schedule", {
      scheduleName: names.name("schedule", WATCHER_SCHEDULE_BASE),
      description: `Starts a Helios watcher run every ${plan.scheduleSeconds / 60} minutes`,
      schedule: ScheduleExpression.rate(Duration.minutes(plan.scheduleSeconds / 60)),
      target: new LambdaInvoke(fn, {
        role: scheduleRole,
        retryAttempts: 0,
        maxEventAge: Duration.seconds(Math.max(60, plan.scheduleSeconds)),
        deadLetterQueue: this.deadLetters,
        // The plan travels with each run: the 4 KB environment would hold only a few metrics.
        input: ScheduleTargetInput.fromObject({
          scheduledTime: ContextAttribute.scheduledTime,
          plan: JSON.parse(serializePlan(plan)),
        }),
      }),
    });

    const watcher = { name: WATCHER_METRICS_NAME };
    this.errorsAlarm = failureAlarm(this, "Errors", {
      alarmName: names.name("alarm", WATCHER_ERRORS_ALARM_BASE),
      description:
        "Helios watcher: a run failed (metrics it could not read, a model it could not load, an alert it could not send) or never ran (dead letters)",
      signals: {
        errors: fn.metricErrors({ period: METRIC_PERIOD, statistic: "Sum" }),
        dead: this.deadLetters.metricNumberOfMessagesSent({ period: METRIC_PERIOD, statistic: "Sum" }),
        modelLoad: detectorMetric(watcher, "modelLoadFailures"),
        alerts: detectorMetric(watcher, "alertFailures"),
      },
      label: "watcher errors, dead letters, ModelLoadFailures and AlertFailures",
      topic: props.alerts.topic,
    });
  }

  /** Dashboard rows: each listed metric with its detector's anomalies, then the watcher's own health. */
  dashboardRows(): IWidget[][] {
    const graphs: IWidget[] = this.plan.metrics.slice(0, MAX_METRIC_GRAPHS).map(
      (metric) =>
        new GraphWidget({
          title: `${metric.metricName} ${Object.values(metric.dimensions).join("/")} (${metric.detector})`,
          left: [
            new Metric({
              namespace: metric.namespace,
              metricName: metric.metricName,
              dimensionsMap: { ...metric.dimensions },
              statistic: metric.stat,
              period: Duration.seconds(metric.period),
              label: `${metric.metricName} (${metric.stat})`,
            }),
          ],
          right: [
            detectorMetric({ name: metric.detector }, "anomalies").with({
              label: `${metric.detector} anomalies`,
            }),
          ],
          width: 8,
          height: 6,
        }),
    );
    const detectors = [
      ...new Set([
        ...this.plan.metrics.map((m) => m.detector),
        ...(this.plan.tag ? TAG_METRICS.map((m) => m.detector) : []),
      ]),
    ];
    graphs.push(
      new GraphWidget({
        title: "watcher: points scored and anomalies per detector",
        left: detectors.map((d) => detectorMetric({ name: d }, "predictions").with({ label: `${d} points` })),
        right: detectors.map((d) =>
          detectorMetric({ name: d }, "anomalies").with({ label: `${d} anomalies` }),
        ),
        width: 8,
        height: 6,
      }),
      new GraphWidget({
        title: "watcher: errors and run duration",
        left: [
          this.function.function.metricErrors({ period: METRIC_PERIOD, statistic: "Sum", label: "errors" }),
          this.deadLetters.metricNumberOfMessagesSent({
            period: METRIC_PERIOD,
            statistic: "Sum",
            label: "dead letters",
          }),
        ],
        right: [
          this.function.function.metricDuration({
            period: METRIC_PERIOD,
            statistic: "Maximum",
            label: "duration max (ms)",
          }),
        ],
        width: 8,
        height: 6,
      }),
    );
    const rows: IWidget[][] = [
      [
        new TextWidget({
          markdown: `## Watcher\nEvery ${this.plan.scheduleSeconds / 60} min over ${this.plan.historySeconds / 86_400} days of history${this.plan.tag ? `; instances tagged \`${this.plan.tag.key}=${this.plan.tag.value}\`` : ""}${this.plan.metrics.length > MAX_METRIC_GRAPHS ? `; the first ${MAX_METRIC_GRAPHS} of ${this.plan.metrics.length} listed metrics are drawn` : ""}.`,
          width: 24,
          height: 2,
        }),
      ],
    ];
    for (let i = 0; i < graphs.length; i += 3) rows.push(graphs.slice(i, i + 3));
    return rows;
  }
}
