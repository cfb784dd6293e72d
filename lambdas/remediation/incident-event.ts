/**
 * The contract between the watcher and the remediator: when a watcher run finds a new incident it
 * puts one event per incident on the default EventBridge bus, with this source, detail type and
 * detail. The watcher builds its entries with `incidentEventEntry`; the remediator checks every
 * detail it receives with `parseIncidentDetail` (its input boundary).
 */
import type { PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import { findDetector } from "../catalog";
import {
  dimensionsField,
  FieldProblem,
  numberField,
  objectField,
  type Parsed,
  parsed,
  textField,
} from "./event-fields";

/** EventBridge `source` of the watcher's events. */
export const WATCHER_EVENT_SOURCE = "helios.watcher";

/** EventBridge `detail-type` of an incident. */
export const INCIDENT_DETAIL_TYPE = "Helios Incident";

/** One incident the watcher found: which series, since when, and how unusual. */
export interface IncidentDetail {
  /** Stable for one incident: detector, metric and start time. */
  readonly incidentId: string;
  /**
   * The CloudFormation stack whose watcher found it. Every copy of Helios in an account and region
   * puts its incidents on the one default bus; each copy's remediator takes only its own stack's.
   */
  readonly stack: string;
  /** The catalogued detector that scored the series (cpu, network or storage). */
  readonly detector: string;
  /** What the series belongs to: an instance id such as "i-0abc123", or a label for other metrics. */
  readonly resource: string;
  readonly namespace: string;
  readonly metricName: string;
  /** The metric's dimensions; EC2 metrics carry InstanceId. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** ISO-8601 time of the incident's first anomalous point. */
  readonly start: string;
  /** The first anomalous value. */
  readonly value: number;
  readonly score: number;
  /** The range Helios expected, [low, high]. */
  readonly expected: readonly [number, number];
}

/** ISO-8601 date-time with a zone, as Date.toISOString writes it (seconds, fractions and offsets optional). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function detectorField(value: unknown): string {
  const name = textField(value, "detector");
  if (!findDetector(name))
    throw new FieldProblem(`detector ${JSON.stringify(name)} is not a Helios detector`);
  return name;
}

function timeField(value: unknown, name: string): string {
  const time = textField(value, name);
  if (!ISO_TIME.test(time) || Number.isNaN(Date.parse(time))) {
    throw new FieldProblem(`${name} must be an ISO-8601 time such as 2026-11-28T10:05:00Z`);
  }
  return time;
}

function rangeField(value: unknown, name: string): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) throw new FieldProblem(`${name} must be [low, high]`);
  const low = numberField(value[0], `${name}[0]`);
  const high = numberField(value[1], `${name}[1]`);
  if (low > high) throw new FieldProblem(`${name} must be [low, high] with low not above high`);
  return [low, high];
}

/** Checks an incident event's detail; the problem names the first field that is wrong. */
export function parseIncidentDetail(detail: unknown): Parsed<IncidentDetail> {
  return parsed(() => {
    const fields = objectField(detail, "the incident detail");
    return {
      incidentId: textField(fields.incidentId, "incidentId"),
      stack: textField(fields.stack, "stack"),
      detector: detectorField(fields.detector),
      resource: textField(fields.resource, "resource"),
      namespace: textField(fields.namespace, "namespace"),
      metricName: textField(fields.metricName, "metricName"),
      dimensions: dimensionsField(fields.dimensions, "dimensions"),
      start: timeField(fields.start, "start"),
      value: numberField(fields.value, "value"),
      score: numberField(fields.score, "score"),
      expected: rangeField(fields.expected, "expected"),
    };
  });
}

/**
 * The PutEvents entry announcing one incident. Every entry of one watcher run carries the run's
 * start as its time: the remediator counts its per-run cap by that time.
 */
export function incidentEventEntry(incident: IncidentDetail, runStartedAt: Date): PutEventsRequestEntry {
  return {
    Source: WATCHER_EVENT_SOURCE,
    DetailType: INCIDENT_DETAIL_TYPE,
    Detail: JSON.stringify(incident),
    Time: runStartedAt,
  };
}
