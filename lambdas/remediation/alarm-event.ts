/**
 * CloudWatch alarm state changes as EventBridge delivers them (source "aws.cloudwatch"): the
 * alarm's name, its new state, and the metrics it watches with their dimensions. Composite
 * alarms carry an alarm rule instead of metrics; metric math alarms list an expression among them.
 */
import { dimensionsField, FieldProblem, objectField, type Parsed, parsed, textField } from "./event-fields";

/** EventBridge `source` of CloudWatch alarm events. */
export const ALARM_EVENT_SOURCE = "aws.cloudwatch";

/** EventBridge `detail-type` of an alarm state change. */
export const ALARM_STATE_CHANGE_DETAIL_TYPE = "CloudWatch Alarm State Change";

/** The state that triggers remediation. */
export const ALARM_STATE = "ALARM";

/** A metric an alarm watches. */
export interface AlarmMetric {
  readonly namespace?: string;
  readonly name?: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** What the remediator reads from an alarm state change. */
export interface AlarmStateChange {
  readonly alarmName: string;
  /** The new state: ALARM, OK or INSUFFICIENT_DATA. */
  readonly state: string;
  /** CloudWatch's explanation of the change, when it gives one. */
  readonly reason?: string;
  /** The metrics the alarm watches (none for a composite alarm). */
  readonly metrics: readonly AlarmMetric[];
}

function optionalText(value: unknown, name: string): string | undefined {
  return value === undefined ? undefined : textField(value, name);
}

function metricsOf(configuration: unknown): AlarmMetric[] {
  if (configuration === undefined) return [];
  const { metrics } = objectField(configuration, "configuration");
  if (metrics === undefined) return [];
  if (!Array.isArray(metrics)) throw new FieldProblem("configuration.metrics must be a list");
  return metrics.flatMap((entry, i): AlarmMetric[] => {
    const { metricStat } = objectField(entry, `configuration.metrics[${i}]`);
    // A metric math expression names no metric of its own; the metrics it reads are listed beside it.
    if (metricStat === undefined) return [];
    const metric = objectField(objectField(metricStat, "metricStat").metric, "metricStat.metric");
    const namespace = optionalText(metric.namespace, "metric.namespace");
    const name = optionalText(metric.name, "metric.name");
    return [
      {
        ...(namespace ? { namespace } : {}),
        ...(name ? { name } : {}),
        dimensions:
          metric.dimensions === undefined ? {} : dimensionsField(metric.dimensions, "metric.dimensions"),
      },
    ];
  });
}

/** Checks an alarm state change's detail; the problem names the first field that is wrong. */
export function parseAlarmStateChange(detail: unknown): Parsed<AlarmStateChange> {
  return parsed(() => {
    const fields = objectField(detail, "the alarm detail");
    const alarmName = textField(fields.alarmName, "alarmName");
    const state = objectField(fields.state, "state");
    const reason = optionalText(state.reason, "state.reason");
    return {
      alarmName,
      state: textField(state.value, "state.value"),
      ...(reason ? { reason } : {}),
      metrics: metricsOf(fields.configuration),
    };
  });
}

/** The distinct EC2 instances an alarm's metrics name (their InstanceId dimension), in order. */
export function instancesOf(alarm: AlarmStateChange): string[] {
  return [
    ...new Set(alarm.metrics.flatMap((m) => (m.dimensions.InstanceId ? [m.dimensions.InstanceId] : []))),
  ];
}
