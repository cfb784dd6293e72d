/**
 * The remediator end to end through its Lambda handler, with EC2 and SSM as protocol doubles on
 * 127.0.0.1 (the SDK's real serializers on the wire), the state store in a file or in dynalite,
 * and alerts in a JSON-lines file. The clock is injected: "an hour later" is a number, not a wait.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  INCIDENT_DETAIL_TYPE,
  type IncidentDetail,
  WATCHER_EVENT_SOURCE,
} from "../../lambdas/remediation/incident-event";
import type { RemediationEvent } from "../../lambdas/remediation/remediation-target";
import type { RemediationReport } from "../../lambdas/remediation/remediator";
import { REMEDIATION_ENV } from "../../lambdas/remediation/remediator-config";
import {
  createRemediatorHandler,
  type RemediatorHandler,
} from "../../lambdas/remediation/remediator-handler";
import { ENV } from "../../lambdas/runtime/environment-names";
import { DynamoDbStateStore } from "../../lambdas/state/dynamodb-state-store";
import { FileStateStore } from "../../lambdas/state/file-state-store";
import type { StateStore } from "../../lambdas/state/state-store";
import { saveAwsEnvironment, useDummyAwsEnvironment } from "../support/aws-environment";
import { createStateTable, type DynaliteEndpoint, startDynalite } from "../support/dynalite-server";
import { type Ec2Double, startEc2Double } from "../support/ec2-double";
import { type SsmDouble, startSsmDouble } from "../support/ssm-double";

const TAGGED_REBOOT = "i-0aaaaaaaaaaaaaaa1";
const TAGGED_RUNBOOK = "i-0aaaaaaaaaaaaaaa2";
const TAGGED_OTHER_RUNBOOK = "i-0aaaaaaaaaaaaaaa3";
const UNTAGGED = "i-0aaaaaaaaaaaaaaa4";
const TAGGED_ODD = "i-0aaaaaaaaaaaaaaa5";
const FLEET = ["i-0bbbbbbbbbbbbbbb1", "i-0bbbbbbbbbbbbbbb2", "i-0bbbbbbbbbbbbbbb3"];
const RESTART = "AWS-RestartEC2Instance";
const ROLE = "arn:aws:iam::123456789012:role/HeliosRunbooks";
const START = Date.UTC(2026, 10, 28, 10, 0, 0);
const MINUTE = 60_000;

let ec2: Ec2Double;
let ssm: SsmDouble;
let dynalite: DynaliteEndpoint;
let dynamo: DynamoDBClient;
let restoreEnv: () => void;
const folder = mkdtempSync(join(tmpdir(), "helios-remediation-"));
let created = 0;

beforeAll(async () => {
  [ec2, ssm, dynalite] = await Promise.all([
    startEc2Double({
      [TAGGED_REBOOT]: { "helios:remediate": "reboot", Name: "web-1" },
      [TAGGED_RUNBOOK]: { "helios:remediate": `ssm:${RESTART}` },
      [TAGGED_OTHER_RUNBOOK]: { "helios:remediate": "ssm:Team-Failover" },
      [UNTAGGED]: { Name: "db-1" },
      [TAGGED_ODD]: { "helios:remediate": "Reboot" },
      ...Object.fromEntries(FLEET.map((id) => [id, { "helios:remediate": "reboot" }])),
    }),
    startSsmDouble([RESTART, "Team-Failover"]),
    startDynalite(),
  ]);
  restoreEnv = saveAwsEnvironment();
  useDummyAwsEnvironment({ AWS_ENDPOINT_URL_EC2: ec2.endpoint, AWS_ENDPOINT_URL_SSM: ssm.endpoint });
  dynamo = new DynamoDBClient({
    endpoint: dynalite.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
});

afterAll(async () => {
  restoreEnv();
  dynamo.destroy();
  await Promise.all([ec2.close(), ssm.close(), dynalite.stop()]);
  rmSync(folder, { recursive: true, force: true });
});

beforeEach(() => {
  ec2.calls.length = 0;
  ec2.failures.clear();
  ssm.starts.length = 0;
  ssm.failWith(undefined);
});

/** A clock the test moves by hand. */
function manualClock(start = START) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** One handler (one function container) with its alerts file and log lines. */
interface Remediator {
  readonly handler: RemediatorHandler;
  readonly logs: Record<string, unknown>[];
  /** The alerts written so far, parsed. */
  alerts(): { subject: string; detector: string; message: Record<string, unknown> }[];
}

function remediator(
  settings: Record<string, unknown>,
  store: StateStore,
  now: () => number,
  env: Record<string, string> = {},
): Remediator {
  created += 1;
  const alertFile = join(folder, `alerts-${created}.jsonl`);
  const logs: Record<string, unknown>[] = [];
  const handler = createRemediatorHandler({
    env: {
      [REMEDIATION_ENV.settings]: JSON.stringify(settings),
      [REMEDIATION_ENV.alarmNamePrefix]: "Helios",
      [ENV.alertSink]: "file",
      [ENV.alertFile]: alertFile,
      ...env,
    },
    writeLine: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
    now,
    store,
  });
  return {
    handler,
    logs,
    alerts: () => {
      try {
        return readFileSync(alertFile, "utf8")
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line));
      } catch {
        return [];
      }
    },
  };
}

/** A remediator (one container) with its own clock and a fresh file state store. */
function onFileStore(settings: Record<string, unknown>) {
  const clock = manualClock();
  return { clock, r: remediator(settings, fileStore(clock), clock.now) };
}

function fileStore(clock: { now: () => number }): StateStore {
  created += 1;
  return new FileStateStore(join(folder, `state-${created}.json`), clock.now);
}

async function dynamoStore(clock: { now: () => number }): Promise<StateStore> {
  created += 1;
  const table = `helios-state-${created}`;
  await createStateTable(dynamo, table);
  return new DynamoDbStateStore(table, dynamo, clock.now);
}

let eventCount = 0;
/** A watcher incident event on an instance's CPU, from the run that started at `runTime`. */
function incident(
  instanceId: string,
  runTime: number,
  overrides: Partial<IncidentDetail> = {},
): RemediationEvent {
  eventCount += 1;
  const start = new Date(runTime - 10 * MINUTE).toISOString();
  const detail: IncidentDetail = {
    incidentId: `cpu/CPUUtilization/${instanceId}/${start}/${eventCount}`,
    stack: "HeliosStack",
    detector: "cpu",
    resource: instanceId,
    namespace: "AWS/EC2",
    metricName: "CPUUtilization",
    dimensions: { InstanceId: instanceId },
    start,
    value: 97.5,
    score: 0.93,
    expected: [4, 61],
    ...overrides,
  };
  return {
    id: `event-${eventCount}`,
    source: WATCHER_EVENT_SOURCE,
    "detail-type": INCIDENT_DETAIL_TYPE,
    time: new Date(runTime).toISOString(),
    detail,
  };
}

/** A CloudWatch alarm state change, shaped as EventBridge delivers it. */
function alarmChange(
  alarmName: string,
  options: { state?: string; dimensions?: Record<string, string>[]; composite?: boolean } = {},
): RemediationEvent {
  eventCount += 1;
  return {
    id: `event-${eventCount}`,
    source: "aws.cloudwatch",
    "detail-type": "CloudWatch Alarm State Change",
    time: new Date(START).toISOString(),
    detail: {
      alarmName,
      state: {
        value: options.state ?? "ALARM",
        reason: "Threshold Crossed: 1 datapoint was greater than 80",
      },
      previousState: { value: "OK" },
      configuration: options.composite
        ? { alarmRule: 'ALARM("Helios-cpu-anomalies")' }
        : {
            metrics: (options.dimensions ?? []).map((dimensions, i) => ({
              id: `m${i}`,
              metricStat: {
                metric: { namespace: "AWS/EC2", name: "CPUUtilization", dimensions },
                period: 300,
                stat: "Average",
              },
              returnData: true,
            })),
          },
    },
  };
}

const outcomes = (reports: RemediationReport[]) => reports.map((r) => `${r.outcome} ${r.resource ?? "-"}`);

describe("dry run (the default mode)", () => {
  it("reports what it would have done and makes no action call on the wire", async () => {
    const { r } = onFileStore({});
    const report = await r.handler(incident(TAGGED_REBOOT, START));

    expect(report).toMatchObject({ outcome: "would-act", mode: "dry-run", resource: TAGGED_REBOOT });
    expect(report.reason).toBe(
      `dry run: would have run reboot on ${TAGGED_REBOOT} (tag helios:remediate=reboot)`,
    );
    expect(ec2.calls.map((c) => c.action)).toEqual(["DescribeTags"]);
    expect(ec2.calls[0]!.params).toMatchObject({
      "Filter.1.Name": "resource-id",
      "Filter.1.Value.1": TAGGED_REBOOT,
      "Filter.2.Name": "key",
      "Filter.2.Value.1": "helios:remediate",
    });
    expect(ssm.starts).toEqual([]);
    const [alert] = r.alerts();
    expect(alert).toMatchObject({
      subject: `Helios remediation (dry run): would reboot ${TAGGED_REBOOT}`,
      detector: "remediation",
      message: { outcome: "would-act", mode: "dry-run", resource: TAGGED_REBOOT, action: { kind: "reboot" } },
    });
    expect(r.alerts()).toHaveLength(1);
  });

  it("keeps its own interval: a second incident within the hour is a skip, and does not use up real actions", async () => {
    const clock = manualClock();
    const store = fileStore(clock);
    const dry = remediator({ mode: "dry-run" }, store, clock.now);
    await dry.handler(incident(TAGGED_REBOOT, START));
    clock.advance(20 * MINUTE);
    const second = await dry.handler(incident(TAGGED_REBOOT, START + 20 * MINUTE));
    expect(second.outcome).toBe("skipped");
    expect(second.reason).toMatch(/would have been taken \(dry run\) at 2026-11-28T10:00:00.000Z/);

    const act = remediator({ mode: "act" }, store, clock.now);
    expect((await act.handler(incident(TAGGED_REBOOT, START + 20 * MINUTE))).outcome).toBe("acted");
    expect(ec2.callsOf("RebootInstances")).toHaveLength(1);
  });
});

describe("acting", () => {
  it("skips an instance without the opt-in tag, saying so in the log but sending no second email", async () => {
    const { r } = onFileStore({ mode: "act" });
    const report = await r.handler(incident(UNTAGGED, START));
    expect(report).toMatchObject({ outcome: "skipped", resource: UNTAGGED, announce: false });
    expect(report.reason).toBe(
      `${UNTAGGED} has not opted in: it has no helios:remediate tag (or does not exist)`,
    );
    expect(ec2.calls.map((c) => c.action)).toEqual(["DescribeTags"]);
    // The detector's alert told people of the incident; a resource that did not ask for
    // self-healing gets no "nothing was done" email on top, only the log line.
    expect(r.alerts()).toEqual([]);
    expect(r.logs.map((l) => l.message)).toContain(`Helios remediation skipped for ${UNTAGGED}`);
  });

  it("skips a tag value it does not know, matching as exactly as IAM does, and announces it (the owner opted in)", async () => {
    const { r } = onFileStore({ mode: "act" });
    const report = await r.handler(incident(TAGGED_ODD, START));
    expect(report).toMatchObject({ outcome: "skipped", announce: true });
    expect(report.reason).toBe('tag helios:remediate="Reboot" is neither "reboot" nor "ssm:<runbook name>"');
    expect(ec2.callsOf("RebootInstances")).toEqual([]);
    expect(r.alerts().map((a) => a.subject)).toEqual([`Helios remediation skipped for ${TAGGED_ODD}`]);
  });

  it("reboots an instance tagged reboot: one RebootInstances call naming it", async () => {
    const { r } = onFileStore({ mode: "act" });
    const report = await r.handler(incident(TAGGED_REBOOT, START));
    expect(report).toMatchObject({
      outcome: "acted",
      mode: "act",
      resource: TAGGED_REBOOT,
      action: { kind: "reboot" },
      reason: `rebooted ${TAGGED_REBOOT}`,
      nextActionAfter: "2026-11-28T11:00:00.000Z",
    });
    expect(ec2.callsOf("RebootInstances").map((c) => c.params)).toEqual([
      { Action: "RebootInstances", Version: "2016-11-15", "InstanceId.1": TAGGED_REBOOT },
    ]);
    const [alert] = r.alerts();
    expect(alert!.subject).toBe(`Helios remediation: rebooted ${TAGGED_REBOOT}`);
    expect(alert!.message).toMatchObject({
      cause: { kind: "incident", detector: "cpu", resource: TAGGED_REBOOT, metricName: "CPUUtilization" },
    });
    expect(r.logs).toContainEqual(
      expect.objectContaining({ level: "warn", message: `Helios remediation: rebooted ${TAGGED_REBOOT}` }),
    );
  });

  it("starts an allowed runbook with the instance as its InstanceId parameter", async () => {
    const { r } = onFileStore({ mode: "act", runbooks: [RESTART] });
    const report = await r.handler(incident(TAGGED_RUNBOOK, START));
    expect(report).toMatchObject({
      outcome: "acted",
      action: { kind: "runbook", runbook: RESTART },
      executionId: "00000000-0000-4000-8000-000000000001",
    });
    expect(ssm.starts).toEqual([{ DocumentName: RESTART, Parameters: { InstanceId: [TAGGED_RUNBOOK] } }]);
    expect(ec2.callsOf("RebootInstances")).toEqual([]);
    expect(r.alerts()[0]!.subject).toBe(`Helios remediation: started ${RESTART} on ${TAGGED_RUNBOOK}`);
  });

  it("passes the configured AutomationAssumeRole to the runbook", async () => {
    const clock = manualClock();
    const settings = { mode: "act", runbooks: ["Team-Failover"], automationAssumeRole: ROLE };
    const r = remediator(settings, fileStore(clock), clock.now);
    expect((await r.handler(incident(TAGGED_OTHER_RUNBOOK, START))).outcome).toBe("acted");
    expect(ssm.starts).toEqual([
      {
        DocumentName: "Team-Failover",
        Parameters: { InstanceId: [TAGGED_OTHER_RUNBOOK], AutomationAssumeRole: [ROLE] },
      },
    ]);
  });

  it("skips a runbook the deployment does not allow, without calling SSM", async () => {
    const { r } = onFileStore({ mode: "act", runbooks: [RESTART] });
    const report = await r.handler(incident(TAGGED_OTHER_RUNBOOK, START));
    expect(report).toMatchObject({
      outcome: "skipped",
      action: { kind: "runbook", runbook: "Team-Failover" },
    });
    expect(report.reason).toBe(
      `runbook Team-Failover is not one the deployment allows (allowed: ${RESTART})`,
    );
    expect(ssm.starts).toEqual([]);
  });

  it("skips an incident whose metric names no instance, without calling EC2", async () => {
    const { r } = onFileStore({ mode: "act" });
    const report = await r.handler(
      incident(TAGGED_REBOOT, START, {
        resource: "checkout-queue",
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: "checkout" },
      }),
    );
    expect(report).toMatchObject({ outcome: "skipped", resource: "checkout-queue", announce: false });
    expect(report.reason).toMatch(/has no InstanceId dimension, so it names no EC2 instance/);
    expect(ec2.calls).toEqual([]);
    expect(r.alerts()).toEqual([]);
  });

  it("skips a malformed incident, naming the field", async () => {
    const { r } = onFileStore({ mode: "act" });
    const event = incident(TAGGED_REBOOT, START);
    const report = await r.handler({ ...event, detail: { ...(event.detail as object), expected: [90, 10] } });
    expect(report.outcome).toBe("skipped");
    expect(report.reason).toBe(
      "the incident event is malformed: expected must be [low, high] with low not above high",
    );
    expect(ec2.calls).toEqual([]);
    expect(r.alerts()).toHaveLength(1);
  });
});

describe("at most one action per resource per interval", () => {
  it("holds across two remediator instances sharing the DynamoDB state table, and frees the resource after the interval", async () => {
    const clock = manualClock();
    const store = await dynamoStore(clock);
    const first = remediator({ mode: "act" }, store, clock.now);
    const second = remediator({ mode: "act" }, store, clock.now);

    expect((await first.handler(incident(TAGGED_REBOOT, START))).outcome).toBe("acted");
    clock.advance(35 * MINUTE);
    const again = await second.handler(incident(TAGGED_REBOOT, START + 35 * MINUTE));
    expect(again).toMatchObject({ outcome: "skipped", nextActionAfter: "2026-11-28T11:00:00.000Z" });
    expect(again.reason).toMatch(
      /^an action \(reboot, for incident cpu\/CPUUtilization\/i-0aaaaaaaaaaaaaaa1\/.*\) was taken at 2026-11-28T10:00:00.000Z; the next is allowed after 2026-11-28T11:00:00.000Z/,
    );
    expect(ec2.callsOf("RebootInstances")).toHaveLength(1);

    clock.advance(26 * MINUTE);
    expect((await second.handler(incident(TAGGED_REBOOT, START + 61 * MINUTE))).outcome).toBe("acted");
    expect(ec2.callsOf("RebootInstances")).toHaveLength(2);
  });

  it("lets only one of two simultaneous decisions on one instance act", async () => {
    const clock = manualClock();
    const store = await dynamoStore(clock);
    const a = remediator({ mode: "act" }, store, clock.now);
    const b = remediator({ mode: "act" }, store, clock.now);
    const reports = await Promise.all([
      a.handler(incident(TAGGED_REBOOT, START)),
      b.handler(incident(TAGGED_REBOOT, START + 5 * MINUTE)),
    ]);
    expect(outcomes(reports).sort()).toEqual([`acted ${TAGGED_REBOOT}`, `skipped ${TAGGED_REBOOT}`]);
    expect(ec2.callsOf("RebootInstances")).toHaveLength(1);
  });

  it("uses minIntervalMinutes from the settings", async () => {
    const { clock, r } = onFileStore({ mode: "act", minIntervalMinutes: 15 });
    await r.handler(incident(TAGGED_REBOOT, START));
    clock.advance(14 * MINUTE);
    expect((await r.handler(incident(TAGGED_REBOOT, START + 14 * MINUTE))).outcome).toBe("skipped");
    clock.advance(MINUTE);
    expect((await r.handler(incident(TAGGED_REBOOT, START + 15 * MINUTE))).outcome).toBe("acted");
  });
});

describe("per-run cap", () => {
  it("acts at most maxActionsPerRun times for the incidents of one watcher run; the next run may act again", async () => {
    const { clock, r } = onFileStore({ mode: "act", maxActionsPerRun: 2 });
    const run = [];
    for (const id of FLEET) run.push(await r.handler(incident(id, START)));
    expect(outcomes(run)).toEqual([`acted ${FLEET[0]}`, `acted ${FLEET[1]}`, `skipped ${FLEET[2]}`]);
    expect(run[2]!.reason).toBe("this run already took its 2 actions (maxActionsPerRun)");
    expect(ec2.callsOf("RebootInstances").map((c) => c.params["InstanceId.1"])).toEqual(FLEET.slice(0, 2));

    clock.advance(5 * MINUTE);
    const next = await r.handler(incident(FLEET[2]!, START + 5 * MINUTE));
    expect(next.outcome).toBe("acted");
  });
});

describe("a failing API call", () => {
  it("is reported once and not retried: one RebootInstances on the wire, and the next incident within the hour is skipped", async () => {
    const { clock, r } = onFileStore({ mode: "act" });
    ec2.failures.set("RebootInstances", {
      status: 500,
      code: "InternalError",
      message: "An internal error has occurred",
    });
    const report = await r.handler(incident(TAGGED_REBOOT, START));
    expect(report).toMatchObject({ outcome: "failed", resource: TAGGED_REBOOT, action: { kind: "reboot" } });
    expect(report.reason).toBe(
      `reboot of ${TAGGED_REBOOT} failed and will not be retried: InternalError: An internal error has occurred`,
    );
    expect(ec2.callsOf("RebootInstances")).toHaveLength(1);
    expect(r.alerts().map((a) => a.subject)).toEqual([
      `Helios remediation FAILED: reboot of ${TAGGED_REBOOT}`,
    ]);
    expect(r.logs).toContainEqual(expect.objectContaining({ level: "error" }));

    clock.advance(10 * MINUTE);
    const next = await r.handler(incident(TAGGED_REBOOT, START + 10 * MINUTE));
    expect(next.outcome).toBe("skipped");
    expect(ec2.callsOf("RebootInstances")).toHaveLength(1);
  });

  it("reports a runbook that SSM refuses", async () => {
    const { r } = onFileStore({ mode: "act", runbooks: [RESTART] });
    ssm.failWith({
      status: 400,
      type: "InvalidAutomationExecutionParametersException",
      message: "bad InstanceId",
    });
    const report = await r.handler(incident(TAGGED_RUNBOOK, START));
    expect(report.outcome).toBe("failed");
    expect(report.reason).toMatch(/InvalidAutomationExecutionParametersException: bad InstanceId$/);
    expect(ssm.starts).toHaveLength(1);
  });

  it("does nothing when the tags cannot be read", async () => {
    const { r } = onFileStore({ mode: "act" });
    ec2.failures.set("DescribeTags", {
      status: 403,
      code: "UnauthorizedOperation",
      message: "not authorized",
    });
    const report = await r.handler(incident(TAGGED_REBOOT, START));
    expect(report.outcome).toBe("failed");
    expect(report.reason).toBe(
      "could not read the instance's helios:remediate tag: UnauthorizedOperation: not authorized",
    );
    expect(ec2.callsOf("RebootInstances")).toEqual([]);
  });
});

describe("alarm state changes", () => {
  it("reboots the opted-in instance a Helios alarm names", async () => {
    const { r } = onFileStore({ mode: "act" });
    const report = await r.handler(
      alarmChange("Helios-instance-cpu", { dimensions: [{ InstanceId: TAGGED_REBOOT }] }),
    );
    expect(report).toMatchObject({
      outcome: "acted",
      resource: TAGGED_REBOOT,
      cause: { kind: "alarm", alarm: { alarmName: "Helios-instance-cpu", state: "ALARM" } },
    });
    expect(ec2.callsOf("RebootInstances")).toHaveLength(1);
    expect(r.alerts()[0]!.message).toMatchObject({
      cause: { kind: "alarm", alarmName: "Helios-instance-cpu", state: "ALARM" },
    });
  });

  it.each([
    [
      "a detector's anomaly alarm (no instance)",
      alarmChange("Helios-cpu-anomalies", { dimensions: [{ Detector: "cpu" }] }),
      /^alarm Helios-cpu-anomalies names no EC2 instance/,
    ],
    [
      "a composite alarm",
      alarmChange("HeliosAlarm", { composite: true }),
      /^alarm HeliosAlarm names no EC2 instance/,
    ],
    [
      "an alarm on two instances",
      alarmChange("Helios-fleet", { dimensions: [{ InstanceId: FLEET[0]! }, { InstanceId: FLEET[1]! }] }),
      /names 2 instances \(i-0bbbbbbbbbbbbbbb1, i-0bbbbbbbbbbbbbbb2\); Helios acts only on an alarm about one/,
    ],
    [
      "another team's alarm",
      alarmChange("billing-cpu", { dimensions: [{ InstanceId: TAGGED_REBOOT }] }),
      /^alarm billing-cpu is not a Helios alarm \(their names start with "Helios"\)/,
    ],
    [
      "a change to OK",
      alarmChange("Helios-instance-cpu", { state: "OK", dimensions: [{ InstanceId: TAGGED_REBOOT }] }),
      /^alarm Helios-instance-cpu went to OK; only ALARM acts/,
    ],
  ])("skips %s and says why in its log, with no call to EC2 and no email", async (_name, event, reason) => {
    const { r } = onFileStore({ mode: "act" });
    const report = await r.handler(event);
    expect(report).toMatchObject({ outcome: "skipped", announce: false });
    expect(report.reason).toMatch(reason);
    expect(ec2.calls).toEqual([]);
    expect(r.alerts()).toEqual([]);
    const logged = r.logs.map((l) => (l.remediation as { reason?: string } | undefined)?.reason ?? "");
    expect(logged.some((line) => reason.test(line))).toBe(true);
  });
});

describe("the handler", () => {
  it("fails the invocation, naming the variable, when misconfigured", async () => {
    const { r } = onFileStore({ mode: "sometimes" });
    await expect(r.handler(incident(TAGGED_REBOOT, START))).rejects.toThrow(
      /remediator misconfigured: HELIOS_REMEDIATION: mode: "sometimes" is not "dry-run" or "act"/,
    );
    expect(ec2.calls).toEqual([]);
  });

  it("fails the invocation when the report cannot be announced, after logging it", async () => {
    const clock = manualClock();
    const notAFolder = join(folder, "plain-file");
    writeFileSync(notAFolder, "");
    const r = remediator({ mode: "act" }, fileStore(clock), clock.now, {
      [ENV.alertFile]: join(notAFolder, "alerts.jsonl"),
    });
    await expect(r.handler(incident(TAGGED_REBOOT, START))).rejects.toThrow(
      /remediation report not delivered/,
    );
    expect(ec2.callsOf("RebootInstances")).toHaveLength(1);
    expect(r.logs.map((line) => line.message)).toEqual([
      `Helios remediation: rebooted ${TAGGED_REBOOT}`,
      "remediation report not delivered to HeliosAlerts",
    ]);
  });
});
