/** Chooses the alert sink from the configuration; the SNS client is loaded only when SNS is chosen. */
import type { Logger } from "../runtime/logger";
import type { AlertSinkConfig } from "../runtime/runtime-config";
import type { AlertSink } from "./alert-sink";
import { FileAlertSink } from "./file-alert-sink";

/** Builds the alert sink the configuration asks for. */
export function createAlertSink(config: AlertSinkConfig, logger: Logger): AlertSink {
  if (config.kind === "file") return new FileAlertSink(config.file, logger);
  // A plain require keeps the SNS client out of local mode and stays bundleable.
  const { SnsAlertSink }: typeof import("./sns-alert-sink") = require("./sns-alert-sink");
  return new SnsAlertSink(config.topicArn);
}
