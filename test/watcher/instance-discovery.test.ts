/**
 * Discovery of tagged instances over the wire against the EC2 double (real SDK client and EC2
 * query protocol on 127.0.0.1): tag and state filters, every page, throttling retried; and how
 * the run's targets are put together from the watch list, the instances and ListMetrics.
 */
import { Ec2InstanceFinder, resolveTargets } from "../../lambdas/watcher/instance-discovery";
import { TAG_METRICS, type WatchPlan } from "../../lambdas/watcher/watch-config";
import { saveAwsEnvironment, useDummyAwsEnvironment } from "../support/aws-environment";
import { type Ec2Double, startEc2Double } from "../support/ec2-double";

const id = (n: number) => `i-${n.toString(16).padStart(17, "0")}`;
const TAG = { key: "helios", value: "watch" };

let double: Ec2Double;
let restore: () => void;

beforeAll(async () => {
  double = await startEc2Double();
  restore = saveAwsEnvironment();
  useDummyAwsEnvironment({ AWS_ENDPOINT_URL_EC2: double.endpoint });
});

afterAll(async () => {
  restore();
  await double.close();
});

beforeEach(() => {
  double.instances.clear();
  double.states.clear();
  double.calls.length = 0;
  double.transientFailures.clear();
  double.pageSize = 1000;
});

describe("Ec2InstanceFinder", () => {
  it("finds the running instances with the tag, over every page, sorted", async () => {
    for (let n = 0; n < 7; n++) double.instances.set(id(n), { helios: "watch", Name: `web ${n}` });
    double.instances.set(id(20), { helios: "watch" });
    double.states.set(id(20), "stopped");
    double.instances.set(id(21), { helios: "other" });
    double.instances.set(id(22), {});
    double.pageSize = 3;
    const found = await new Ec2InstanceFinder().findRunning(TAG);
    expect(found).toEqual([0, 1, 2, 3, 4, 5, 6].map(id));
    const calls = double.callsOf("DescribeInstances").map((c) => c.params);
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatchObject({
      Action: "DescribeInstances",
      Version: "2016-11-15",
      "Filter.1.Name": "tag:helios",
      "Filter.1.Value.1": "watch",
      "Filter.2.Name": "instance-state-name",
      "Filter.2.Value.1": "running",
      MaxResults: "1000",
    });
    expect(calls[1]!.NextToken).toBe("3");
  });

  it("retries RequestLimitExceeded", async () => {
    double.instances.set(id(1), { helios: "watch" });
    double.transientFailures.set("DescribeInstances", {
      failure: { status: 503, code: "RequestLimitExceeded", message: "Request limit exceeded." },
      times: 1,
    });
    expect(await new Ec2InstanceFinder().findRunning(TAG)).toEqual([id(1)]);
    expect(double.callsOf("DescribeInstances")).toHaveLength(2);
  });
});

describe("resolveTargets", () => {
  const plan: WatchPlan = {
    metrics: [
      {
        detector: "cpu",
        namespace: "AWS/RDS",
        metricName: "CPUUtilization",
        dimensions: { DBInstanceIdentifier: "db1" },
        stat: "Average",
        period: 300,
      },
    ],
    tag: TAG,
    scheduleSeconds: 300,
    historySeconds: 7 * 86_400,
  };
  const finder = { findRunning: async () => [id(1), id(2)] };

  it("watches the list, then each instance's CPU, network and EBS metrics", async () => {
    const targets = await resolveTargets(plan, finder, undefined);
    expect(targets.metrics).toHaveLength(1 + 2 * TAG_METRICS.length);
    expect(
      targets.metrics
        .slice(1, 5)
        .map((m) => `${m.detector}:${m.metricName}:${m.stat}:${m.dimensions.InstanceId}`),
    ).toEqual([
      `cpu:CPUUtilization:Average:${id(1)}`,
      `network:NetworkIn:Sum:${id(1)}`,
      `network:NetworkOut:Sum:${id(1)}`,
      `storage:EBSWriteBytes:Sum:${id(1)}`,
    ]);
    expect(targets.instances).toEqual([id(1), id(2)]);
  });

  it("leaves out instance metrics with no recent data, and keeps them all when ListMetrics fails", async () => {
    const lister = {
      recentlyActive: async (_ns: string, name: string): Promise<Record<string, string>[]> =>
        name === "EBSWriteBytes"
          ? [{ InstanceId: id(1) }]
          : [{ InstanceId: id(1) }, { InstanceId: id(2) }, { AutoScalingGroupName: "x" }],
    };
    const targets = await resolveTargets(plan, finder, lister);
    expect(targets.inactive).toBe(1);
    expect(
      targets.metrics.filter((m) => m.metricName === "EBSWriteBytes").map((m) => m.dimensions.InstanceId),
    ).toEqual([id(1)]);
    const failing = { recentlyActive: async () => Promise.reject(new Error("AccessDenied")) };
    const fallback = await resolveTargets(plan, finder, failing);
    expect(fallback.metrics).toHaveLength(1 + 2 * TAG_METRICS.length);
    expect(fallback.warnings).toEqual(["ListMetrics failed, so every instance metric is read: AccessDenied"]);
  });

  it("does not repeat an instance metric the watch list already names", async () => {
    const listed = { ...plan, metrics: [{ ...TAG_METRICS[0]!, dimensions: { InstanceId: id(1) } }] };
    const targets = await resolveTargets(listed, finder, undefined);
    expect(
      targets.metrics.filter((m) => m.metricName === "CPUUtilization" && m.dimensions.InstanceId === id(1)),
    ).toHaveLength(1);
  });
});
