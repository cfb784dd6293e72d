/**
 * What the login detector remembers, per user and per source address: compact records with bounded
 * lists (histograms, the last few networks and devices, recent windows), never every event. Each is
 * one StateStore record, under `login#user#<user>` and `login#addr#<address>`, and expires when the
 * user or address has been quiet for its retention period.
 */
import { createHash } from "node:crypto";
import { type JsonObject, MAX_KEY_BYTES } from "../../state/state-store";

/** A user's sign-in habits. */
export interface UserState {
  /** First and last event seen, epoch seconds. */
  readonly first: number;
  readonly last: number;
  /** Successful sign-ins ever seen (not decayed: it says how much history there is). */
  readonly successes: number;
  /** Successful sign-ins per UTC hour of day; halved whenever the total passes HOUR_TOTAL_CAP. */
  readonly hours: readonly number[];
  /** Networks with a successful sign-in: [network, successes, last seen], most recent first. */
  readonly networks: readonly (readonly [string, number, number])[];
  /** Hashed user agents with a successful sign-in: [hash, successes, last seen], most recent first. */
  readonly agents: readonly (readonly [string, number, number])[];
  /** Successful sign-ins that said whether MFA was used: [with MFA, without]; halved past MFA_CAP. */
  readonly mfa: readonly [number, number];
  /** Failure times in the last FAILURE_WINDOW_S, oldest first. */
  readonly failures: readonly number[];
  /** The last successful sign-in: [time, network], or null before the first. */
  readonly lastSuccess: readonly [number, string] | null;
}

/** One user seen from an address: [hashed user, last seen, last failure (0: none), last success (0: none)]. */
export type AddressUser = readonly [string, number, number, number];

/** What one source address (IPv4 address or IPv6 /64) has done lately. */
export interface AddressState {
  readonly first: number;
  readonly last: number;
  /** Failure times in the last ADDRESS_WINDOW_S, oldest first (placeholder-user failures included). */
  readonly failures: readonly number[];
  /** Users seen in the last ADDRESS_WINDOW_S, most recent first. */
  readonly users: readonly AddressUser[];
}

/** A user's record lives this long after their last event (then habits are relearnt). */
export const USER_RETENTION_S = 90 * 86_400;
/** An address's record lives this long after its last event (its windows are a day long). */
export const ADDRESS_RETENTION_S = 3 * 86_400;
/** User failures are kept this long (bursts and success-after-burst look back at most an hour). */
export const FAILURE_WINDOW_S = 86_400;
/** Address windows: failures and users tried. */
export const ADDRESS_WINDOW_S = 86_400;

/** Bounds that keep every record small (a full address record is about 15 KB, a user record 2 KB). */
export const LIMITS = {
  networks: 24,
  agents: 12,
  userFailures: 100,
  addressFailures: 300,
  addressUsers: 300,
} as const;

/** The hour histogram is halved past this total, so that habits can change. */
export const HOUR_TOTAL_CAP = 200;
/** The MFA counts are halved past this total. */
export const MFA_CAP = 100;

/** Record format version, stored in each record; a record of another version reads as empty. */
const FORMAT = 1;

/** A user with no history. */
export function emptyUserState(): UserState {
  return {
    first: 0,
    last: 0,
    successes: 0,
    hours: new Array<number>(24).fill(0),
    networks: [],
    agents: [],
    mfa: [0, 0],
    failures: [],
    lastSuccess: null,
  };
}

/** An address with no history. */
export function emptyAddressState(): AddressState {
  return { first: 0, last: 0, failures: [], users: [] };
}

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isNumbers = (value: unknown): value is number[] => Array.isArray(value) && value.every(isNumber);
const isTuples = (value: unknown, shape: readonly ("s" | "n")[]): boolean =>
  Array.isArray(value) &&
  value.every(
    (item) =>
      Array.isArray(item) &&
      item.length === shape.length &&
      shape.every((kind, i) => (kind === "s" ? typeof item[i] === "string" : isNumber(item[i]))),
  );

/**
 * A user record as stored; a missing, malformed or other-format record reads as no history (the
 * detector relearns rather than failing every sign-in of that user).
 */
export function decodeUserState(value: JsonObject | undefined): UserState {
  if (!value || value.f !== FORMAT) return emptyUserState();
  const { first, last, n, h, nets, uas, mfa, fails, lastOk } = value;
  const valid =
    isNumber(first) &&
    isNumber(last) &&
    isNumber(n) &&
    isNumbers(h) &&
    h.length === 24 &&
    isTuples(nets, ["s", "n", "n"]) &&
    isTuples(uas, ["s", "n", "n"]) &&
    isNumbers(mfa) &&
    mfa.length === 2 &&
    isNumbers(fails) &&
    (lastOk === null || isTuples([lastOk], ["n", "s"]));
  if (!valid) return emptyUserState();
  return {
    first,
    last,
    successes: n,
    hours: h,
    networks: nets as unknown as UserState["networks"],
    agents: uas as unknown as UserState["agents"],
    mfa: [mfa[0]!, mfa[1]!],
    failures: fails,
    lastSuccess: lastOk as UserState["lastSuccess"],
  };
}

/** A user record as stored (short field names: every byte is paid for on each read and write). */
export function encodeUserState(state: UserState): JsonObject {
  return {
    f: FORMAT,
    first: state.first,
    last: state.last,
    n: state.successes,
    h: state.hours,
    nets: state.networks,
    uas: state.agents,
    mfa: state.mfa,
    fails: state.failures,
    lastOk: state.lastSuccess,
  };
}

/** An address record as stored; anything unreadable reads as no history. */
export function decodeAddressState(value: JsonObject | undefined): AddressState {
  if (!value || value.f !== FORMAT) return emptyAddressState();
  const { first, last, fails, users } = value;
  if (!isNumber(first) || !isNumber(last) || !isNumbers(fails) || !isTuples(users, ["s", "n", "n", "n"])) {
    return emptyAddressState();
  }
  return { first, last, failures: fails, users: users as unknown as AddressUser[] };
}

/** An address record as stored. */
export function encodeAddressState(state: AddressState): JsonObject {
  return { f: FORMAT, first: state.first, last: state.last, fails: state.failures, users: state.users };
}

/** Key prefix of all login state (the stack grants the login function this prefix only). */
export const LOGIN_KEY_PREFIX = "login#";

/**
 * The state key of a user. The name is percent-encoded so that no user name can spell another
 * kind of key or carry control characters into the table; keys come from the event only.
 */
export function userKey(user: string): string {
  const key = `${LOGIN_KEY_PREFIX}user#${encodeURIComponent(user)}`;
  // Percent-encoding can grow a long non-ASCII name ninefold: such names are keyed by their hash.
  return key.length <= MAX_KEY_BYTES ? key : `${LOGIN_KEY_PREFIX}user#sha256:${digest(user, 64)}`;
}

/** The state key of a source address (IPv4 address or IPv6 /64). */
export function addressKey(client: string): string {
  return `${LOGIN_KEY_PREFIX}addr#${client}`;
}

/** The first `length` hex digits of a text's sha256. */
function digest(text: string, length: number): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, length);
}

/**
 * How an address record names a user: 48 bits of the name's hash (no user names in address
 * records, and a fixed size; a collision among one address's users merely merges two of them).
 */
export function userTag(user: string): string {
  return digest(user, 12);
}

/** How a user record names a user agent: 48 bits of its hash. */
export function agentTag(userAgent: string): string {
  return digest(userAgent, 12);
}
