/**
 * The login-events model's input: one row of numbers per sign-in, made from its signals. Counts
 * enter as log(1 + n) (the tenth failure adds less than the third); the per-user novelty signals
 * are 0 until a user is established, so a new user is judged by the global signals only. The trainer
 * and the runtime both build rows here, so they cannot drift apart.
 */
import type { SignInSignals } from "./sign-in-signals";

/** One feature: its name (docs, reasons, the manifest) and how it is read off the signals. */
export interface LoginFeature {
  readonly name: string;
  readonly value: (signals: SignInSignals) => number;
}

const flag = (value: boolean): number => (value ? 1 : 0);

/** Every feature, in the model's input order. */
export const LOGIN_FEATURES: readonly LoginFeature[] = [
  { name: "user_failures_10m", value: (s) => Math.log1p(s.userFailuresBurst) },
  { name: "user_failures_1h", value: (s) => Math.log1p(s.userFailuresHour) },
  { name: "address_failures_10m", value: (s) => Math.log1p(s.addressFailuresBurst) },
  { name: "address_failures_1h", value: (s) => Math.log1p(s.addressFailuresHour) },
  { name: "address_other_users_1h", value: (s) => Math.log1p(Math.max(0, s.addressUsersHour - 1)) },
  { name: "address_failed_users_1h", value: (s) => Math.log1p(s.addressFailedUsersHour) },
  { name: "address_failed_users_24h", value: (s) => Math.log1p(s.addressFailedUsersDay) },
  {
    name: "address_failed_share_1h",
    value: (s) => (s.addressUsersHour === 0 ? 0 : s.addressFailedUsersHour / s.addressUsersHour),
  },
  { name: "address_success_users_24h", value: (s) => Math.log1p(s.addressSuccessUsersDay) },
  { name: "success", value: (s) => flag(s.success) },
  { name: "success_after_failures", value: (s) => Math.log1p(s.failuresBeforeSuccess) },
  { name: "established", value: (s) => flag(s.established) },
  { name: "new_network", value: (s) => flag(s.newNetwork) },
  { name: "rare_hour", value: (s) => s.hourRarity },
  { name: "new_agent", value: (s) => flag(s.newAgent) },
  { name: "mfa_dropped", value: (s) => flag(s.mfaDropped) },
  { name: "new_network_at_rare_hour", value: (s) => flag(s.newNetwork) * s.hourRarity },
  { name: "new_network_new_agent", value: (s) => flag(s.newNetwork && s.newAgent) },
  { name: "network_and_device_switch", value: (s) => flag(s.switchMinutes !== undefined && s.newAgent) },
  { name: "placeholder_user", value: (s) => flag(s.hiddenUser) },
];

/** Number of model inputs. */
export const LOGIN_FEATURE_COUNT = LOGIN_FEATURES.length;

/** The model's input row for one sign-in. */
export function featureRow(signals: SignInSignals): number[] {
  return LOGIN_FEATURES.map((feature) => feature.value(signals));
}
