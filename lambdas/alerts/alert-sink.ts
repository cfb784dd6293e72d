/**
 * The alert sink port: where an anomaly alert goes. SNS Publish to HeliosAlerts on AWS; a JSON-lines
 * file plus a log line in local mode (the factory, create-alert-sink.ts, chooses).
 */
import { type AlertTextParts, alertText } from "./alert-text";

/** One alert: a readable subject, a JSON message, the same as readable text, and the detector. */
export interface Alert {
  /** Short ASCII line, e.g. "Helios: cpu anomaly on i-0abc123". */
  readonly subject: string;
  /** The detector (an SNS message attribute subscribers can filter on). */
  readonly detector: string;
  /** The JSON body machine subscribers (HTTPS, SQS, Lambda) receive. */
  readonly message: Readonly<Record<string, unknown>>;
  /** The same alert as plain text, for people: what email subscribers receive. */
  readonly text: string;
}

/** An alert before its text is laid out: a door builds it, the cooldown may add notes. */
export interface AlertDraft extends Omit<Alert, "text"> {
  readonly textParts: AlertTextParts;
}

/** The alert of a draft, with any extra notes and fields. */
export function finishAlert(
  draft: AlertDraft,
  extra: { readonly notes?: readonly string[]; readonly fields?: Readonly<Record<string, unknown>> } = {},
): Alert {
  const { textParts, ...alert } = draft;
  return {
    ...alert,
    message: { ...alert.message, ...extra.fields },
    text: alertText({ ...textParts, notes: [...(textParts.notes ?? []), ...(extra.notes ?? [])] }),
  };
}

/** Delivers alerts; rejects when delivery failed (the caller decides what that means). */
export interface AlertSink {
  /** @param signal abandons the delivery when it aborts (it must not outlive its invocation) */
  publish(alert: Alert, signal?: AbortSignal): Promise<void>;
}
