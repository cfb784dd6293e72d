/**
 * The remediator's Lambda handler, invoked by EventBridge with one watcher incident or one alarm
 * state change: decide (remediator.ts), then log the report and announce it on HeliosAlerts unless
 * it concerns no resource that opted in (report.announce). The
 * configuration is read at the first invocation; a wrong one fails every invocation with a log
 * line naming the variable (the event then goes to the dead-letter queue, untried).
 */
import type { Context } from "aws-lambda";
import type { AlertSink } from "../alerts/alert-sink";
import { createAlertSink } from "../alerts/create-alert-sink";
import {
  createLogger,
  describeError,
  type LineWriter,
  type Logger,
  type LogLevel,
  stdoutWriter,
} from "../runtime/logger";
import type { Environment } from "../runtime/runtime-config";
import { createStateStore } from "../state/create-state-store";
import type { StateStore } from "../state/state-store";
import { AwsResourceActions } from "./aws-resource-actions";
import { remediationAlert } from "./remediation-alert";
import type { RemediationEvent } from "./remediation-target";
import {
  type RemediationOutcome,
  type RemediationReport,
  type RemediatorDeps,
  remediate,
} from "./remediator";
import { readRemediatorConfig } from "./remediator-config";
import type { ResourceActions } from "./resource-actions";

/** The handler EventBridge invokes. */
export type RemediatorHandler = (event: RemediationEvent, context?: Context) => Promise<RemediationReport>;

/** Options for building the handler; the defaults are what the deployed function uses. */
export interface RemediatorHandlerOptions {
  /** Where configuration is read from. @default process.env */
  readonly env?: Environment;
  /** Receives log lines. @default stdout */
  readonly writeLine?: LineWriter;
  /** Clock in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /** The state store to use instead of the configured one (tests share one between two handlers). */
  readonly store?: StateStore;
  /** The resource actions to use instead of EC2 and SSM. */
  readonly actions?: ResourceActions;
}

/** Time kept back from the invocation's deadline to announce the report. */
const ANNOUNCE_MARGIN_MS = 2_000;

/** Log level of each outcome: a change to infrastructure is a warning, a failure an error. */
const LOG_LEVELS: Readonly<Record<RemediationOutcome, LogLevel>> = {
  acted: "warn",
  "would-act": "info",
  skipped: "info",
  failed: "error",
};

interface Wiring {
  readonly deps: RemediatorDeps;
  readonly alerts: AlertSink;
}

function wire(options: RemediatorHandlerOptions, logger: Logger, now: () => number): Wiring {
  const read = readRemediatorConfig(options.env ?? process.env);
  if (!read.ok) {
    logger.log("error", "remediator misconfigured", { problem: read.problem });
    throw new Error(`remediator misconfigured: ${read.problem}`);
  }
  const { config } = read;
  return {
    deps: {
      settings: config.settings,
      alarmNamePrefix: config.alarmNamePrefix,
      actions: options.actions ?? new AwsResourceActions(config.settings.automationAssumeRole),
      store: options.store ?? createStateStore(config.state),
      now,
    },
    alerts: createAlertSink(config.alerts, logger),
  };
}

/** Builds the remediator's handler. */
export function createRemediatorHandler(options: RemediatorHandlerOptions = {}): RemediatorHandler {
  const logger = createLogger(options.writeLine ?? stdoutWriter);
  const now = options.now ?? Date.now;
  let wiring: Wiring | undefined;

  const env = options.env ?? process.env;
  return async (event, context) => {
    wiring ??= wire(options, logger, now);
    const remaining = context?.getRemainingTimeInMillis?.();
    const signal =
      typeof remaining === "number" && Number.isFinite(remaining)
        ? AbortSignal.timeout(Math.max(1_000, remaining - ANNOUNCE_MARGIN_MS))
        : undefined;
    const report = await remediate(event, wiring.deps, signal);
    const alert = remediationAlert(report, {
      env,
      ...(context?.awsRequestId ? { requestId: context.awsRequestId } : {}),
    });
    logger.log(LOG_LEVELS[report.outcome], alert.subject, { remediation: alert.message });
    if (!report.announce) return report;
    try {
      await wiring.alerts.publish(alert);
    } catch (error) {
      // The log line above keeps the report; failing the invocation raises the errors alarm.
      logger.log("error", "remediation report not delivered to HeliosAlerts", {
        error: describeError(error),
      });
      throw new Error(`remediation report not delivered: ${describeError(error)}`);
    }
    return report;
  };
}
