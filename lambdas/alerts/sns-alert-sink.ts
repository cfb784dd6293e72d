/**
 * Alert sink adapter for AWS: one SNS Publish to the HeliosAlerts topic per alert, with a message
 * per protocol (SNS message structure "json"): email subscribers get the readable text, every other
 * protocol the JSON message.
 */
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import type { Alert, AlertSink } from "./alert-sink";

/**
 * Lambda must await the publish before it returns, so a slow SNS must not hold the response:
 * short timeouts and one retry bound it to a few seconds, after which the alert is logged instead.
 * throwOnRequestTimeout matters: without it the SDK only warns when requestTimeout passes.
 */
export const SNS_CLIENT_OPTIONS = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
} as const;

/** SNS subjects are ASCII, at most 100 characters, without line breaks. */
export function snsSubject(subject: string): string {
  return subject.replace(/[^\x20-\x7e]/g, "?").slice(0, 100);
}

/** The SNS message-structure body of an alert: `default` (JSON, for every protocol not named) and `email` (text). */
export function snsMessage(alert: Alert): string {
  return JSON.stringify({ default: JSON.stringify(alert.message), email: alert.text });
}

/** Publishes alerts to an SNS topic with a `detector` message attribute for subscription filters. */
export class SnsAlertSink implements AlertSink {
  private readonly client: SNSClient;

  /** @param client injected by tests; by default one client per container with bounded timeouts */
  constructor(
    private readonly topicArn: string,
    client?: SNSClient,
  ) {
    this.client = client ?? new SNSClient(SNS_CLIENT_OPTIONS);
  }

  /** Publishes the alert; rejects when SNS did not accept it, or when `signal` aborted first. */
  async publish(alert: Alert, signal?: AbortSignal): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: snsSubject(alert.subject),
        Message: snsMessage(alert),
        MessageStructure: "json",
        MessageAttributes: { detector: { DataType: "String", StringValue: alert.detector } },
      }),
      { abortSignal: signal },
    );
  }
}
