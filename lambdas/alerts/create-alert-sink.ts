/**
 * Chooses the alert sink from the configuration. The SNS client is loaded at the first alert, not
 * when the sink is chosen: most requests alert nothing, and a cold start should not pay for it.
 */
import type { Logger } from "../runtime/logger";
import type { AlertSinkConfig } from "../runtime/runtime-config";
import type { AlertSink } from "./alert-sink";
import { FileAlertSink } from "./file-alert-sink";

/** Builds the alert sink the configuration asks for. */
export function createAlertSink(config: AlertSinkConfig, logger: Logger): AlertSink {
  if (config.kind === "file") return new FileAlertSink(config.file, logger);
  let sns: AlertSink | undefined;
  return {
    publish(alert, signal) {
      if (!sns) {
        // A plain require keeps the SNS client out of local mode and stays bundleable.
        const { SnsAlertSink }: typeof import("./sns-alert-sink") = require("./sns-alert-sink");
        sns = new SnsAlertSink(config.topicArn);
      }
      return sns.publish(alert, signal);
    },
  };
}
