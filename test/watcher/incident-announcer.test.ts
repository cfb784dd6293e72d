/**
 * Announcing incidents over the wire against the EventBridge double (the real SDK client and AWS
 * JSON 1.1): one event per incident in calls of ten, the remediator's contract (source, detail
 * type, a detail it accepts, the run's start as time), and refused entries reported.
 */
import { parseIncidentDetail, WATCHER_EVENT_SOURCE } from "../../lambdas/remediation/incident-event";
import { EventBridgeIncidentAnnouncer } from "../../lambdas/watcher/eventbridge-incident-announcer";
import { incidentDetail } from "../../lambdas/watcher/incident-announcer";
import type { NewIncident } from "../../lambdas/watcher/watch-run";
import { saveAwsEnvironment, useDummyAwsEnvironment } from "../support/aws-environment";
import { type EventBridgeDouble, startEventBridgeDouble } from "../support/eventbridge-double";
import { EC2_CPU, T0 } from "../support/watch-fixtures";

let double: EventBridgeDouble;
let restore: () => void;

beforeAll(async () => {
  double = await startEventBridgeDouble();
  restore = saveAwsEnvironment();
  useDummyAwsEnvironment({ AWS_ENDPOINT_URL_EVENTBRIDGE: double.endpoint });
});
afterAll(async () => {
  restore();
  await double.close();
});
beforeEach(() => {
  double.calls.length = 0;
  double.refuseSources.clear();
});

/** The stack the watcher belongs to, which each event names for the remediator's rule. */
const STACK = "staging-HeliosStack";

function incident(i: number): NewIncident {
  return {
    metric: { ...EC2_CPU, dimensions: { InstanceId: `i-${i.toString(16).padStart(17, "0")}` } },
    resource: `i-${i.toString(16).padStart(17, "0")}`,
    model: "cpu-series@1.0.0+abcdef01",
    threshold: 0.8,
    start: { t: T0 - 600, value: 97, score: 0.93, anomaly: 1, expected: [20, 60] },
  };
}

it("puts one event per incident, ten per call, in the remediator's contract", async () => {
  const runStart = new Date((T0 + 65) * 1000);
  await new EventBridgeIncidentAnnouncer(STACK).announce(
    Array.from({ length: 23 }, (_, i) => incident(i)),
    runStart,
  );
  expect(double.calls.map((c) => c.length)).toEqual([10, 10, 3]);
  const first = double.calls[0]![0]!;
  expect(first).toMatchObject({ Source: WATCHER_EVENT_SOURCE, DetailType: "Helios Incident", Time: T0 + 65 });
  const detail = parseIncidentDetail(JSON.parse(first.Detail));
  expect(detail).toEqual({ ok: true, value: incidentDetail(incident(0), STACK) });
  expect(incidentDetail(incident(0), STACK)).toMatchObject({
    stack: STACK,
    detector: "cpu",
    resource: "i-00000000000000000",
    start: "2025-12-31T23:50:00.000Z",
    value: 97,
    score: 0.93,
    expected: [20, 60],
  });
  // Stable per incident, different between incidents.
  expect(incidentDetail(incident(0), STACK).incidentId).toBe(incidentDetail(incident(0), STACK).incidentId);
  expect(new Set(double.calls.flat().map((e) => JSON.parse(e.Detail).incidentId)).size).toBe(23);
});

it("fails, naming the error, when EventBridge refuses entries", async () => {
  double.refuseSources.set(WATCHER_EVENT_SOURCE, "AccessDeniedException");
  await expect(
    new EventBridgeIncidentAnnouncer(STACK).announce([incident(1), incident(2)], new Date(T0 * 1000)),
  ).rejects.toThrow(
    "EventBridge refused 2 of 2 incident events (first: AccessDeniedException: refused by the double)",
  );
});
