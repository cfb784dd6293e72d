/**
 * Adds one sign-in to a user's or an address's state. Each update depends only on that record and
 * the event, never on another record or on the model's verdict: so a record can be updated again on
 * its own when a concurrent writer won, and training replays exactly what serving does.
 */
import {
  ADDRESS_WINDOW_S,
  type AddressState,
  type AddressUser,
  agentTag,
  FAILURE_WINDOW_S,
  HOUR_TOTAL_CAP,
  LIMITS,
  MFA_CAP,
  type UserState,
} from "./login-state";
import type { SignInEvent } from "./sign-in-event";

/** The UTC hour of day (0-23) of an epoch-seconds time. */
export function hourOf(at: number): number {
  return Math.floor((((at % 86_400) + 86_400) % 86_400) / 3600);
}

/** Inserts a time into an ascending list, drops times before `since`, keeps the newest `limit`. */
function addTime(times: readonly number[], at: number, since: number, limit: number): number[] {
  const kept = times.filter((t) => t >= since);
  let index = kept.length;
  while (index > 0 && kept[index - 1]! > at) index -= 1;
  kept.splice(index, 0, at);
  return kept.length > limit ? kept.slice(kept.length - limit) : kept;
}

/** Counts one more success for `name` in a most-recent-first [name, count, last seen] list. */
function touch(
  list: readonly (readonly [string, number, number])[],
  name: string,
  at: number,
  limit: number,
): (readonly [string, number, number])[] {
  const found = list.find(([entry]) => entry === name);
  const updated = [name, (found?.[1] ?? 0) + 1, Math.max(found?.[2] ?? 0, at)] as const;
  const rest = list.filter(([entry]) => entry !== name);
  // The least recently seen entry goes first when the list is full: habits drift, old ones fade.
  return [updated, ...rest].sort((a, b) => b[2] - a[2]).slice(0, limit);
}

/** Halves every count when their total passes `cap` (kept to 3 decimals: the record stays short). */
function decay(counts: readonly number[], cap: number): number[] {
  const total = counts.reduce((sum, c) => sum + c, 0);
  return total > cap ? counts.map((c) => Math.round(c * 500) / 1000) : [...counts];
}

/** The user's state after this sign-in. */
export function applyToUser(state: UserState, event: SignInEvent): UserState {
  const at = Math.floor(event.at);
  const now = Math.max(state.last, at);
  const first = state.first === 0 ? at : Math.min(state.first, at);
  if (!event.success) {
    return {
      ...state,
      first,
      last: now,
      failures: addTime(state.failures, at, now - FAILURE_WINDOW_S, LIMITS.userFailures),
    };
  }
  const hours = [...state.hours];
  hours[hourOf(at)]! += 1;
  const { network } = event.address;
  const mfa =
    event.mfa === undefined
      ? state.mfa
      : (decay(event.mfa ? [state.mfa[0] + 1, state.mfa[1]] : [state.mfa[0], state.mfa[1] + 1], MFA_CAP) as [
          number,
          number,
        ]);
  return {
    first,
    last: now,
    successes: state.successes + 1,
    hours: decay(hours, HOUR_TOTAL_CAP),
    networks: touch(state.networks, network, at, LIMITS.networks),
    agents: event.userAgent
      ? touch(state.agents, agentTag(event.userAgent), at, LIMITS.agents)
      : [...state.agents],
    mfa,
    failures: state.failures.filter((t) => t >= now - FAILURE_WINDOW_S),
    lastSuccess: state.lastSuccess && state.lastSuccess[0] > at ? state.lastSuccess : [at, network],
  };
}

/**
 * The address's state after this sign-in. `tag` is the user's hashed name, or undefined for the
 * placeholder user: its failures count, but it is not a user (it may stand for many names).
 */
export function applyToAddress(
  state: AddressState,
  event: SignInEvent,
  tag: string | undefined,
): AddressState {
  const at = Math.floor(event.at);
  const now = Math.max(state.last, at);
  const since = now - ADDRESS_WINDOW_S;
  const failures = event.success
    ? state.failures.filter((t) => t >= since)
    : addTime(state.failures, at, since, LIMITS.addressFailures);
  let users = state.users.filter(([, seen]) => seen >= since);
  if (tag !== undefined) {
    const found = users.find(([entry]) => entry === tag);
    const updated: AddressUser = [
      tag,
      Math.max(found?.[1] ?? 0, at),
      event.success ? (found?.[2] ?? 0) : Math.max(found?.[2] ?? 0, at),
      event.success ? Math.max(found?.[3] ?? 0, at) : (found?.[3] ?? 0),
    ];
    users = [updated, ...users.filter(([entry]) => entry !== tag)]
      .sort((a, b) => b[1] - a[1])
      .slice(0, LIMITS.addressUsers);
  }
  return { first: state.first === 0 ? at : Math.min(state.first, at), last: now, failures, users };
}
