/**
 * JSON Schema (draft 4, as API Gateway models take it) of one sign-in event: what the gateway can
 * check at the edge. The handler's checkSignInEvent checks the same and what a pattern cannot:
 * that the date exists, that the address parses as IPv4 or IPv6, and that a request's events are in
 * time order.
 */
import { MAX_ADDRESS_LENGTH } from "./ip-address";
import { EVENT_TIME_PATTERN, MAX_USER_AGENT_LENGTH, MAX_USER_LENGTH } from "./sign-in-event";

/** An IPv4 or IPv6 address's characters (the handler parses it). */
export const SOURCE_IP_PATTERN = "^[0-9A-Fa-f:.]+$";

/** A user name: no control characters. */
export const USER_PATTERN = "^[^\\u0000-\\u001F\\u007F]+$";

/** The schema of one sign-in event. */
export function signInEventSchema(): Record<string, unknown> {
  return {
    type: "object",
    required: ["user", "time", "source_ip", "success"],
    properties: {
      user: {
        type: "string",
        minLength: 1,
        maxLength: MAX_USER_LENGTH,
        pattern: USER_PATTERN,
        description:
          "who signed in (a user name, email or ARN); HIDDEN_DUE_TO_SECURITY_REASONS is AWS's name for an unknown one",
      },
      time: {
        type: "string",
        pattern: EVENT_TIME_PATTERN,
        description: "ISO-8601 with a zone, e.g. 2026-11-28T03:12:00Z",
      },
      source_ip: {
        type: "string",
        minLength: 2,
        maxLength: MAX_ADDRESS_LENGTH,
        pattern: SOURCE_IP_PATTERN,
        description: "IPv4 or IPv6",
      },
      success: { type: "boolean", description: "whether the sign-in succeeded" },
      mfa: { type: ["boolean", "null"], description: "whether MFA was used (absent or null: not known)" },
      user_agent: {
        type: ["string", "null"],
        maxLength: MAX_USER_AGENT_LENGTH,
        description: "the browser or client",
      },
    },
    additionalProperties: false,
  };
}
