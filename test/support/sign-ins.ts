/** Builds validated sign-in events for tests, from the wire shape a client sends. */
import {
  checkSignInEvent,
  type SignInEvent,
  type SignInEventInput,
} from "../../lambdas/detection/login/sign-in-event";

/** A sign-in event for tests: the wire fields, with defaults for the address and the outcome. */
export function signIn(
  fields: Partial<SignInEventInput> & Pick<SignInEventInput, "user" | "time">,
): SignInEvent {
  const checked = checkSignInEvent({ source_ip: "198.51.100.7", success: true, ...fields }, "event");
  if (!checked.ok) throw new Error(checked.problem);
  return checked.value;
}

/** ISO time `minutes` after a start time. */
export function minutesAfter(start: string, minutes: number): string {
  return new Date(Date.parse(start) + minutes * 60_000).toISOString();
}

/** ISO time of day `day` (0-based, from 2026-11-02, a Monday) at `hour`:`minute` UTC. */
export function dayAt(day: number, hour: number, minute = 0): string {
  return new Date(Date.UTC(2026, 10, 2 + day, hour, minute)).toISOString();
}
