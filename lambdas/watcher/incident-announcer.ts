/**
 * The incident announcer port: after a run alerts, it announces each new incident as an event
 * (the remediator, and anything else on the bus, acts on them). On AWS: EventBridge PutEvents on
 * the default bus, with the entries lambdas/remediation/incident-event.ts defines. Locally and in
 * the backtest nothing is announced.
 */
import { createHash } from "node:crypto";
import type { IncidentDetail } from "../remediation/incident-event";
import { metricKey } from "./watch-config";
import type { NewIncident } from "./watch-run";

/** Announces incidents; rejects, naming what failed, when some could not be announced. */
export interface IncidentAnnouncer {
  announce(incidents: readonly NewIncident[], runStartedAt: Date, signal?: AbortSignal): Promise<void>;
}

/**
 * The event detail of an incident found by the watcher of `stack`; its id is stable for the
 * incident (metric and start time).
 */
export function incidentDetail(incident: NewIncident, stack: string): IncidentDetail {
  const { metric, start } = incident;
  const time = new Date(start.t * 1000).toISOString();
  return {
    incidentId: createHash("sha256")
      .update(`${metricKey(metric)}@${time}`)
      .digest("hex")
      .slice(0, 32),
    stack,
    detector: metric.detector,
    resource: incident.resource,
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: metric.dimensions,
    start: time,
    value: start.value,
    score: start.score,
    expected: [start.expected[0], start.expected[1]],
  };
}
