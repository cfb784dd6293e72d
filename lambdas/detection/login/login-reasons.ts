/** The reasons a person reads next to a sign-in's verdict: short, plain words, strongest first. */
import type { SignInSignals } from "./sign-in-signals";

/** Failures in a burst window from which a burst is worth a reason. */
const BURST_REASON = 3;
/** Users tried from one address in an hour (with failures among them) worth a reason. */
const MANY_USERS_REASON = 5;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** "in 4 minutes" / "within a minute", for a span in seconds. */
function within(spanS: number): string {
  return spanS < 60 ? "within a minute" : `in ${plural(Math.ceil(spanS / 60), "minute")}`;
}

/** The reasons for a sign-in, from its signals; empty when nothing about it stands out. */
export function reasonsFor(s: SignInSignals): string[] {
  const reasons: string[] = [];
  if (s.success && s.failuresBeforeSuccess >= BURST_REASON) {
    reasons.push(`success right after ${plural(s.failuresBeforeSuccess, "failure")}`);
  } else if (s.userFailuresBurst >= BURST_REASON) {
    reasons.push(`${plural(s.userFailuresBurst, "failure")} ${within(s.userBurstSpanS)}`);
  }
  if (s.addressUsersHour >= MANY_USERS_REASON && s.addressFailedUsersHour >= BURST_REASON) {
    reasons.push(`one address trying ${s.addressUsersHour} users`);
  } else if (s.addressFailedUsersDay >= MANY_USERS_REASON) {
    reasons.push(`one address failing for ${s.addressFailedUsersDay} users today`);
  } else if (s.addressFailuresBurst >= BURST_REASON && s.addressFailuresBurst > s.userFailuresBurst) {
    reasons.push(
      `${plural(s.addressFailuresBurst, "failure")} from this address ${within(s.addressBurstSpanS)}`,
    );
  }
  if (s.mfaDropped) reasons.push("no MFA, though this user always used it");
  if (s.newNetwork) reasons.push(`first sign-in from this network (${s.network})`);
  if (s.hourRarity >= 0.5)
    reasons.push(`unusual hour for this user (${String(s.hour).padStart(2, "0")}:00 UTC)`);
  if (s.newAgent) reasons.push("new device or browser for this user");
  if (s.switchMinutes !== undefined) {
    reasons.push(`signed in from another network ${plural(s.switchMinutes, "minute")} earlier`);
  }
  if (s.hiddenUser) reasons.push("user name unknown to AWS (logged as HIDDEN_DUE_TO_SECURITY_REASONS)");
  return reasons;
}
