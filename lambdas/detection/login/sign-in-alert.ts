/**
 * The alert for flagged sign-ins: a short ASCII subject, a JSON message for machines and a plain
 * text a person reads in an email (laid out like every Helios alert): who, when, from where, how
 * likely an attack, and why.
 */
import type { AlertDraft } from "../../alerts/alert-sink";
import { type AlertFact, logLocation } from "../../alerts/alert-text";
import type { SignInVerdict } from "./score-sign-ins";
import type { SignInEvent } from "./sign-in-event";

/** Where the alerted sign-ins came from and what scored them. */
export interface SignInAlertContext {
  /** The detector's name (an SNS message attribute subscribers filter on). */
  readonly detector: string;
  /** "<detector>@<model version>", as the answers report it. */
  readonly model: string;
  readonly requestId: string;
  readonly time: Date;
  /** "api" for POST /predict/<detector>, "console" for AWS console sign-ins from EventBridge. */
  readonly source: "api" | "console";
  /** What the client said the events are about, if it did. */
  readonly resource?: string;
  /** Where the function runs (Lambda's variables name its log group), for "look closer". */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Flagged sign-ins listed in one alert; the rest are counted. */
export const MAX_ALERTED_SIGN_INS = 20;

/** SNS refuses subjects over 100 characters, and non-ASCII or control characters in them. */
function asciiSubject(text: string): string {
  const ascii = text.replace(/[^\x20-\x7e]/g, "?");
  return ascii.length <= 100 ? ascii : `${ascii.slice(0, 97)}...`;
}

/** One alert for the flagged sign-ins of a request, or undefined when none was flagged. */
export function signInAlert(
  events: readonly SignInEvent[],
  verdicts: readonly SignInVerdict[],
  context: SignInAlertContext,
): AlertDraft | undefined {
  const flagged = verdicts.flatMap((verdict, i) =>
    verdict.anomaly === 1 ? [{ verdict, event: events[i]! }] : [],
  );
  if (flagged.length === 0) return undefined;
  const users = [...new Set(flagged.map(({ verdict }) => verdict.user))];
  const origin = context.source === "console" ? "AWS console sign-in" : "sign-in";
  const subject =
    flagged.length === 1
      ? `Helios: suspicious ${origin} by ${users[0]}`
      : `Helios: ${flagged.length} suspicious ${origin}s (${users.length} user${users.length === 1 ? "" : "s"})`;
  const listed = flagged.slice(0, MAX_ALERTED_SIGN_INS);
  const facts: AlertFact[] = [
    ["Detector", `${context.detector} (sign-in events)`],
    ["Resource", context.resource],
    [
      "Source",
      context.source === "console" ? "AWS console sign-ins (CloudTrail via EventBridge)" : "POST /predict",
    ],
    [
      "Users",
      users.length <= 5 ? users.join(", ") : `${users.slice(0, 5).join(", ")} and ${users.length - 5} more`,
    ],
    ["Time", context.time.toISOString()],
    ["Model", context.model],
  ];
  return {
    subject: asciiSubject(subject),
    detector: context.detector,
    message: {
      detector: context.detector,
      ...(context.resource === undefined ? {} : { resource: context.resource }),
      model: context.model,
      source: context.source,
      requestId: context.requestId,
      time: context.time.toISOString(),
      events: verdicts.length,
      flagged: flagged.length,
      signIns: listed.map(({ verdict, event }) => ({
        user: verdict.user,
        time: verdict.time,
        source_ip: event.sourceIp,
        success: event.success,
        probability: verdict.probability,
        reasons: verdict.reasons,
      })),
      notListed: flagged.length - listed.length,
    },
    textParts: {
      headline: `Helios flagged ${flagged.length} of ${verdicts.length} ${origin} event${verdicts.length === 1 ? "" : "s"} as suspicious.`,
      facts,
      sections: [
        {
          title: "Flagged sign-ins (who, when, from where, attack probability, why):",
          lines: [
            ...listed.map(
              ({ verdict, event }) =>
                `${verdict.user} ${event.success ? "signed in" : "failed to sign in"} at ${verdict.time} from ` +
                `${event.sourceIp}: ${verdict.probability.toFixed(2)}` +
                (verdict.reasons.length > 0 ? ` (${verdict.reasons.join("; ")})` : ""),
            ),
            ...(flagged.length > listed.length ? [`... and ${flagged.length - listed.length} more`] : []),
          ],
        },
      ],
      lookCloser: [logLocation(context.env ?? {}, context.requestId)],
    },
  };
}
