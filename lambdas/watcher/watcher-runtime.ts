/**
 * The scheduled watcher function: configuration from the environment, then one run per
 * invocation: find the targets, load the series scorers (once per container), read and score,
 * publish one alert for the new incidents, record the metrics, log one summary line. A run that
 * could not read some metrics still scores and alerts on the others, then fails the invocation
 * with what it could not read, so that Lambda counts an error (the errors alarm) and sends the
 * event to the dead-letter queue. Every wait is bounded by the invocation's deadline.
 */
import type { Context } from "aws-lambda";
import type { AlertSink } from "../alerts/alert-sink";
import { createAlertSink } from "../alerts/create-alert-sink";
import type { MetricSource } from "../metric-source/metric-source";
import { createMetricsSink, type MetricsSink } from "../metrics/metrics-sink";
import { createLogger, describeError, type LineWriter, type Logger, stdoutWriter } from "../runtime/logger";
import { type Environment, readAlertSinkConfig, readMetricsKind } from "../runtime/runtime-config";
import type { IncidentAnnouncer } from "./incident-announcer";
import { type ActiveMetricLister, type InstanceFinder, resolveTargets } from "./instance-discovery";
import { runWindow } from "./run-window";
import type { SeriesScorers } from "./series-scorer";
import { composeWatchAlert } from "./watch-alert";
import { parsePlan, parsePlanValue, type WatchPlan } from "./watch-config";
import { type WatchRunReport, watchRun } from "./watch-run";
import { WATCHER_ENV, WATCHER_METRICS_NAME } from "./watcher-environment";

/**
 * What the schedule sends: its scheduled time (EventBridge Scheduler's <aws.scheduler.scheduled-time>)
 * and the watch plan. Without a plan in the event (a run started by hand), HELIOS_WATCH_PLAN is used.
 */
export interface WatcherEvent {
  readonly scheduledTime?: string;
  readonly plan?: unknown;
}

/** What a run returns (also logged): counts, not data. */
export interface WatcherSummary {
  readonly runTime: string;
  readonly metrics: number;
  readonly instances: number;
  readonly points: number;
  readonly newPoints: number;
  readonly incidents: number;
  readonly unread: number;
  readonly alerted: boolean;
  /** Incidents announced as events (0 when announcing is off). */
  readonly announced: number;
  readonly calls: number;
  readonly durationMs: number;
}

/** The outside world of a run; the defaults are AWS's (built from the environment on first use). */
export interface WatcherDependencies {
  readonly source: MetricSource;
  readonly finder: InstanceFinder;
  readonly lister?: ActiveMetricLister;
  /** Loads the scorers; called once per container, again after a failure. */
  readonly loadScorers: (env: Environment, signal?: AbortSignal) => Promise<SeriesScorers>;
  readonly alerts?: AlertSink;
  readonly metrics?: MetricsSink;
  /** Where new incidents are announced; by default as HELIOS_INCIDENT_EVENTS says (none when "off"). */
  readonly announcer?: IncidentAnnouncer;
}

/** Options for building the watcher; the defaults are what the deployed function uses. */
export interface WatcherRuntimeOptions {
  readonly env?: Environment;
  readonly writeLine?: LineWriter;
  /** Clock in epoch milliseconds. */
  readonly now?: () => number;
  /** Replaces the AWS adapters (tests, the benchmark). */
  readonly dependencies?: Partial<WatcherDependencies>;
}

/** Time kept back from the deadline for scoring, alerting and logging after the reads. */
export const RUN_MARGIN_MS = 10_000;

/** Longest run without a Lambda deadline (a local invocation). */
const NO_DEADLINE_MS = 5 * 60_000;

/** The watcher's handler. */
export type WatcherHandler = (
  event: WatcherEvent | undefined,
  context?: Pick<Context, "getRemainingTimeInMillis">,
) => Promise<WatcherSummary>;

/** A run that did not fully succeed; its message says what to look at. */
export class WatcherRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WatcherRunError";
  }
}

/** The AWS adapters, loaded only when the function needs them (tests replace them all). */
function awsDependencies(): Pick<WatcherDependencies, "source" | "finder" | "lister"> {
  const {
    CloudWatchMetricSource,
  }: typeof import("../metric-source/cloudwatch-metric-source") = require("../metric-source/cloudwatch-metric-source");
  const { Ec2InstanceFinder }: typeof import("./instance-discovery") = require("./instance-discovery");
  const source = new CloudWatchMetricSource();
  return { source, lister: source, finder: new Ec2InstanceFinder() };
}

/** The EventBridge announcer for `stack`'s watcher, its client loaded only when announcing is on. */
function eventBridgeAnnouncer(stack: string): IncidentAnnouncer {
  const {
    EventBridgeIncidentAnnouncer,
  }: typeof import("./eventbridge-incident-announcer") = require("./eventbridge-incident-announcer");
  return new EventBridgeIncidentAnnouncer(stack);
}

/** Loads the series scorers from the model the environment names (see series-scorers.ts). */
function defaultLoadScorers(env: Environment, signal?: AbortSignal): Promise<SeriesScorers> {
  const { loadSeriesScorers }: typeof import("./series-scorers") = require("./series-scorers");
  return loadSeriesScorers(env, signal);
}

/** When the run was scheduled, in epoch seconds: the event's time, else now. */
function scheduledSeconds(event: WatcherEvent | undefined, nowMs: number): number {
  const parsed = event?.scheduledTime ? Date.parse(event.scheduledTime) : Number.NaN;
  return Math.floor((Number.isFinite(parsed) ? parsed : nowMs) / 1000);
}

/** Builds the watcher's handler. */
export function createWatcherRuntime(options: WatcherRuntimeOptions = {}): WatcherHandler {
  const env = options.env ?? process.env;
  const writeLine = options.writeLine ?? stdoutWriter;
  const now = options.now ?? Date.now;
  const logger: Logger = createLogger(writeLine);
  let aws: Pick<WatcherDependencies, "source" | "finder" | "lister"> | undefined;
  let scorers: Promise<SeriesScorers> | undefined;
  let announcer: IncidentAnnouncer | undefined;

  function configuration(event: WatcherEvent | undefined): {
    plan: WatchPlan;
    alerts: AlertSink;
    metrics: MetricsSink;
    announcer: IncidentAnnouncer | undefined;
  } {
    const planJson = env[WATCHER_ENV.plan];
    const plan =
      event?.plan !== undefined
        ? parsePlanValue(event.plan)
        : planJson
          ? parsePlan(planJson)
          : { ok: false as const, problems: [`the event has no plan and ${WATCHER_ENV.plan} is not set`] };
    if (!plan.ok) throw new WatcherRunError(`invalid watch plan: ${plan.problems.join("; ")}`);
    const alertConfig = readAlertSinkConfig(env);
    if (!alertConfig.ok) throw new WatcherRunError(alertConfig.problem);
    const metricsKind = readMetricsKind(env);
    if (!metricsKind.ok) throw new WatcherRunError(metricsKind.problem);
    const events = env[WATCHER_ENV.incidentEvents]?.trim() || "off";
    if (events !== "eventbridge" && events !== "off") {
      throw new WatcherRunError(`${WATCHER_ENV.incidentEvents} must be "eventbridge" or "off"`);
    }
    const stack = env[WATCHER_ENV.stackName]?.trim();
    if (events === "eventbridge" && !options.dependencies?.announcer && !stack) {
      throw new WatcherRunError(
        `${WATCHER_ENV.stackName} must name the watcher's stack when ${WATCHER_ENV.incidentEvents} is "eventbridge"`,
      );
    }
    announcer ??=
      options.dependencies?.announcer ??
      (events === "eventbridge" ? eventBridgeAnnouncer(stack!) : undefined);
    return {
      announcer,
      plan: plan.value,
      alerts: options.dependencies?.alerts ?? createAlertSink(alertConfig.config, logger),
      metrics: options.dependencies?.metrics ?? createMetricsSink(metricsKind.kind, logger, writeLine),
    };
  }

  return async (event, context) => {
    const started = now();
    const remaining = context?.getRemainingTimeInMillis?.() ?? NO_DEADLINE_MS;
    const deadline = started + remaining;
    const { plan, alerts, metrics, announcer: announce } = configuration(event);
    const deps = options.dependencies ?? {};
    const needsAws = !deps.source || !deps.finder;
    if (needsAws) aws ??= awsDependencies();
    const source = deps.source ?? aws!.source;
    const finder = deps.finder ?? aws!.finder;
    const lister = deps.lister ?? (deps.source ? undefined : aws?.lister);
    const loadScorers = deps.loadScorers ?? defaultLoadScorers;

    const readSignal = AbortSignal.timeout(Math.max(1, deadline - RUN_MARGIN_MS - now()));
    const window = runWindow(scheduledSeconds(event, started), plan);
    let discoveryProblem: string | undefined;
    const targets = await resolveTargets(plan, finder, lister, readSignal).catch((error: unknown) => {
      // The listed metrics are still watched; the run then fails, naming the discovery problem.
      discoveryProblem = `instances tagged ${plan.tag?.key}=${plan.tag?.value} could not be listed: ${describeError(error)}`;
      return { metrics: plan.metrics, instances: [], inactive: 0, warnings: [] };
    });
    for (const warning of targets.warnings) logger.log("warn", "watcher discovery", { warning });

    scorers ??= loadScorers(env, readSignal).catch((error: unknown) => {
      scorers = undefined; // the next run tries again
      metrics.record({ detector: WATCHER_METRICS_NAME, modelLoadFailures: 1 });
      throw new WatcherRunError(`the series model could not be loaded: ${describeError(error)}`);
    });
    const report: WatchRunReport = await watchRun(targets.metrics, window, {
      source,
      scorers: await scorers,
      signal: readSignal,
    });

    for (const [detector, counts] of report.counts) metrics.record({ detector, ...counts });
    const region = env.AWS_REGION ?? "us-east-1";
    const alert = composeWatchAlert(report.incidents, window, { region, env }, report.unread);
    let alertProblem: string | undefined;
    if (alert) {
      try {
        await alerts.publish(alert, AbortSignal.timeout(Math.max(1, deadline - now() - 1_000)));
      } catch (error) {
        alertProblem = describeError(error);
        metrics.record({ detector: WATCHER_METRICS_NAME, alertFailures: 1 });
        logger.log("error", "watcher alert not delivered; logged here instead", {
          reason: alertProblem,
          subject: alert.subject,
          alert: alert.message,
        });
      }
    }
    let announceProblem: string | undefined;
    if (announce && report.incidents.length > 0) {
      try {
        await announce.announce(
          report.incidents,
          new Date(started),
          AbortSignal.timeout(Math.max(1, deadline - now() - 1_000)),
        );
      } catch (error) {
        announceProblem = describeError(error);
        logger.log("error", "watcher incidents not announced", {
          reason: announceProblem,
          incidents: report.incidents.length,
        });
      }
    }
    await metrics.flush();

    const summary: WatcherSummary = {
      runTime: new Date(window.runTime * 1000).toISOString(),
      metrics: targets.metrics.length,
      instances: targets.instances.length,
      points: report.outcomes.reduce((n, o) => n + o.points, 0),
      newPoints: report.outcomes.reduce((n, o) => n + o.newPoints.length, 0),
      incidents: report.incidents.length,
      unread: report.unread.length,
      alerted: alert !== undefined && alertProblem === undefined,
      announced: announce && announceProblem === undefined ? report.incidents.length : 0,
      calls: report.calls,
      durationMs: now() - started,
    };
    const failed =
      report.unread.length > 0 ||
      alertProblem !== undefined ||
      announceProblem !== undefined ||
      discoveryProblem !== undefined;
    logger.log(failed ? "error" : "info", "watcher run", {
      ...summary,
      ...(discoveryProblem ? { discoveryProblem } : {}),
      inactiveInstanceMetrics: targets.inactive,
      unreadMetrics: report.unread.slice(0, 20).map((u) => ({
        namespace: u.metric.namespace,
        metricName: u.metric.metricName,
        dimensions: u.metric.dimensions,
        reason: u.reason,
      })),
    });
    if (failed) {
      const parts = [
        ...(discoveryProblem ? [discoveryProblem] : []),
        ...(report.unread.length > 0
          ? [
              `${report.unread.length} of ${targets.metrics.length} metrics could not be read or scored (first: ${report.unread[0]!.reason})`,
            ]
          : []),
        ...(alertProblem ? [`the alert could not be delivered: ${alertProblem}`] : []),
        ...(announceProblem ? [`the incidents could not be announced: ${announceProblem}`] : []),
      ];
      throw new WatcherRunError(parts.join("; "));
    }
    return summary;
  };
}
