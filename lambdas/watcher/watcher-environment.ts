/**
 * Names of the environment variables that configure the watcher function, beyond the shared
 * ones in lambdas/runtime/environment-names.ts (model bucket and HELIOS_MODELS with the
 * "<detector>-series" models, alert sink, metrics). The stack
 * sets them and the function reads them, so both import the names from here.
 */
export const WATCHER_ENV = {
  /** The watch plan as JSON (watch-config.ts serializePlan), for runs started by hand; the schedule sends it in each event. */
  plan: "HELIOS_WATCH_PLAN",
  /** Where new incidents are announced: "eventbridge" (the default bus) or "off" (default "off"). */
  incidentEvents: "HELIOS_INCIDENT_EVENTS",
  /** The stack the watcher belongs to, named in every incident event (required with "eventbridge"). */
  stackName: "HELIOS_STACK_NAME",
} as const;

/** Dimension value the watcher's run-level metrics carry in place of a detector name. */
export const WATCHER_METRICS_NAME = "watcher";
