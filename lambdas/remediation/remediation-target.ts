/**
 * Which EC2 instance an event is about: the InstanceId dimension of a watcher incident's metric,
 * or of the metrics of a Helios alarm that went to ALARM. Anything else is skipped with a reason
 * a person can act on.
 */
import {
  ALARM_EVENT_SOURCE,
  ALARM_STATE,
  ALARM_STATE_CHANGE_DETAIL_TYPE,
  type AlarmStateChange,
  instancesOf,
  parseAlarmStateChange,
} from "./alarm-event";
import {
  INCIDENT_DETAIL_TYPE,
  type IncidentDetail,
  parseIncidentDetail,
  WATCHER_EVENT_SOURCE,
} from "./incident-event";

/** The EventBridge envelope fields the remediator reads. */
export interface RemediationEvent {
  readonly id: string;
  readonly source: string;
  readonly "detail-type": string;
  /** ISO-8601; for watcher events, the start of the run that found the incident. */
  readonly time: string;
  readonly detail: unknown;
}

/** What caused a remediation decision. */
export type RemediationCause =
  | { readonly kind: "incident"; readonly incident: IncidentDetail }
  | { readonly kind: "alarm"; readonly alarm: AlarmStateChange };

/** The instance to act on, or why there is none. */
export type Target =
  | { readonly ok: true; readonly instanceId: string; readonly cause: RemediationCause }
  | {
      readonly ok: false;
      readonly reason: string;
      /**
       * True when the event is well formed but concerns no single EC2 instance to act on (a metric
       * of another service, an alarm leaving ALARM): nothing for anyone to do, so it is logged only.
       */
      readonly quiet: boolean;
      readonly cause?: RemediationCause;
      /** The resource the event named, when it named one. */
      readonly resource?: string;
    };

/** EC2 instance ids: "i-" and 8 (older) or 17 hex digits. */
export const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

function incidentTarget(detail: unknown): Target {
  const parsed = parseIncidentDetail(detail);
  if (!parsed.ok) {
    return { ok: false, quiet: false, reason: `the incident event is malformed: ${parsed.problem}` };
  }
  const incident = parsed.value;
  const cause: RemediationCause = { kind: "incident", incident };
  const instanceId = incident.dimensions.InstanceId;
  if (instanceId === undefined) {
    return {
      ok: false,
      quiet: true,
      cause,
      resource: incident.resource,
      reason: `the incident's metric (${incident.namespace} ${incident.metricName}) has no InstanceId dimension, so it names no EC2 instance to act on`,
    };
  }
  if (!INSTANCE_ID.test(instanceId)) {
    return {
      ok: false,
      quiet: true,
      cause,
      resource: incident.resource,
      reason: `InstanceId ${JSON.stringify(instanceId.slice(0, 64))} is not an EC2 instance id`,
    };
  }
  return { ok: true, instanceId, cause };
}

function alarmTarget(detail: unknown, alarmNamePrefix: string): Target {
  const parsed = parseAlarmStateChange(detail);
  if (!parsed.ok) {
    return { ok: false, quiet: false, reason: `the alarm event is malformed: ${parsed.problem}` };
  }
  const alarm = parsed.value;
  const cause: RemediationCause = { kind: "alarm", alarm };
  if (!alarm.alarmName.startsWith(alarmNamePrefix)) {
    return {
      ok: false,
      quiet: true,
      cause,
      reason: `alarm ${alarm.alarmName} is not a Helios alarm (their names start with "${alarmNamePrefix}")`,
    };
  }
  if (alarm.state !== ALARM_STATE) {
    return {
      ok: false,
      quiet: true,
      cause,
      reason: `alarm ${alarm.alarmName} went to ${alarm.state}; only ${ALARM_STATE} acts`,
    };
  }
  const instances = instancesOf(alarm);
  if (instances.length === 0) {
    return {
      ok: false,
      quiet: true,
      cause,
      reason: `alarm ${alarm.alarmName} names no EC2 instance (none of its metrics has an InstanceId dimension; a detector's anomaly alarm counts anomalies across all resources)`,
    };
  }
  if (instances.length > 1) {
    return {
      ok: false,
      quiet: true,
      cause,
      reason: `alarm ${alarm.alarmName} names ${instances.length} instances (${instances.join(", ")}); Helios acts only on an alarm about one`,
    };
  }
  const [instanceId] = instances as [string];
  if (!INSTANCE_ID.test(instanceId)) {
    return {
      ok: false,
      quiet: true,
      cause,
      reason: `InstanceId ${JSON.stringify(instanceId.slice(0, 64))} is not an EC2 instance id`,
    };
  }
  return { ok: true, instanceId, cause };
}

/** Finds the instance an incident or alarm event is about. */
export function targetOf(event: RemediationEvent, alarmNamePrefix: string): Target {
  if (event.source === WATCHER_EVENT_SOURCE && event["detail-type"] === INCIDENT_DETAIL_TYPE) {
    return incidentTarget(event.detail);
  }
  if (event.source === ALARM_EVENT_SOURCE && event["detail-type"] === ALARM_STATE_CHANGE_DETAIL_TYPE) {
    return alarmTarget(event.detail, alarmNamePrefix);
  }
  return {
    ok: false,
    quiet: false,
    reason: `events of source ${JSON.stringify(event.source)} and type ${JSON.stringify(event["detail-type"])} are not remediated`,
  };
}
