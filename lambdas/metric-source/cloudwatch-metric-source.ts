/**
 * Metric source adapter for AWS: CloudWatch GetMetricData, batched within the API's limits
 * (500 metrics and 100,800 datapoints per call), following NextToken, a few calls at a time.
 * A call that fails after the SDK's retries (throttling included) marks its metrics unread; a
 * call still running when the run's signal aborts is abandoned, and so is everything after it.
 */
import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandOutput,
  ListMetricsCommand,
  type MetricDataQuery,
} from "@aws-sdk/client-cloudwatch";
import { describeError } from "../runtime/logger";
import type { WatchedMetric } from "../watcher/watch-config";
import type { MetricData, MetricReadResult, MetricSource, MetricWindow, UnreadMetric } from "./metric-source";

/** GetMetricData's limits per call (CloudWatch API reference). */
export const GET_METRIC_DATA_LIMITS = { metrics: 500, datapoints: 100_800 } as const;

/**
 * Bounded so that a slow CloudWatch cannot hold a run past its deadline: three attempts (the
 * SDK backs off between them, longer after throttling), and each attempt gives up when no
 * response starts within its timeouts. throwOnRequestTimeout: without it the SDK only warns.
 */
export const CLOUDWATCH_CLIENT_OPTIONS = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 2_000, requestTimeout: 15_000, throwOnRequestTimeout: true },
} as const;

/** Calls in flight at once: well under GetMetricData's 50 per second, and kind to a small function. */
const DEFAULT_CONCURRENCY = 4;

/** Datapoints a metric can have in a window: one per period. */
export function expectedDatapoints(metric: Pick<WatchedMetric, "period">, window: MetricWindow): number {
  return Math.max(1, Math.ceil((window.end - window.start) / metric.period));
}

/**
 * Splits metrics (by index) into GetMetricData calls: each call asks for at most 500 metrics
 * whose datapoints add up to at most 100,800, so a call normally needs no second page (billing
 * counts metrics per call, so pages cost money too). A metric with more points than one call
 * allows gets a call of its own, and NextToken carries the rest.
 */
export function planBatches(metrics: readonly WatchedMetric[], window: MetricWindow): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let points = 0;
  metrics.forEach((metric, index) => {
    const n = expectedDatapoints(metric, window);
    const full =
      current.length === GET_METRIC_DATA_LIMITS.metrics || points + n > GET_METRIC_DATA_LIMITS.datapoints;
    if (current.length > 0 && full) {
      batches.push(current);
      current = [];
      points = 0;
    }
    current.push(index);
    points += n;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The GetMetricData query for one metric; ids must start with a lowercase letter. */
function queryOf(metric: WatchedMetric, index: number): MetricDataQuery {
  return {
    Id: `m${index}`,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: metric.namespace,
        MetricName: metric.metricName,
        Dimensions: Object.entries(metric.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: metric.period,
      Stat: metric.stat,
    },
  };
}

/** Datapoints gathered for one metric across pages. */
interface Gathered {
  timestamps: number[];
  values: number[];
  partial: boolean;
  problem?: string;
}

/** Sorts one metric's points by time and drops repeated timestamps (pages never overlap, but be safe). */
function finish(gathered: Gathered): MetricData {
  const order = gathered.timestamps
    .map((_, i) => i)
    .sort((a, b) => gathered.timestamps[a]! - gathered.timestamps[b]!);
  const timestamps: number[] = [];
  const values: number[] = [];
  for (const i of order) {
    const t = gathered.timestamps[i]!;
    if (timestamps.length > 0 && timestamps[timestamps.length - 1] === t) continue;
    timestamps.push(t);
    values.push(gathered.values[i]!);
  }
  return {
    timestamps: Float64Array.from(timestamps),
    values: Float64Array.from(values),
    partial: gathered.partial,
  };
}

/** Runs tasks with at most `limit` in flight. */
async function inParallel(
  count: number,
  limit: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/** Reads metrics with GetMetricData. */
export class CloudWatchMetricSource implements MetricSource {
  private readonly client: CloudWatchClient;

  /**
   * @param client injected by tests; by default one client per container with bounded timeouts
   * @param concurrency GetMetricData calls in flight at once
   */
  constructor(
    client?: CloudWatchClient,
    private readonly concurrency = DEFAULT_CONCURRENCY,
  ) {
    this.client = client ?? new CloudWatchClient(CLOUDWATCH_CLIENT_OPTIONS);
  }

  /** Reads every metric in the window; metrics of failed or abandoned calls are reported unread. */
  async read(
    metrics: readonly WatchedMetric[],
    window: MetricWindow,
    signal?: AbortSignal,
  ): Promise<MetricReadResult> {
    const gathered = metrics.map((): Gathered => ({ timestamps: [], values: [], partial: false }));
    const unread: UnreadMetric[] = [];
    const batches = planBatches(metrics, window);
    let calls = 0;
    await inParallel(batches.length, this.concurrency, async (b) => {
      const batch = batches[b]!;
      const queries = batch.map((index) => queryOf(metrics[index]!, index));
      let nextToken: string | undefined;
      try {
        do {
          if (signal?.aborted) throw new Error("the run's deadline passed before this metric was read");
          calls += 1;
          const page: GetMetricDataCommandOutput = await this.client.send(
            new GetMetricDataCommand({
              MetricDataQueries: queries,
              StartTime: new Date(window.start * 1000),
              EndTime: new Date(window.end * 1000),
              ScanBy: "TimestampAscending",
              ...(nextToken ? { NextToken: nextToken } : {}),
            }),
            { abortSignal: signal },
          );
          for (const result of page.MetricDataResults ?? []) {
            const index = Number(result.Id?.slice(1));
            const into = gathered[index];
            if (!into || !batch.includes(index)) continue;
            const times = result.Timestamps ?? [];
            const values = result.Values ?? [];
            for (let i = 0; i < Math.min(times.length, values.length); i++) {
              const value = values[i]!;
              if (!Number.isFinite(value)) continue;
              into.timestamps.push(times[i]!.getTime() / 1000);
              into.values.push(value);
            }
            // PartialData with a NextToken just means "more on the next page"; without one, data is missing.
            if (result.StatusCode === "PartialData" && !page.NextToken) into.partial = true;
            if (result.StatusCode === "InternalError" || result.StatusCode === "Forbidden") {
              const detail = (result.Messages ?? []).map((m) => `${m.Code}: ${m.Value}`).join("; ");
              into.problem = `CloudWatch answered ${result.StatusCode}${detail ? ` (${detail})` : ""}`;
            }
          }
          nextToken = page.NextToken;
        } while (nextToken);
      } catch (error) {
        const reason = signal?.aborted
          ? "the run's deadline passed before this metric was read"
          : `GetMetricData failed: ${describeError(error)}`;
        for (const index of batch) gathered[index]!.problem ??= reason;
      }
    });
    const data = gathered.map((g, index) => {
      if (g.problem !== undefined) {
        unread.push({ index, reason: g.problem });
        return undefined;
      }
      return finish(g);
    });
    unread.sort((a, b) => a.index - b.index);
    return { data, unread, calls };
  }

  /**
   * The dimension sets of a metric that received data in the last three hours (ListMetrics with
   * RecentlyActive, all pages). The watcher uses it to skip instances that report no such metric.
   */
  async recentlyActive(
    namespace: string,
    metricName: string,
    signal?: AbortSignal,
  ): Promise<Readonly<Record<string, string>>[]> {
    const found: Record<string, string>[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListMetricsCommand({
          Namespace: namespace,
          MetricName: metricName,
          RecentlyActive: "PT3H",
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
        { abortSignal: signal },
      );
      for (const metric of page.Metrics ?? []) {
        found.push(Object.fromEntries((metric.Dimensions ?? []).map((d) => [d.Name ?? "", d.Value ?? ""])));
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return found;
  }
}
