/**
 * What a sign-in looks like against the history before it: failure bursts of the user and of the
 * address, success right after failures, a network, hour, device or missing MFA new for this user,
 * one address across many users. Plain numbers and facts: the model's features and the reasons a
 * person reads are both made from these.
 */
import { hourOf } from "./apply-sign-in";
import { type AddressState, agentTag, type UserState } from "./login-state";
import type { SignInEvent } from "./sign-in-event";

/** The signals of one sign-in, measured on the history before it (plus the event itself). */
export interface SignInSignals {
  readonly success: boolean;
  /** The user name is AWS's placeholder for an unknown user: no per-user signals. */
  readonly hiddenUser: boolean;
  /** The user has enough history (ESTABLISHED_SUCCESSES) for the per-user novelty signals. */
  readonly established: boolean;
  /** The user's failures in the last BURST_WINDOW_S, this one included, and their span in seconds. */
  readonly userFailuresBurst: number;
  readonly userBurstSpanS: number;
  /** The user's failures in the last hour, this one included. */
  readonly userFailuresHour: number;
  /** For a success: the user's failures in the SUCCESS_LOOKBACK_S before it; 0 otherwise. */
  readonly failuresBeforeSuccess: number;
  /** The address's failures in the last BURST_WINDOW_S (this one included), and their span. */
  readonly addressFailuresBurst: number;
  readonly addressBurstSpanS: number;
  readonly addressFailuresHour: number;
  /** Distinct users seen from the address in the last hour, this one included. */
  readonly addressUsersHour: number;
  /** Distinct users with a failure from the address in the last hour / day, this one included. */
  readonly addressFailedUsersHour: number;
  readonly addressFailedUsersDay: number;
  /** Distinct users with a success from the address in the last day, this one included. */
  readonly addressSuccessUsersDay: number;
  /** No successful sign-in of this user from this network yet (established users only). */
  readonly newNetwork: boolean;
  /** How unusual the hour is for this user, 0 (usual) to 1 (never seen near it); established only. */
  readonly hourRarity: number;
  /** A user agent this user never signed in with (established users, events with a user agent). */
  readonly newAgent: boolean;
  /** No MFA, by a user whose every recent sign-in that said so used it (established users). */
  readonly mfaDropped: boolean;
  /** A success from a new network this many minutes after a success from another; undefined otherwise. */
  readonly switchMinutes: number | undefined;
  /** UTC hour of the event and its network, for the reasons. */
  readonly hour: number;
  readonly network: string;
}

/** Successful sign-ins a user needs before novelty (network, hour, device, MFA) counts. */
export const ESTABLISHED_SUCCESSES = 5;
/** A burst is counted over this window. */
export const BURST_WINDOW_S = 600;
/** A success is "right after" failures in this many seconds before it. */
export const SUCCESS_LOOKBACK_S = 1_800;
/** A new-network success this soon after a success elsewhere is a network switch. */
export const SWITCH_WINDOW_S = 3_600;
/** MFA counts as the user's habit from this many sign-ins that said so, with at most this share without. */
const MFA_HABIT = { minimum: 3, maxShareWithout: 0.15 } as const;

/**
 * Counts times in [since, at]. Later times are left out: when a client replays histories out of
 * order (one user's week, then the next user's), the future must not look like a burst.
 */
function countWithin(
  times: readonly number[],
  since: number,
  at: number,
): { count: number; oldest: number | undefined } {
  let count = 0;
  let oldest: number | undefined;
  for (const t of times) {
    if (t >= since && t <= at) {
      count += 1;
      oldest = oldest === undefined ? t : Math.min(oldest, t);
    }
  }
  return { count, oldest };
}

/**
 * How rare an hour is in a user's success histogram, 0 (usual) to 1 (never seen near it). The
 * histogram is smoothed over the two hours either side (habits have fuzzy edges) and shrunk toward
 * uniform by a prior worth one sign-in; rarity is 1 - 24 x the hour's share, so an hour at or above
 * the uniform share (1/24) scores 0. It depends on where the user signs in, not on how much history
 * there is: a week of 9-to-5 makes 3 am as rare as a year of it does.
 */
export function hourRarity(hours: readonly number[], hour: number): number {
  const kernel = [0.25, 0.5, 1, 0.5, 0.25];
  const kernelMass = 2.5;
  const prior = 1;
  let total = 0;
  for (let h = 0; h < 24; h += 1) total += hours[h]!;
  let smoothed = 0;
  kernel.forEach((weight, k) => {
    smoothed += weight * hours[(hour + k - 2 + 24) % 24]!;
  });
  const share = (smoothed + (kernelMass * prior) / 24) / (kernelMass * (total + prior));
  return Math.min(1, Math.max(0, 1 - 24 * share));
}

/**
 * The signals of `event` against the states before it. `user` is undefined for the placeholder
 * user (address and global signals only); `tag` is the user's hashed name as the address stores it.
 */
export function signalsOf(
  event: SignInEvent,
  user: UserState | undefined,
  address: AddressState,
  tag: string | undefined,
): SignInSignals {
  const at = Math.floor(event.at);
  const failed = event.success ? 0 : 1;
  const hour = hourOf(at);
  const { network } = event.address;

  const userFailures = user?.failures ?? [];
  const userBurst = countWithin(userFailures, at - BURST_WINDOW_S, at);
  const userHour = countWithin(userFailures, at - 3600, at).count;
  const beforeSuccess = event.success ? countWithin(userFailures, at - SUCCESS_LOOKBACK_S, at).count : 0;
  const addressBurst = countWithin(address.failures, at - BURST_WINDOW_S, at);
  const addressHour = countWithin(address.failures, at - 3600, at).count;
  const within = (t: number, seconds: number) => t >= at - seconds && t <= at;

  let usersHour = 0;
  let failedHour = 0;
  let failedDay = 0;
  let successDay = 0;
  let self: readonly [string, number, number, number] | undefined;
  for (const entry of address.users) {
    if (entry[0] === tag) {
      self = entry;
      continue;
    }
    if (within(entry[1], 3600)) usersHour += 1;
    if (within(entry[2], 3600)) failedHour += 1;
    if (within(entry[2], 86_400)) failedDay += 1;
    if (within(entry[3], 86_400)) successDay += 1;
  }
  if (tag !== undefined) {
    usersHour += 1;
    if (!event.success || (self !== undefined && within(self[2], 3600))) failedHour += 1;
    if (!event.success || (self !== undefined && within(self[2], 86_400))) failedDay += 1;
    if (event.success || (self !== undefined && within(self[3], 86_400))) successDay += 1;
  }

  const established = user !== undefined && user.successes >= ESTABLISHED_SUCCESSES;
  const knownNetwork = user?.networks.some(([name]) => name === network) ?? false;
  const newNetwork = established && !knownNetwork;
  const agent = event.userAgent === undefined ? undefined : agentTag(event.userAgent);
  const newAgent = established && agent !== undefined && !user.agents.some(([name]) => name === agent);
  const [withMfa, withoutMfa] = user?.mfa ?? [0, 0];
  const mfaHabit =
    withMfa >= MFA_HABIT.minimum && withoutMfa <= MFA_HABIT.maxShareWithout * (withMfa + withoutMfa);
  const last = user?.lastSuccess;
  const switched =
    event.success &&
    newNetwork &&
    last &&
    last[1] !== network &&
    at - last[0] <= SWITCH_WINDOW_S &&
    at >= last[0];

  return {
    success: event.success,
    hiddenUser: user === undefined,
    established,
    userFailuresBurst: userBurst.count + failed,
    userBurstSpanS: userBurst.oldest === undefined ? 0 : at - userBurst.oldest,
    userFailuresHour: userHour + failed,
    failuresBeforeSuccess: beforeSuccess,
    addressFailuresBurst: addressBurst.count + failed,
    addressBurstSpanS: addressBurst.oldest === undefined ? 0 : at - addressBurst.oldest,
    addressFailuresHour: addressHour + failed,
    addressUsersHour: usersHour,
    addressFailedUsersHour: failedHour,
    addressFailedUsersDay: failedDay,
    addressSuccessUsersDay: successDay,
    newNetwork,
    hourRarity: established ? hourRarity(user.hours, hour) : 0,
    newAgent,
    mfaDropped: established && event.success && event.mfa === false && mfaHabit,
    switchMinutes: switched ? Math.max(0, Math.round((at - last[0]) / 60)) : undefined,
    hour,
    network,
  };
}
