/**
 * The alert sink port: where an anomaly alert goes. SNS Publish to HeliosAlerts on AWS; a JSON-lines
 * file plus a log line in local mode. The SNS client is loaded only when SNS is chosen.
 */
import type { Logger } from "../runtime/logger";
import type { AlertSinkConfig } from "../runtime/runtime-config";
import { FileAlertSink } from "./file-alert-sink";

/** One alert: a readable subject, a JSON message and the detector (an SNS message attribute). */
export interface Alert {
  /** Short ASCII line, e.g. "Helios: cpu anomaly". */
  readonly subject: string;
  readonly detector: string;
  /** The JSON body subscribers receive. */
  readonly message: Readonly<Record<string, unknown>>;
}

/** Delivers alerts; rejects when delivery failed (the caller decides what that means). */
export interface AlertSink {
  /** @param signal abandons the delivery when it aborts (it must not outlive its invocation) */
  publish(alert: Alert, signal?: AbortSignal): Promise<void>;
}

/** Builds the alert sink the configuration asks for. */
export function createAlertSink(config: AlertSinkConfig, logger: Logger): AlertSink {
  if (config.kind === "file") return new FileAlertSink(config.file, logger);
  // A plain require keeps the SNS client out of local mode and stays bundleable.
  const { SnsAlertSink }: typeof import("./sns-alert-sink") = require("./sns-alert-sink");
  return new SnsAlertSink(config.topicArn);
}
