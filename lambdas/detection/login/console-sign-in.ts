/**
 * AWS console sign-ins as sign-in events: maps the EventBridge event "AWS Console Sign In via
 * CloudTrail" (source aws.signin, detail.eventName ConsoleLogin) to the event the login detector
 * scores. A user is named `<account>/<name>`: `<account>/root`, `<account>/<IAM user name>`,
 * `<account>/<role>/<session>` for an assumed role (SAML or OIDC federation, IAM Identity Center),
 * `<account>/<name>` for a federated user. A failed sign-in with a user name that does not exist is
 * logged by AWS as HIDDEN_DUE_TO_SECURITY_REASONS and stays that placeholder, which the detector
 * judges by its address alone.
 */
import {
  type Checked,
  checkSignInEvent,
  HIDDEN_USER,
  MAX_USER_AGENT_LENGTH,
  type SignInEvent,
} from "./sign-in-event";

/** EventBridge source of console sign-ins. */
export const CONSOLE_SIGN_IN_SOURCE = "aws.signin";

/** The detail-type, as CloudTrail sends it and as the EventBridge guide spells it: a rule matches both. */
export const CONSOLE_SIGN_IN_DETAIL_TYPES = [
  "AWS Console Sign In via CloudTrail",
  "AWS Console Signin via CloudTrail",
] as const;

/** The CloudTrail event name of a console sign-in. */
export const CONSOLE_LOGIN = "ConsoleLogin";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.length > 0 ? value : undefined;

/** True for an EventBridge event this mapper reads (source, detail-type and event name), whatever its content. */
export function isConsoleSignIn(event: unknown): boolean {
  return (
    isObject(event) &&
    event.source === CONSOLE_SIGN_IN_SOURCE &&
    (CONSOLE_SIGN_IN_DETAIL_TYPES as readonly unknown[]).includes(event["detail-type"]) &&
    isObject(event.detail) &&
    event.detail.eventName === CONSOLE_LOGIN
  );
}

/** The user a CloudTrail userIdentity names, or undefined when it names none. */
function userOf(identity: Json, account: string | undefined): string | undefined {
  const name = text(identity.userName);
  if (name === HIDDEN_USER) return HIDDEN_USER;
  const arn = text(identity.arn);
  const accountId = text(identity.accountId) ?? account ?? "unknown-account";
  switch (identity.type) {
    case "Root":
      return `${accountId}/root`;
    case "IAMUser":
      // Failures carry no ARN, successes do: the name alone keeps both in one history.
      return name ? `${accountId}/${name}` : undefined;
    case "AssumedRole": {
      const session = arn?.match(/:assumed-role\/(.+)$/)?.[1];
      return session ? `${accountId}/${session}` : (text(identity.principalId) ?? undefined);
    }
    case "FederatedUser": {
      const federated = arn?.match(/:federated-user\/(.+)$/)?.[1];
      return federated ? `${accountId}/${federated}` : name && `${accountId}/${name}`;
    }
    default:
      return name ? `${accountId}/${name}` : undefined;
  }
}

/**
 * The sign-in event of a console sign-in, or a problem naming what is missing. The result goes
 * through the same validation as an API request, so both doors score identical events.
 */
export function consoleSignInEvent(event: unknown): Checked<SignInEvent> {
  const bad = (problem: string): Checked<SignInEvent> => ({ ok: false, problem });
  if (!isConsoleSignIn(event))
    return bad("not an AWS console sign-in event (source aws.signin, ConsoleLogin)");
  const envelope = event as Json;
  const detail = envelope.detail as Json;
  const identity = isObject(detail.userIdentity) ? detail.userIdentity : undefined;
  if (!identity) return bad("console sign-in without detail.userIdentity");
  const user = userOf(identity, text(detail.recipientAccountId) ?? text(envelope.account));
  if (!user) return bad(`console sign-in whose userIdentity (type ${String(identity.type)}) names no user`);
  const result = isObject(detail.responseElements) ? detail.responseElements.ConsoleLogin : undefined;
  if (result !== "Success" && result !== "Failure") {
    return bad("console sign-in without responseElements.ConsoleLogin Success or Failure");
  }
  const mfaUsed = isObject(detail.additionalEventData) ? detail.additionalEventData.MFAUsed : undefined;
  const userAgent = text(detail.userAgent);
  return checkSignInEvent(
    {
      user,
      time: text(detail.eventTime) ?? text(envelope.time),
      source_ip: detail.sourceIPAddress,
      success: result === "Success",
      ...(mfaUsed === "Yes" || mfaUsed === "No" ? { mfa: mfaUsed === "Yes" } : {}),
      ...(userAgent ? { user_agent: userAgent.slice(0, MAX_USER_AGENT_LENGTH) } : {}),
    },
    "detail",
  );
}
