/**
 * The remediator's input boundary: the watcher's incident events (the contract both sides build
 * against) and CloudWatch alarm state changes, as EventBridge delivers them.
 */
import { instancesOf, parseAlarmStateChange } from "../../lambdas/remediation/alarm-event";
import type { Parsed } from "../../lambdas/remediation/event-fields";
import {
  INCIDENT_DETAIL_TYPE,
  type IncidentDetail,
  incidentEventEntry,
  parseIncidentDetail,
  WATCHER_EVENT_SOURCE,
} from "../../lambdas/remediation/incident-event";

/** The parsed value; fails the test with the problem otherwise. */
function parsedValue<T>(result: Parsed<T>): T {
  if (!result.ok) throw new Error(`expected a valid detail: ${result.problem}`);
  return result.value;
}

const INCIDENT: IncidentDetail = {
  incidentId: "cpu/CPUUtilization/i-0123456789abcdef0/2026-11-28T09:50:00.000Z",
  stack: "HeliosStack",
  detector: "cpu",
  resource: "i-0123456789abcdef0",
  namespace: "AWS/EC2",
  metricName: "CPUUtilization",
  dimensions: { InstanceId: "i-0123456789abcdef0" },
  start: "2026-11-28T09:50:00.000Z",
  value: 97.5,
  score: 0.93,
  expected: [4, 61],
};

describe("incident events", () => {
  it("accepts the contract's detail and returns exactly its fields", () => {
    expect(parseIncidentDetail({ ...INCIDENT, extra: "ignored" })).toEqual({ ok: true, value: INCIDENT });
  });

  it("builds the watcher's PutEvents entry: source, detail type, the run's time, a detail that parses back", () => {
    const runStartedAt = new Date("2026-11-28T10:00:00Z");
    const entry = incidentEventEntry(INCIDENT, runStartedAt);
    expect(entry).toMatchObject({
      Source: WATCHER_EVENT_SOURCE,
      DetailType: INCIDENT_DETAIL_TYPE,
      Time: runStartedAt,
    });
    expect(WATCHER_EVENT_SOURCE).toBe("helios.watcher");
    expect(INCIDENT_DETAIL_TYPE).toBe("Helios Incident");
    expect(parseIncidentDetail(JSON.parse(entry.Detail!))).toEqual({ ok: true, value: INCIDENT });
  });

  it("accepts ISO-8601 times with an offset or without seconds", () => {
    for (const start of ["2026-11-28T09:50:00+01:00", "2026-11-28T09:50Z", "2026-11-28T09:50:00.123456Z"]) {
      expect(parseIncidentDetail({ ...INCIDENT, start }).ok).toBe(true);
    }
  });

  it.each<[string, unknown, string]>([
    ["not an object", [INCIDENT], "the incident detail must be a JSON object"],
    ["no incidentId", { ...INCIDENT, incidentId: undefined }, "incidentId must be a non-empty string"],
    [
      "no stack (an older watcher's event)",
      { ...INCIDENT, stack: undefined },
      "stack must be a non-empty string",
    ],
    ["a blank resource", { ...INCIDENT, resource: "  " }, "resource must be a non-empty string"],
    ["an unknown detector", { ...INCIDENT, detector: "gpu" }, 'detector "gpu" is not a Helios detector'],
    [
      "a numeric dimension",
      { ...INCIDENT, dimensions: { InstanceId: 7 } },
      "dimensions.InstanceId must be a string",
    ],
    ["dimensions as a list", { ...INCIDENT, dimensions: [] }, "dimensions must be a JSON object"],
    ["a date without time", { ...INCIDENT, start: "2026-11-28" }, "start must be an ISO-8601 time"],
    ["an impossible date", { ...INCIDENT, start: "2026-13-45T10:00:00Z" }, "start must be an ISO-8601 time"],
    ["a value as text", { ...INCIDENT, value: "97" }, "value must be a finite number"],
    ["an infinite score", { ...INCIDENT, score: Number.POSITIVE_INFINITY }, "score must be a finite number"],
    ["one bound", { ...INCIDENT, expected: [4] }, "expected must be [low, high]"],
    ["a null bound", { ...INCIDENT, expected: [4, null] }, "expected[1] must be a finite number"],
    [
      "bounds reversed",
      { ...INCIDENT, expected: [61, 4] },
      "expected must be [low, high] with low not above high",
    ],
    [
      "a huge field",
      { ...INCIDENT, metricName: "x".repeat(1025) },
      "metricName must be a non-empty string of at most 1024",
    ],
  ])("refuses %s, naming the field", (_name, detail, problem) => {
    const result = parseIncidentDetail(detail);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.problem).toContain(problem);
  });
});

/** A single-metric alarm's detail as CloudWatch sends it to EventBridge (fields the docs list). */
function singleMetricAlarm(dimensions: Record<string, string>) {
  return {
    alarmName: "Helios-instance-cpu",
    state: {
      value: "ALARM",
      reason: "Threshold Crossed",
      reasonData: "{}",
      timestamp: "2026-11-28T10:00:00.000+0000",
    },
    previousState: { value: "OK", reason: "", timestamp: "2026-11-28T09:00:00.000+0000" },
    configuration: {
      description: "EC2 instance CPU",
      metrics: [
        {
          id: "c1",
          metricStat: {
            metric: { dimensions, name: "CPUUtilization", namespace: "AWS/EC2" },
            period: 300,
            stat: "Average",
          },
          returnData: true,
        },
      ],
    },
  };
}

describe("alarm state changes", () => {
  it("reads a single-metric alarm's name, state, reason and the instance it names", () => {
    const parsed = parseAlarmStateChange(singleMetricAlarm({ InstanceId: "i-0123456789abcdef0" }));
    expect(parsed).toEqual({
      ok: true,
      value: {
        alarmName: "Helios-instance-cpu",
        state: "ALARM",
        reason: "Threshold Crossed",
        metrics: [
          { namespace: "AWS/EC2", name: "CPUUtilization", dimensions: { InstanceId: "i-0123456789abcdef0" } },
        ],
      },
    });
    expect(instancesOf(parsedValue(parsed))).toEqual(["i-0123456789abcdef0"]);
  });

  it("reads a metric math alarm: the expression names no metric, the metrics it reads do", () => {
    const parsed = parseAlarmStateChange({
      alarmName: "Helios-cpu-errors",
      state: { value: "ALARM" },
      configuration: {
        metrics: [
          { id: "e1", expression: "FILL(errors, 0) + FILL(modelLoad, 0)", returnData: true },
          {
            id: "errors",
            metricStat: {
              metric: { name: "Errors", namespace: "AWS/Lambda", dimensions: { FunctionName: "f" } },
            },
          },
          {
            id: "modelLoad",
            metricStat: {
              metric: { name: "ModelLoadFailures", namespace: "Helios", dimensions: { Detector: "cpu" } },
            },
          },
        ],
      },
    });
    expect(parsedValue(parsed).metrics.map((m) => m.name)).toEqual(["Errors", "ModelLoadFailures"]);
    expect(instancesOf(parsedValue(parsed))).toEqual([]);
  });

  it("reads a composite alarm as naming no metrics", () => {
    const parsed = parseAlarmStateChange({
      alarmName: "HeliosAlarm",
      state: { value: "ALARM" },
      configuration: { alarmRule: 'ALARM("Helios-cpu-anomalies")' },
    });
    expect(parsed).toEqual({ ok: true, value: { alarmName: "HeliosAlarm", state: "ALARM", metrics: [] } });
  });

  it("lists each instance once", () => {
    const detail = singleMetricAlarm({ InstanceId: "i-0123456789abcdef0" });
    detail.configuration.metrics.push(detail.configuration.metrics[0]!);
    expect(instancesOf(parsedValue(parseAlarmStateChange(detail)))).toEqual(["i-0123456789abcdef0"]);
  });

  it.each<[string, unknown, string]>([
    ["no alarm name", { state: { value: "ALARM" } }, "alarmName must be a non-empty string"],
    ["no state", { alarmName: "Helios-x" }, "state must be a JSON object"],
    [
      "metrics not a list",
      { alarmName: "Helios-x", state: { value: "ALARM" }, configuration: { metrics: {} } },
      "configuration.metrics must be a list",
    ],
    [
      "a metric without its metric",
      { alarmName: "Helios-x", state: { value: "ALARM" }, configuration: { metrics: [{ metricStat: {} }] } },
      "metricStat.metric must be a JSON object",
    ],
  ])("refuses %s, naming the field", (_name, detail, problem) => {
    const result = parseAlarmStateChange(detail);
    expect(result.ok ? "" : result.problem).toContain(problem);
  });
});
