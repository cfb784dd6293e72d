/**
 * The alert for flagged sign-ins: a short ASCII subject, a JSON message for machines and a plain
 * text a person reads in an email: who, when, from where, how likely an attack, and why.
 */
import type { SignInVerdict } from "./score-sign-ins";
import type { SignInEvent } from "./sign-in-event";

/** An alert's content, before the door adds its delivery details. */
export interface SignInAlertContent {
  /** At most 100 ASCII characters (SNS's limit for email subjects). */
  readonly subject: string;
  readonly message: Readonly<Record<string, unknown>>;
  readonly text: string;
}

/** Where the alerted sign-ins came from and what scored them. */
export interface SignInAlertContext {
  /** "<detector>@<model version>", as the answers report it. */
  readonly model: string;
  readonly requestId: string;
  readonly time: Date;
  /** "api" for POST /predict/<detector>, "console" for AWS console sign-ins from EventBridge. */
  readonly source: "api" | "console";
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
): SignInAlertContent | undefined {
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
  const lines = [
    `Helios flagged ${flagged.length} of ${verdicts.length} ${origin} event${verdicts.length === 1 ? "" : "s"} (model ${context.model}).`,
    "",
    ...listed.flatMap(({ verdict, event }) => [
      `${verdict.user} ${event.success ? "signed in" : "failed to sign in"} at ${verdict.time} from ${event.sourceIp}: ` +
        `attack probability ${verdict.probability.toFixed(2)}`,
      ...verdict.reasons.map((reason) => `  - ${reason}`),
      "",
    ]),
    ...(flagged.length > listed.length ? [`... and ${flagged.length - listed.length} more.`, ""] : []),
    `Request ${context.requestId}, ${context.time.toISOString()}.`,
  ];
  return {
    subject: asciiSubject(subject),
    message: {
      detector: context.model.split("@")[0],
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
    },
    text: lines.join("\n"),
  };
}
