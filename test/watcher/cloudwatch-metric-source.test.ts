/**
 * The CloudWatch metric source over the wire, against the CloudWatch double on 127.0.0.1 (the
 * real SDK client and protocol, nothing mocked): batching within GetMetricData's limits,
 * NextToken pages, PartialData, Forbidden, throttling with the SDK's retries, a stalled endpoint
 * cut off by the run's deadline, and ListMetrics pages.
 */
import {
  CloudWatchMetricSource,
  expectedDatapoints,
  GET_METRIC_DATA_LIMITS,
  planBatches,
} from "../../lambdas/metric-source/cloudwatch-metric-source";
import type { MetricWindow } from "../../lambdas/metric-source/metric-source";
import type { WatchedMetric } from "../../lambdas/watcher/watch-config";
import { saveAwsEnvironment, useDummyAwsEnvironment } from "../support/aws-environment";
import { type CloudWatchDouble, startCloudWatchDouble } from "../support/cloudwatch-double";

const DAY = 86_400;
const END = 1_767_225_600; // 2026-01-01T00:00:00Z, a multiple of every period used here
const WEEK: MetricWindow = { start: END - 7 * DAY, end: END };

function cpuMetric(instance: number, period = 300): WatchedMetric {
  return {
    detector: "cpu",
    namespace: "AWS/EC2",
    metricName: "CPUUtilization",
    dimensions: { InstanceId: `i-${instance.toString(16).padStart(17, "0")}` },
    stat: "Average",
    period,
  };
}

/** Stores a week of points for a metric: value = instance number + point index / 10000. */
function store(
  double: CloudWatchDouble,
  metric: WatchedMetric,
  instance: number,
  name = metric.metricName,
): void {
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let t = WEEK.start; t < WEEK.end; t += metric.period) {
    timestamps.push(t);
    values.push(instance + timestamps.length / 10_000);
  }
  double.series.push({
    namespace: metric.namespace,
    metricName: name,
    dimensions: metric.dimensions,
    timestamps,
    values,
  });
}

let double: CloudWatchDouble;
let restore: () => void;

beforeAll(async () => {
  double = await startCloudWatchDouble();
  restore = saveAwsEnvironment();
  useDummyAwsEnvironment({ AWS_ENDPOINT_URL_CLOUDWATCH: double.endpoint });
});

afterAll(async () => {
  restore();
  await double.stop();
});

beforeEach(() => {
  double.series.length = 0;
  double.calls.length = 0;
  Object.assign(double.behaviour, { pageDatapoints: 100_800, throttleNext: 0, stall: false, listPage: 500 });
  double.behaviour.forbidden.clear();
  double.behaviour.partial.clear();
});

describe("planBatches", () => {
  it("keeps every call within 500 metrics and 100,800 datapoints", () => {
    const week5min = Array.from({ length: 120 }, (_, i) => cpuMetric(i));
    expect(expectedDatapoints(week5min[0]!, WEEK)).toBe(2016);
    expect(planBatches(week5min, WEEK).map((b) => b.length)).toEqual([50, 50, 20]);
    const weekHourly = Array.from({ length: 1_100 }, (_, i) => cpuMetric(i, 3600));
    expect(planBatches(weekHourly, WEEK).map((b) => b.length)).toEqual([500, 500, 100]);
    for (const batch of [...planBatches(week5min, WEEK), ...planBatches(weekHourly, WEEK)]) {
      expect(batch.length).toBeLessThanOrEqual(GET_METRIC_DATA_LIMITS.metrics);
    }
    const oneMinute = [cpuMetric(1, 60), cpuMetric(2, 60)]; // 10,080 points each
    expect(planBatches(oneMinute, WEEK)).toEqual([[0, 1]]);
  });
});

describe("CloudWatchMetricSource", () => {
  it("sends GetMetricData in AWS JSON 1.0 and returns each metric's points in time order", async () => {
    const metrics = [cpuMetric(1), cpuMetric(2)];
    store(double, metrics[0]!, 1);
    store(double, metrics[1]!, 2);
    const result = await new CloudWatchMetricSource().read(metrics, WEEK);
    expect(result.unread).toEqual([]);
    expect(result.calls).toBe(1);
    const [call] = double.calls;
    expect(call!.operation).toBe("GetMetricData");
    expect(call!.headers["x-amz-target"]).toBe("GraniteServiceVersion20100801.GetMetricData");
    expect(call!.body).toMatchObject({
      StartTime: WEEK.start,
      EndTime: WEEK.end,
      ScanBy: "TimestampAscending",
    });
    expect(call!.body.MetricDataQueries).toEqual([
      {
        Id: "m0",
        ReturnData: true,
        MetricStat: {
          Metric: {
            Namespace: "AWS/EC2",
            MetricName: "CPUUtilization",
            Dimensions: [{ Name: "InstanceId", Value: metrics[0]!.dimensions.InstanceId }],
          },
          Period: 300,
          Stat: "Average",
        },
      },
      expect.objectContaining({ Id: "m1" }),
    ]);
    for (const [i, data] of result.data.entries()) {
      expect(data!.timestamps.length).toBe(2016);
      expect(data!.timestamps[0]).toBe(WEEK.start);
      expect(data!.timestamps[2015]).toBe(WEEK.end - 300);
      expect(data!.values[0]).toBeCloseTo(i + 1 + 1 / 10_000, 9);
      expect(data!.partial).toBe(false);
    }
  });

  it("batches 55 weekly 5-minute metrics into 2 calls within the limits", async () => {
    const metrics = Array.from({ length: 55 }, (_, i) => cpuMetric(i));
    for (const [i, m] of metrics.entries()) store(double, m, i);
    const result = await new CloudWatchMetricSource().read(metrics, WEEK);
    expect(result.unread).toEqual([]);
    expect(double.calls.map((c) => (c.body.MetricDataQueries as unknown[]).length).sort()).toEqual([5, 50]);
    expect(
      result.data.every((d, i) => d!.timestamps.length === 2016 && Math.floor(d!.values[0]!) === i),
    ).toBe(true);
  });

  it("follows NextToken until every page is read", async () => {
    double.behaviour.pageDatapoints = 1_000;
    const metrics = [cpuMetric(1), cpuMetric(2), cpuMetric(3)];
    for (const [i, m] of metrics.entries()) store(double, m, i);
    const result = await new CloudWatchMetricSource().read(metrics, WEEK);
    expect(result.unread).toEqual([]);
    expect(result.calls).toBe(Math.ceil((3 * 2016) / 1000));
    expect(double.calls.slice(1).every((c) => typeof c.body.NextToken === "string")).toBe(true);
    for (const data of result.data) {
      expect(data!.timestamps.length).toBe(2016);
      expect(data!.partial).toBe(false);
      expect([...data!.timestamps].every((t, i, all) => i === 0 || t - all[i - 1]! === 300)).toBe(true);
    }
  });

  it("keeps what PartialData gave, marked partial, and reports Forbidden metrics unread", async () => {
    const partial = { ...cpuMetric(1), metricName: "NetworkIn", detector: "network", stat: "Sum" };
    const forbidden = { ...cpuMetric(2), metricName: "Secret" };
    const fine = cpuMetric(3);
    store(double, partial, 1);
    store(double, forbidden, 2);
    store(double, fine, 3);
    double.behaviour.partial.add("NetworkIn");
    double.behaviour.forbidden.add("Secret");
    const result = await new CloudWatchMetricSource().read([partial, forbidden, fine], WEEK);
    expect(result.data[0]!.partial).toBe(true);
    expect(result.data[0]!.timestamps.length).toBe(1008);
    expect(result.data[1]).toBeUndefined();
    expect(result.unread).toEqual([
      { index: 1, reason: "CloudWatch answered Forbidden (Forbidden: not authorized)" },
    ]);
    expect(result.data[2]!.timestamps.length).toBe(2016);
  });

  it("retries throttled calls (the SDK's standard retry), and reports the metrics unread when throttling outlasts it", async () => {
    store(double, cpuMetric(1), 1);
    double.behaviour.throttleNext = 2;
    const retried = await new CloudWatchMetricSource().read([cpuMetric(1)], WEEK);
    expect(retried.unread).toEqual([]);
    expect(retried.data[0]!.timestamps.length).toBe(2016);
    expect(double.calls).toHaveLength(3);

    double.calls.length = 0;
    double.behaviour.throttleNext = 3;
    const given = await new CloudWatchMetricSource().read([cpuMetric(1)], WEEK);
    expect(double.calls).toHaveLength(3);
    expect(given.unread).toHaveLength(1);
    expect(given.unread[0]!.reason).toMatch(/^GetMetricData failed: .*Rate exceeded/);
  });

  it("gives up on a stalled endpoint when the run's deadline passes, reporting every metric unread", async () => {
    const metrics = Array.from({ length: 60 }, (_, i) => cpuMetric(i));
    double.behaviour.stall = true;
    const started = performance.now();
    const result = await new CloudWatchMetricSource().read(metrics, WEEK, AbortSignal.timeout(300));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(3_000);
    expect(result.data.every((d) => d === undefined)).toBe(true);
    expect(result.unread.map((u) => u.index)).toEqual(metrics.map((_, i) => i));
    expect(new Set(result.unread.map((u) => u.reason))).toEqual(
      new Set(["the run's deadline passed before this metric was read"]),
    );
  });

  it("lists the recently active dimension sets of a metric over every ListMetrics page", async () => {
    double.behaviour.listPage = 2;
    for (let i = 0; i < 5; i++) store(double, cpuMetric(i, 3600), i);
    store(double, { ...cpuMetric(9, 3600), metricName: "NetworkIn" }, 9);
    const active = await new CloudWatchMetricSource().recentlyActive("AWS/EC2", "CPUUtilization");
    expect(active).toEqual(Array.from({ length: 5 }, (_, i) => cpuMetric(i).dimensions));
    const lists = double.calls.filter((c) => c.operation === "ListMetrics");
    expect(lists).toHaveLength(3);
    expect(lists[0]!.body).toEqual({
      Namespace: "AWS/EC2",
      MetricName: "CPUUtilization",
      RecentlyActive: "PT3H",
    });
  });
});
