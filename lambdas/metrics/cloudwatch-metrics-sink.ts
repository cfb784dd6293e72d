/**
 * Metrics adapter that calls PutMetricData. Records are aggregated in memory (one statistic set
 * per detector and metric) and sent on a timer, off the response path, in one batched call.
 * A failed call is logged and its data dropped: metrics must never fail or slow a prediction.
 */
import { CloudWatchClient, type MetricDatum, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { METRIC_NAMES, METRICS_NAMESPACE } from "../runtime/environment-names";
import { describeError, type Logger } from "../runtime/logger";
import {
  type DetectorMetrics,
  METRIC_UNITS,
  type MetricKey,
  type MetricsSink,
  presentMetrics,
} from "./metrics-sink";

/** How long records are gathered before one PutMetricData call. */
const DEFAULT_FLUSH_INTERVAL_MS = 5_000;

/** PutMetricData accepts at most this many data in one call. */
const MAX_DATA_PER_CALL = 1_000;

interface Aggregate {
  detector: string;
  key: MetricKey;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** Options for the CloudWatch sink; defaults suit a long-running local server. */
export interface CloudWatchMetricsOptions {
  /** Gathering period before a flush, in milliseconds (default 5000). */
  readonly flushIntervalMs?: number;
  /** Injected by tests; by default one client with bounded timeouts. */
  readonly client?: CloudWatchClient;
}

/** Aggregates records and sends them with PutMetricData on a timer. */
export class CloudWatchMetricsSink implements MetricsSink {
  private readonly client: CloudWatchClient;
  private readonly flushIntervalMs: number;
  private pending = new Map<string, Aggregate>();
  private timer: NodeJS.Timeout | undefined;

  /** @param logger receives a line when a flush fails */
  constructor(
    private readonly logger: Logger,
    options: CloudWatchMetricsOptions = {},
  ) {
    this.client =
      options.client ??
      new CloudWatchClient({
        maxAttempts: 2,
        // Without throwOnRequestTimeout the SDK only warns when requestTimeout passes.
        requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
      });
    this.flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  }

  /** Adds the record to the pending statistic sets and schedules a flush. */
  record(metrics: DetectorMetrics): void {
    for (const [key, value] of presentMetrics(metrics)) {
      const id = `${metrics.detector}\u0000${key}`;
      const aggregate = this.pending.get(id);
      if (aggregate) {
        aggregate.count += 1;
        aggregate.sum += value;
        aggregate.min = Math.min(aggregate.min, value);
        aggregate.max = Math.max(aggregate.max, value);
      } else {
        this.pending.set(id, {
          detector: metrics.detector,
          key,
          count: 1,
          sum: value,
          min: value,
          max: value,
        });
      }
    }
    if (this.pending.size > 0 && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushIntervalMs);
      // A pending flush must not keep a process (or a test run) alive.
      this.timer.unref();
    }
  }

  /** Sends everything pending now; failures are logged, never thrown. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    const timestamp = new Date();
    const data: MetricDatum[] = batch.map((a) => ({
      MetricName: METRIC_NAMES[a.key],
      Dimensions: [{ Name: "Detector", Value: a.detector }],
      StatisticValues: { SampleCount: a.count, Sum: a.sum, Minimum: a.min, Maximum: a.max },
      Unit: METRIC_UNITS[a.key],
      Timestamp: timestamp,
    }));
    for (let start = 0; start < data.length; start += MAX_DATA_PER_CALL) {
      const chunk = data.slice(start, start + MAX_DATA_PER_CALL);
      try {
        await this.client.send(new PutMetricDataCommand({ Namespace: METRICS_NAMESPACE, MetricData: chunk }));
      } catch (error) {
        this.logger.log("warn", "PutMetricData failed; these metrics are dropped", {
          error: describeError(error),
          dropped: chunk.length,
        });
      }
    }
  }
}
