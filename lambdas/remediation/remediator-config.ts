/**
 * The remediator function's configuration, read from its environment: the `remediation` settings
 * (checked by the same code as at synth), Helios's alarm-name prefix, and where alerts and state go.
 */
import type { AlertSinkConfig, Environment } from "../runtime/runtime-config";
import { readAlertSinkConfig } from "../runtime/runtime-config";
import { readStateStoreConfig, type StateStoreConfig } from "../state/create-state-store";
import { parseRemediationSettings, type RemediationSettings } from "./remediation-settings";

/** Names of the remediator's own environment variables (the stack sets them). */
export const REMEDIATION_ENV = {
  /** The checked `remediation` settings as JSON. */
  settings: "HELIOS_REMEDIATION",
  /** Helios's alarms' names start with this; alarms of other names are not acted on. */
  alarmNamePrefix: "HELIOS_ALARM_NAME_PREFIX",
} as const;

/** Everything the remediator function is configured with. */
export interface RemediatorConfig {
  readonly settings: RemediationSettings;
  readonly alarmNamePrefix: string;
  readonly alerts: AlertSinkConfig;
  readonly state: StateStoreConfig;
}

/** The configuration, or what is wrong with the environment (naming the variable). */
export function readRemediatorConfig(
  env: Environment,
):
  | { readonly ok: true; readonly config: RemediatorConfig }
  | { readonly ok: false; readonly problem: string } {
  const raw = env[REMEDIATION_ENV.settings]?.trim();
  if (!raw) return { ok: false, problem: `${REMEDIATION_ENV.settings} is not set` };
  const settings = parseRemediationSettings(raw);
  if (!settings.ok) {
    return { ok: false, problem: `${REMEDIATION_ENV.settings}: ${settings.problems.join("; ")}` };
  }
  const alarmNamePrefix = env[REMEDIATION_ENV.alarmNamePrefix]?.trim();
  if (!alarmNamePrefix) return { ok: false, problem: `${REMEDIATION_ENV.alarmNamePrefix} is not set` };
  const alerts = readAlertSinkConfig(env);
  if (!alerts.ok) return alerts;
  const state = readStateStoreConfig(env);
  if (!state.ok) return state;
  return {
    ok: true,
    config: { settings: settings.value, alarmNamePrefix, alerts: alerts.config, state: state.config },
  };
}
