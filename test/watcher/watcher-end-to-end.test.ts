/**
 * The watcher function end to end with the real series model: EC2 discovery and CloudWatch reads
 * over the wire (the doubles on 127.0.0.1), the model from models/ checksum-verified and scored by
 * the series core, one alert for the new incident in the alert file, and nothing for the run after.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENV } from "../../lambdas/runtime/environment-names";
import { serializePlan } from "../../lambdas/watcher/watch-config";
import { WATCHER_ENV } from "../../lambdas/watcher/watcher-environment";
import { createWatcherRuntime } from "../../lambdas/watcher/watcher-runtime";
import { saveAwsEnvironment, useDummyAwsEnvironment } from "../support/aws-environment";
import { type CloudWatchDouble, startCloudWatchDouble } from "../support/cloudwatch-double";
import { type Ec2Double, startEc2Double } from "../support/ec2-double";
import { DAY, EC2_CPU, T0 } from "../support/watch-fixtures";

const INSTANCE = EC2_CPU.dimensions.InstanceId!;
const folder = mkdtempSync(join(tmpdir(), "helios-watcher-e2e-"));
let cloudwatch: CloudWatchDouble;
let ec2: Ec2Double;
let restore: () => void;

beforeAll(async () => {
  cloudwatch = await startCloudWatchDouble();
  ec2 = await startEc2Double({ [INSTANCE]: { helios: "watch" }, "i-0ffffffffffffffff": { team: "other" } });
  restore = saveAwsEnvironment();
  useDummyAwsEnvironment({
    AWS_ENDPOINT_URL_CLOUDWATCH: cloudwatch.endpoint,
    AWS_ENDPOINT_URL_EC2: ec2.endpoint,
  });
  // A week of the tagged instance's CPU: a daily cycle, and a spike at the last complete point of
  // the run scheduled at T0 (the point starting T0 - 10 min).
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let t = T0 - 7 * DAY; t <= T0 - 600; t += 300) {
    timestamps.push(t);
    values.push(
      t === T0 - 600 ? 98 : 35 + 12 * Math.sin((2 * Math.PI * (t % DAY)) / DAY) + Math.sin(t / 700),
    );
  }
  cloudwatch.series.push({ ...EC2_CPU, timestamps, values });
});

afterAll(async () => {
  restore();
  await cloudwatch.stop();
  await ec2.close();
  rmSync(folder, { recursive: true, force: true });
});

it("finds the tagged instance, scores its CPU with the series model and alerts once", async () => {
  const alertFile = join(folder, "alerts.jsonl");
  const lines: string[] = [];
  const handler = createWatcherRuntime({
    env: {
      AWS_REGION: "us-east-1",
      [WATCHER_ENV.plan]: serializePlan({
        metrics: [],
        tag: { key: "helios", value: "watch" },
        scheduleSeconds: 300,
        historySeconds: 7 * DAY,
      }),
      [ENV.alertSink]: "file",
      [ENV.alertFile]: alertFile,
      [ENV.metrics]: "emf",
    },
    writeLine: (line) => lines.push(line),
  });
  const summary = await handler(
    { scheduledTime: new Date((T0 + 42) * 1000).toISOString() },
    { getRemainingTimeInMillis: () => 60_000 },
  );
  // Only the instance's CPU has data: its network and EBS metrics are left out by ListMetrics.
  expect(summary).toMatchObject({
    metrics: 1,
    instances: 1,
    incidents: 1,
    unread: 0,
    alerted: true,
    newPoints: 1,
    points: 2015,
  });
  const alert = JSON.parse(readFileSync(alertFile, "utf8").trim()) as {
    subject: string;
    message: { incidents: Record<string, unknown>[] };
  };
  expect(alert.subject).toBe(`Helios watcher: 1 new incident on ${INSTANCE}`);
  expect(alert.message.incidents[0]).toMatchObject({
    detector: "cpu",
    resource: INSTANCE,
    time: new Date((T0 - 600) * 1000).toISOString(),
    value: 98,
    model: expect.stringMatching(/^cpu-series@/),
  });
  expect(ec2.callsOf("DescribeInstances")).toHaveLength(1);
  expect(cloudwatch.calls.map((c) => c.operation).sort()).toEqual([
    "GetMetricData",
    "ListMetrics",
    "ListMetrics",
    "ListMetrics",
    "ListMetrics",
  ]);

  // The next run: the spike is history now, and the new point is normal.
  const next = await handler(
    { scheduledTime: new Date((T0 + 342) * 1000).toISOString() },
    { getRemainingTimeInMillis: () => 60_000 },
  );
  expect(next).toMatchObject({ incidents: 0, alerted: false });
  expect(readFileSync(alertFile, "utf8").trim().split("\n")).toHaveLength(1);
});
