/**
 * The watcher in the template: nothing without `watch`/`watchTag`; with them, the schedule
 * (rate, no retries, a dead-letter queue, the scheduled time as input), one function at a time
 * with a bounded run, failures to the dead-letter queue, the errors alarm, scoped IAM with the
 * unscopable CloudWatch and EC2 reads acknowledged, the dashboard rows, and cdk-nag clean.
 */
import { join } from "node:path";
import { parsePlanValue } from "../../lambdas/watcher/watch-config";
import { WATCHER_ENV } from "../../lambdas/watcher/watcher-environment";
import { WATCHER_ERRORS_ALARM_BASE, WATCHER_SCHEDULE_BASE } from "../../lib/constructs/helios-watcher";
import { DEFAULT_MODELS_DIR } from "../../lib/model-manifest";
import {
  type CfnResource,
  flattenJoin,
  nagViolations,
  resourcesOf,
  type SynthResult,
  synthHelios,
} from "./support/synth";

const RDS = {
  detector: "cpu",
  namespace: "AWS/RDS",
  metricName: "CPUUtilization",
  dimensions: { DBInstanceIdentifier: "orders" },
};

type Statement = {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Condition?: unknown;
};

function watcherFunction(synth: SynthResult): [string, CfnResource] {
  const found = Object.entries(resourcesOf(synth.template, "AWS::Lambda::Function")).filter(([, r]) =>
    JSON.stringify(r.Properties?.Environment ?? {}).includes(WATCHER_ENV.incidentEvents),
  );
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The watcher's dead-letter queue (other features have queues of their own). */
function watcherQueue(synth: SynthResult): [string, CfnResource] {
  const found = Object.entries(resourcesOf(synth.template, "AWS::SQS::Queue")).filter(([id]) =>
    id.startsWith("WatcherDeadLetters"),
  );
  expect(found).toHaveLength(1);
  return found[0]!;
}

function policyStatementsOf(synth: SynthResult, roleId: string): Statement[] {
  return Object.values(resourcesOf(synth.template, "AWS::IAM::Policy"))
    .filter((p) => JSON.stringify(p.Properties?.Roles).includes(roleId))
    .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe("without watch settings", () => {
  let synth: SynthResult;
  beforeAll(() => {
    synth = synthHelios({});
  });
  afterAll(() => synth.cleanup());

  it("has no watcher resources at all", () => {
    synth.template.resourceCountIs("AWS::Scheduler::Schedule", 0);
    const ids = Object.keys(synth.template.toJSON().Resources as Record<string, unknown>);
    expect(ids.filter((id) => id.startsWith("Watcher"))).toEqual([]);
    expect(JSON.stringify(synth.template.toJSON())).not.toContain(WATCHER_ENV.incidentEvents);
    expect(JSON.stringify(synth.template.toJSON())).not.toContain(WATCHER_ERRORS_ALARM_BASE);
  });
});

describe("with watch and watchTag", () => {
  let synth: SynthResult;
  beforeAll(() => {
    synth = synthHelios({
      watch: JSON.stringify([RDS]),
      watchTag: "helios=watch",
      watchSchedule: "rate(10 minutes)",
      watchHistoryDays: "5",
    });
  });
  afterAll(() => synth.cleanup());

  it("runs the function on a rate schedule with no retries, a dead-letter queue and the scheduled time", () => {
    const [fnId] = watcherFunction(synth);
    const schedules = Object.values(resourcesOf(synth.template, "AWS::Scheduler::Schedule"));
    expect(schedules).toHaveLength(1);
    const props = schedules[0]!.Properties!;
    expect(props.ScheduleExpression).toBe("rate(10 minutes)");
    expect(props.Name).toBe(WATCHER_SCHEDULE_BASE);
    expect(props.State).toBe("ENABLED");
    expect(props.FlexibleTimeWindow).toEqual({ Mode: "OFF" });
    const target = props.Target as Record<string, unknown>;
    expect(flattenJoin(target.Arn)).toBe(`<GetAtt ${fnId}.Arn>`);
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 600 });
    const [queueId] = watcherQueue(synth);
    expect(flattenJoin((target.DeadLetterConfig as { Arn: unknown }).Arn)).toBe(`<GetAtt ${queueId}.Arn>`);
    const input = JSON.parse(target.Input as string) as { scheduledTime: string; plan: unknown };
    expect(input.scheduledTime).toBe("<aws.scheduler.scheduled-time>");
    expect(parsePlanValue(input.plan)).toEqual({
      ok: true,
      value: {
        metrics: [{ ...RDS, stat: "Average", period: 300 }],
        tag: { key: "helios", value: "watch" },
        scheduleSeconds: 600,
        historySeconds: 5 * 86_400,
      },
    });
  });

  it("runs one at a time, within its timeout, and sends failed runs to the dead-letter queue", () => {
    const [fnId, fn] = watcherFunction(synth);
    expect(fn.Properties).toMatchObject({
      ReservedConcurrentExecutions: 1,
      Timeout: 300,
      MemorySize: 1024,
      Runtime: "nodejs24.x",
    });
    const [queueId, queue] = watcherQueue(synth);
    expect(queue.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86_400,
    });
    const configs = Object.values(resourcesOf(synth.template, "AWS::Lambda::EventInvokeConfig")).filter(
      (c) => JSON.stringify(c.Properties?.FunctionName) === JSON.stringify({ Ref: fnId }),
    );
    expect(configs).toHaveLength(1);
    expect(configs[0]!.Properties).toMatchObject({
      FunctionName: { Ref: fnId },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 600,
    });
    const onFailure = (configs[0]!.Properties!.DestinationConfig as { OnFailure: { Destination: unknown } })
      .OnFailure;
    expect(flattenJoin(onFailure.Destination)).toBe(`<GetAtt ${queueId}.Arn>`);
  });

  it("configures the function with the series model, the alert topic and incident events", () => {
    const [, fn] = watcherFunction(synth);
    const variables = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables[WATCHER_ENV.plan]).toBeUndefined(); // the plan travels in the schedule's input
    // Named in every incident event: the remediator's rule takes only its own stack's.
    expect(variables[WATCHER_ENV.stackName]).toBe(synth.stack.stackName);
    const models = JSON.parse(variables.HELIOS_MODELS as string) as Record<
      string,
      { key: string; entry: { file: string; decision: { threshold: number }; recipe?: string } }
    >;
    expect(Object.keys(models)).toEqual(["cpu-series", "network-series", "storage-series"]);
    expect(Object.values(models).map((m) => [m.key, m.entry.file, m.entry.recipe])).toEqual(
      Array(3).fill(["models/series.onnx", "series.onnx", undefined]),
    );
    expect(variables).toMatchObject({
      HELIOS_MODEL_SOURCE: "s3",
      HELIOS_ALERT_SINK: "sns",
      HELIOS_METRICS: "emf",
    });
  });

  it("grants reads of metrics and instances on * (no resource-level permissions), everything else scoped", () => {
    const [, fn] = watcherFunction(synth);
    const roleId = (fn.Properties!.Role as { "Fn::GetAtt": string[] })["Fn::GetAtt"][0]!;
    const statements = policyStatementsOf(synth, roleId);
    const bySid = (sid: string) => statements.find((s) => s.Sid === sid)!;
    expect(actions(bySid("ReadMetrics")).sort()).toEqual([
      "cloudwatch:GetMetricData",
      "cloudwatch:ListMetrics",
    ]);
    expect(bySid("ReadMetrics").Resource).toBe("*");
    expect(bySid("FindTaggedInstances")).toMatchObject({ Action: "ec2:DescribeInstances", Resource: "*" });
    expect(flattenJoin(bySid("ReadOwnModel").Resource)).toMatch(
      /^<GetAtt ModelStoreModels\w+\.Arn>\/models\/series\.onnx$/,
    );
    const wildcards = statements.filter((s) => s.Resource === "*").map((s) => actions(s).sort().join(","));
    expect(wildcards.sort()).toEqual([
      "cloudwatch:GetMetricData,cloudwatch:ListMetrics",
      "ec2:DescribeInstances",
      "xray:PutTelemetryRecords,xray:PutTraceSegments",
    ]);
    expect(bySid("PutIncidentEvents")).toMatchObject({
      Action: "events:PutEvents",
      Condition: {
        StringEquals: { "events:source": "helios.watcher", "events:detail-type": "Helios Incident" },
      },
    });
    expect(flattenJoin(bySid("PutIncidentEvents").Resource)).toMatch(/:event-bus\/default$/);
    const send = statements.find((s) => actions(s).includes("sqs:SendMessage"))!;
    expect(flattenJoin(send.Resource)).toMatch(/^<GetAtt WatcherDeadLetters\w+\.Arn>$/);
  });

  it("lets the schedule's role invoke the watcher and send to its dead-letter queue, nothing else", () => {
    const [fnId] = watcherFunction(synth);
    const roles = Object.entries(resourcesOf(synth.template, "AWS::IAM::Role")).filter(([, r]) =>
      JSON.stringify(r.Properties?.AssumeRolePolicyDocument).includes("scheduler.amazonaws.com"),
    );
    expect(roles).toHaveLength(1);
    const statements = policyStatementsOf(synth, roles[0]![0]);
    expect(
      statements
        .map((s) => `${actions(s).join(",")} ${[s.Resource].flat().map(flattenJoin).join(" ")}`)
        .sort(),
    ).toEqual([
      `lambda:InvokeFunction <GetAtt ${fnId}.Arn> <GetAtt ${fnId}.Arn>:*`,
      expect.stringMatching(/^sqs:SendMessage <GetAtt WatcherDeadLetters\w+\.Arn>$/),
    ]);
  });

  it("alarms on the watcher's errors, dead letters, model load and alert failures, to HeliosAlerts", () => {
    const alarms = Object.values(resourcesOf(synth.template, "AWS::CloudWatch::Alarm")).filter(
      (a) => a.Properties?.AlarmName === WATCHER_ERRORS_ALARM_BASE,
    );
    expect(alarms).toHaveLength(1);
    const props = alarms[0]!.Properties!;
    expect(props).toMatchObject({
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "notBreaching",
    });
    const text = JSON.stringify(props.Metrics);
    for (const part of [
      "Errors",
      "NumberOfMessagesSent",
      "ModelLoadFailures",
      "AlertFailures",
      '"Value":"watcher"',
    ]) {
      expect(text).toContain(part);
    }
    expect(JSON.stringify(props.AlarmActions)).toContain("AlertsTopic");
    expect(JSON.stringify(props.OKActions)).toContain("AlertsTopic");
  });

  it("lets HeliosAlarm fire on the watcher's cpu anomalies (the Anomalies metric it emits for cpu)", () => {
    const cpuAlarm = Object.entries(resourcesOf(synth.template, "AWS::CloudWatch::Alarm")).find(
      ([, a]) => a.Properties?.AlarmName === "Helios-cpu-anomalies",
    )!;
    expect(cpuAlarm[1].Properties).toMatchObject({
      Namespace: "Helios",
      MetricName: "Anomalies",
      Dimensions: [{ Name: "Detector", Value: "cpu" }],
    });
    const composite = Object.values(resourcesOf(synth.template, "AWS::CloudWatch::CompositeAlarm"))[0]!;
    expect(JSON.stringify(composite.Properties!.AlarmRule)).toContain(cpuAlarm[0]);
  });

  it("draws the watched metric with its detector's anomalies, and the watcher's own health", () => {
    const dashboard = Object.values(resourcesOf(synth.template, "AWS::CloudWatch::Dashboard"))[0]!;
    const body = JSON.stringify(dashboard.Properties!.DashboardBody);
    expect(body).toContain('\\"AWS/RDS\\",\\"CPUUtilization\\",\\"DBInstanceIdentifier\\",\\"orders\\"');
    expect(body).toContain("watcher: points scored and anomalies per detector");
    expect(body).toContain("watcher: errors and run duration");
    const [errorsId] = Object.entries(resourcesOf(synth.template, "AWS::CloudWatch::Alarm")).find(
      ([, a]) => a.Properties?.AlarmName === WATCHER_ERRORS_ALARM_BASE,
    )!;
    expect(body).toContain(`{"Fn::GetAtt":["${errorsId}","Arn"]}`); // in the alarm status widget
  });

  it("passes cdk-nag AwsSolutions", () => {
    expect(nagViolations(synth.app)).toEqual([]);
  });
});

describe("with watch alone and a name prefix", () => {
  it("grants GetMetricData only (no ListMetrics, no DescribeInstances), prefixes its names and bounds event ages", () => {
    const synth = synthHelios({
      watch: JSON.stringify([RDS]),
      namePrefix: "staging",
      watchSchedule: "rate(12 hours)",
      modelVersionIds: JSON.stringify({ "cpu-series": "pinned.Version-1" }),
      pinnedModelManifest: join(DEFAULT_MODELS_DIR, "manifest.json"),
    });
    try {
      const [, fn] = watcherFunction(synth);
      const roleId = (fn.Properties!.Role as { "Fn::GetAtt": string[] })["Fn::GetAtt"][0]!;
      const all = policyStatementsOf(synth, roleId).flatMap(actions);
      expect(all).toContain("cloudwatch:GetMetricData");
      expect(all).not.toContain("cloudwatch:ListMetrics");
      expect(all).not.toContain("ec2:DescribeInstances");
      // A pinned series model is read at its version, as the detector functions read theirs.
      expect(all).toContain("s3:GetObjectVersion");
      const variables = (fn.Properties!.Environment as { Variables: Record<string, string> }).Variables;
      const models = JSON.parse(variables.HELIOS_MODELS!) as Record<
        string,
        { versionId?: string; entry: { series: unknown } }
      >;
      expect(models["cpu-series"]!.versionId).toBe("pinned.Version-1");
      expect(models["network-series"]!.versionId).toBeUndefined();
      // One copy of the series parameters the three entries share: with three, this configuration
      // (a prefix and a pinned version) went over Lambda's 4 KB when a 37th parameter was added.
      expect(models["network-series"]!.entry.series).toBe("cpu-series");
      expect(models["storage-series"]!.entry.series).toBe("cpu-series");
      // Three full entries were 3.4 KB of the 4 KB; shared, a new parameter costs its bytes once.
      expect(Buffer.byteLength(variables.HELIOS_MODELS!)).toBeLessThan(2_600);
      expect(variables[WATCHER_ENV.stackName]).toBe("staging-HeliosStack");
      const schedule = Object.values(resourcesOf(synth.template, "AWS::Scheduler::Schedule"))[0]!.Properties!;
      expect(schedule).toMatchObject({
        ScheduleExpression: "rate(12 hours)",
        Name: `staging-${WATCHER_SCHEDULE_BASE}`,
      });
      // Lambda keeps an asynchronous event at most 6 hours; the schedule's own window may be longer.
      const config = Object.values(resourcesOf(synth.template, "AWS::Lambda::EventInvokeConfig")).find((c) =>
        JSON.stringify(c.Properties?.FunctionName).includes("Watcher"),
      )!;
      expect(config.Properties!.MaximumEventAgeInSeconds).toBe(21_600);
      expect((schedule.Target as { RetryPolicy: unknown }).RetryPolicy).toEqual({
        MaximumRetryAttempts: 0,
        MaximumEventAgeInSeconds: 43_200,
      });
      const names = Object.values(resourcesOf(synth.template, "AWS::CloudWatch::Alarm")).map(
        (a) => a.Properties?.AlarmName,
      );
      expect(names).toContain(`staging-${WATCHER_ERRORS_ALARM_BASE}`);
    } finally {
      synth.cleanup();
    }
  });
});
