/**
 * The sign-in event the login detector scores, and its validation: a pure function per event and
 * one for a request's list, each returning a message that names the field, in the API's words.
 */
import { parseSourceAddress, type SourceAddress } from "./ip-address";

/** A sign-in event as a client sends it (`{"event": {...}}` or `{"events": [...]}`). */
export interface SignInEventInput {
  readonly user: string;
  /** ISO-8601 with a time zone, e.g. "2026-11-28T03:12:00Z". */
  readonly time: string;
  readonly source_ip: string;
  readonly success: boolean;
  readonly mfa?: boolean | null;
  readonly user_agent?: string | null;
}

/** A validated sign-in event, with its time and address parsed. */
export interface SignInEvent {
  readonly user: string;
  /** The time as sent (echoed in the answer). */
  readonly time: string;
  /** The time in epoch seconds (fractions kept). */
  readonly at: number;
  readonly sourceIp: string;
  readonly address: SourceAddress;
  readonly success: boolean;
  /** Undefined when the event does not say. */
  readonly mfa?: boolean;
  readonly userAgent?: string;
}

/**
 * The user name AWS logs for a failed console sign-in with a user name that does not exist. It is
 * not a person: such events are judged by their address and the global signals only.
 */
export const HIDDEN_USER = "HIDDEN_DUE_TO_SECURITY_REASONS";

/** Longest user name accepted, in characters (an assumed-role session ARN fits). */
export const MAX_USER_LENGTH = 512;

/** Longest user agent accepted, in characters. */
export const MAX_USER_AGENT_LENGTH = 1_024;

/** The fields an event may carry; anything else is refused, as everywhere in the API. */
export const EVENT_FIELDS = ["user", "time", "source_ip", "success", "mfa", "user_agent"] as const;

/**
 * ISO-8601 date-time with a zone, in the years 2000 to 2099: date, 'T', hh:mm[:ss[.fraction]], then
 * Z or ±hh:mm. The request schema uses the same pattern, so the gateway and the handler agree.
 */
export const EVENT_TIME_PATTERN =
  "^(20[0-9]{2})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(\\.[0-9]{1,9})?)?(Z|[+-]([0-9]{2}):([0-9]{2}))$";

const ISO_TIME = new RegExp(EVENT_TIME_PATTERN);

/** The outcome of a check: the value, or what is wrong (and whether it is a too-large list: 413). */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string; readonly tooLarge?: boolean };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** Epoch seconds of an ISO-8601 time with a zone; undefined when it is not one or is not a real date. */
export function parseEventTime(text: string): number | undefined {
  const match = ISO_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 April over into May: a date that does not read back is not a date.
  if (new Date(utc).getUTCDate() !== day) return undefined;
  if (Number(match[9] ?? 0) > 23 || Number(match[10] ?? 0) > 59) return undefined;
  const fraction = match[7] ? Number(match[7]) : 0;
  const zone = match[8] === "Z" ? 0 : (Number(match[9]) * 60 + Number(match[10])) * 60;
  const sign = match[8]?.startsWith("-") ? -1 : 1;
  return utc / 1000 + fraction - sign * zone;
}

/** True when a text holds a character below U+0020 or DEL: none belongs in a user name. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Checks one event; `field` names it in messages, e.g. "events[3]". */
export function checkSignInEvent(value: unknown, field: string): Checked<SignInEvent> {
  const bad = (problem: string): Checked<SignInEvent> => ({ ok: false, problem });
  if (!isPlainObject(value)) return bad(`"${field}" must be an object, got ${jsonType(value)}`);
  const unknown = Object.keys(value).find((key) => !(EVENT_FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) {
    return bad(`"${field}" has unknown field "${unknown.slice(0, 64)}"; allowed: ${EVENT_FIELDS.join(", ")}`);
  }
  const { user, time, source_ip: sourceIp, success, mfa, user_agent: userAgent } = value;
  if (typeof user !== "string") return bad(`"${field}.user" must be a string, got ${jsonType(user)}`);
  // Code points, as JSON Schema's maxLength counts them.
  const userLength = [...user].length;
  if (userLength === 0 || userLength > MAX_USER_LENGTH) {
    return bad(`"${field}.user" must be 1 to ${MAX_USER_LENGTH} characters, got ${userLength}`);
  }
  if (hasControlCharacter(user)) return bad(`"${field}.user" must not contain control characters`);
  if (typeof time !== "string") return bad(`"${field}.time" must be a string, got ${jsonType(time)}`);
  const at = parseEventTime(time);
  if (at === undefined) {
    return bad(
      `"${field}.time" must be an ISO-8601 time with a zone in the years 2000 to 2099, e.g. "2026-11-28T03:12:00Z", got "${time.slice(0, 64)}"`,
    );
  }
  if (typeof sourceIp !== "string") {
    return bad(`"${field}.source_ip" must be a string, got ${jsonType(sourceIp)}`);
  }
  const address = parseSourceAddress(sourceIp);
  if (!address) {
    return bad(`"${field}.source_ip" must be an IPv4 or IPv6 address, got "${sourceIp.slice(0, 64)}"`);
  }
  if (typeof success !== "boolean") {
    return bad(`"${field}.success" must be true or false, got ${jsonType(success)}`);
  }
  if (mfa !== undefined && mfa !== null && typeof mfa !== "boolean") {
    return bad(`"${field}.mfa" must be true, false or absent, got ${jsonType(mfa)}`);
  }
  if (userAgent !== undefined && userAgent !== null) {
    if (typeof userAgent !== "string") {
      return bad(`"${field}.user_agent" must be a string, got ${jsonType(userAgent)}`);
    }
    if (userAgent.length > MAX_USER_AGENT_LENGTH && [...userAgent].length > MAX_USER_AGENT_LENGTH) {
      return bad(`"${field}.user_agent" must be at most ${MAX_USER_AGENT_LENGTH} characters`);
    }
  }
  return {
    ok: true,
    value: {
      user,
      time,
      at,
      sourceIp,
      address,
      success,
      ...(typeof mfa === "boolean" ? { mfa } : {}),
      ...(typeof userAgent === "string" && userAgent.length > 0 ? { userAgent } : {}),
    },
  };
}

/**
 * Checks a request's list of events: 1 to `maxEvents` (the catalog's events form says how many)
 * valid events in time order (ties allowed).
 */
export function checkSignInEvents(
  value: unknown,
  maxEvents: number,
  field = "events",
): Checked<readonly SignInEvent[]> {
  if (!Array.isArray(value))
    return { ok: false, problem: `"${field}" must be a list, got ${jsonType(value)}` };
  if (value.length === 0) return { ok: false, problem: `"${field}" must hold at least one event` };
  if (value.length > maxEvents) {
    return {
      ok: false,
      tooLarge: true,
      problem: `"${field}" has ${value.length} events; the limit is ${maxEvents} per request: split the list`,
    };
  }
  const events: SignInEvent[] = [];
  for (const [index, item] of value.entries()) {
    const checked = checkSignInEvent(item, `${field}[${index}]`);
    if (!checked.ok) return checked;
    const previous = events[index - 1];
    if (previous && checked.value.at < previous.at) {
      return {
        ok: false,
        problem: `"${field}[${index}].time" is earlier than "${field}[${index - 1}].time": send events in time order`,
      };
    }
    events.push(checked.value);
  }
  return { ok: true, value: events };
}

/** True for the placeholder AWS logs instead of an unknown user name. */
export function isHiddenUser(event: Pick<SignInEvent, "user">): boolean {
  return event.user === HIDDEN_USER;
}
