/**
 * HeliosStack with every setting changed from its default: an alert email, a monitored
 * instance, a pinned (rolled back) cpu model, arm64, other memory/timeout/throttling/retention,
 * and no account-level API Gateway role. Each setting must show up where it belongs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CfnElement } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import { getDetector, MODEL_IDS } from "../../lambdas/catalog";
import { ENV } from "../../lambdas/runtime/environment-names";
import type { HeliosStack } from "../../lib/helios-stack";
import { DEFAULT_MODELS_DIR, MANIFEST_FILE, runtimeEntryOf } from "../../lib/model-manifest";
import type { ModelEntry, ModelManifest } from "../../models/manifest-schema";
import { type CfnResource, flattenJoin, nagViolations, type SynthResult, synthHelios } from "./support/synth";

const INSTANCE = "i-0123456789abcdef0";
const CPU_VERSION_ID = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY";
const cpu = getDetector("cpu");

// The manifest of the version being rolled back to: cpu's bytes and version differ from today's.
const current = JSON.parse(readFileSync(join(DEFAULT_MODELS_DIR, MANIFEST_FILE), "utf8")) as ModelManifest;
const pinnedCpu: ModelEntry = {
  ...current.models[cpu.name]!,
  sha256: "b".repeat(64),
  modelVersion: "0.9.0+older",
};
const pinnedDir = mkdtempSync(join(tmpdir(), "helios-pinned-"));
const pinnedManifestPath = join(pinnedDir, "manifest.json");
writeFileSync(pinnedManifestPath, JSON.stringify({ formatVersion: 1, models: { [cpu.name]: pinnedCpu } }));

let synth: SynthResult;
let stack: HeliosStack;
let resources: Record<string, CfnResource>;

beforeAll(() => {
  synth = synthHelios({
    alertEmail: "ops@example.com",
    monitoredInstanceId: INSTANCE,
    cpuAlarmThreshold: "90",
    anomalyAlarmThreshold: "5",
    throttleRateLimit: "7",
    throttleBurstLimit: "11",
    memorySize: "2048",
    timeoutSeconds: "20",
    architecture: "arm64",
    logRetentionDays: "90",
    modelVersionIds: JSON.stringify({ [cpu.name]: CPU_VERSION_ID }),
    pinnedModelManifest: pinnedManifestPath,
    apiGatewayCloudWatchRole: "false",
  });
  stack = synth.stack;
  resources = synth.template.toJSON().Resources as Record<string, CfnResource>;
});
afterAll(() => {
  synth?.cleanup();
  rmSync(pinnedDir, { recursive: true, force: true });
});

const idOf = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const props = (logicalId: string): Record<string, unknown> => resources[logicalId]!.Properties ?? {};
const propsOf = (r: CfnResource): Record<string, unknown> => r.Properties ?? {};
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const envOf = (construct: IConstruct) =>
  (props(idOf(construct)).Environment as { Variables: Record<string, string> }).Variables;
const topicRef = () => ({ Ref: idOf(stack.alerts.topic) });

it("subscribes the alert email to HeliosAlerts", () => {
  const subscriptions = ofType("AWS::SNS::Subscription");
  expect(subscriptions).toHaveLength(1);
  expect(subscriptions[0]![1].Properties).toMatchObject({
    Protocol: "email",
    Endpoint: "ops@example.com",
    TopicArn: topicRef(),
  });
});

it("alarms on the instance's CPUUtilization above the threshold, through HeliosAlarm", () => {
  const alarm = props(idOf(stack.alarms.instanceCpuAlarm!));
  expect(alarm).toMatchObject({
    Namespace: "AWS/EC2",
    MetricName: "CPUUtilization",
    Dimensions: [{ Name: "InstanceId", Value: INSTANCE }],
    Statistic: "Average",
    Threshold: 90,
    ComparisonOperator: "GreaterThanThreshold",
  });
  expect(alarm.AlarmActions).toBeUndefined();
  const [, composite] = ofType("AWS::CloudWatch::CompositeAlarm")[0]!;
  expect(flattenJoin(composite.Properties?.AlarmRule)).toBe(
    `(ALARM("<GetAtt ${idOf(stack.alarms.anomalyAlarms.get(cpu.name)!)}.Arn>") OR ALARM("<GetAtt ${idOf(stack.alarms.instanceCpuAlarm!)}.Arn>"))`,
  );
  expect(composite.Properties?.AlarmActions).toEqual([topicRef()]);
});

it("uses the anomaly alarm threshold for every detector", () => {
  for (const alarm of stack.alarms.anomalyAlarms.values()) expect(props(idOf(alarm)).Threshold).toBe(5);
});

it("adds the instance's CPU, network and disk graphs to the dashboard", () => {
  const [, dashboard] = ofType("AWS::CloudWatch::Dashboard")[0]!;
  const body = JSON.parse(flattenJoin(dashboard.Properties?.DashboardBody)) as {
    widgets: { properties: { title?: string; metrics?: unknown[][]; annotations?: unknown } }[];
  };
  const ec2 = body.widgets.filter((w) => JSON.stringify(w.properties.metrics ?? []).includes("AWS/EC2"));
  expect(ec2).toHaveLength(3);
  const metricNames = ec2.flatMap((w) => w.properties.metrics!.map((m) => m[1]));
  expect(metricNames).toEqual([
    "CPUUtilization",
    "NetworkIn",
    "NetworkOut",
    // EBS volumes: DiskReadBytes/DiskWriteBytes count instance-store volumes only, which
    // current instance types do not have, so they graph nothing.
    "EBSReadBytes",
    "EBSWriteBytes",
  ]);
  for (const w of ec2)
    for (const m of w.properties.metrics!) expect(m.slice(2, 4)).toEqual(["InstanceId", INSTANCE]);
  expect(JSON.stringify(ec2[0]!.properties.annotations)).toContain('"value":90');
});

it("pins the cpu model to its S3 version, with the pinned manifest's entry, and may read that version", () => {
  const cpuFn = stack.detectorFunctions.find((f) => f.detector.name === cpu.name)!;
  const env = envOf(cpuFn.function);
  const models = (fn: Parameters<typeof envOf>[0]) =>
    JSON.parse(envOf(fn)[ENV.models]!) as Record<
      string,
      { versionId?: string; entry: { modelVersion: string } }
    >;
  expect(models(cpuFn.function).cpu).toEqual({
    key: "models/cpu.onnx",
    versionId: CPU_VERSION_ID,
    entry: runtimeEntryOf(pinnedCpu),
  });
  expect(env).not.toHaveProperty("HELIOS_MODEL_VERSION_ID");
  const policies = ofType("AWS::IAM::Policy").filter(([, r]) =>
    JSON.stringify(r.Properties?.Roles).includes(idOf(cpuFn.role)),
  );
  const read = policies
    .flatMap(
      ([, r]) => (propsOf(r).PolicyDocument as { Statement: { Sid?: string; Action: unknown }[] }).Statement,
    )
    .find((s) => s.Sid === "ReadOwnModel")!;
  expect(read.Action).toEqual(["s3:GetObject", "s3:GetObjectVersion"]);

  for (const fn of stack.detectorFunctions.filter((f) => f.detector.name !== cpu.name)) {
    const other = models(fn.function)[fn.detector.name]!;
    expect(other.versionId).toBeUndefined();
    expect(other.entry.modelVersion).toBe(current.models[fn.detector.name]!.modelVersion);
  }
  const versions = JSON.parse(envOf(stack.statusFunction.function)[ENV.detectorVersions]!) as Record<
    string,
    string
  >;
  expect(versions[cpu.name]).toBe("0.9.0+older");
  expect(Object.keys(versions)).toEqual([...MODEL_IDS]);
});

it("builds arm64 functions with the arm64 onnxruntime layer, and the configured memory, timeout and retention", () => {
  const [, layer] = ofType("AWS::Lambda::LayerVersion").find(([, r]) =>
    String(r.Properties?.Description).includes("onnxruntime-node"),
  )!;
  expect(layer.Properties?.CompatibleArchitectures).toEqual(["arm64"]);
  expect(layer.Properties?.Description).toMatch(/Linux arm64$/);
  for (const fn of stack.detectorFunctions) {
    expect(props(idOf(fn.function))).toMatchObject({
      Architectures: ["arm64"],
      MemorySize: 2048,
      Timeout: 20,
    });
  }
  expect(props(idOf(stack.statusFunction.function)).Architectures).toEqual(["arm64"]);
  for (const [, group] of ofType("AWS::Logs::LogGroup")) expect(group.Properties?.RetentionInDays).toBe(90);
});

it("throttles the stage at the configured rate and burst", () => {
  const [, stage] = ofType("AWS::ApiGateway::Stage")[0]!;
  expect(stage.Properties?.MethodSettings).toEqual([
    expect.objectContaining({ ThrottlingRateLimit: 7, ThrottlingBurstLimit: 11 }),
  ]);
});

it("leaves the account's API Gateway logging role alone when asked to", () => {
  synth.template.resourceCountIs("AWS::ApiGateway::Account", 0);
});

it("still passes cdk-nag AwsSolutions", () => {
  expect(nagViolations(synth.app)).toEqual([]);
});
