/**
 * Finds what a run watches: the `watch` list, plus, with `watchTag`, the running EC2 instances
 * that carry the tag (DescribeInstances, every page) with their CPU, network and EBS metrics.
 * An instance metric that CloudWatch has had no data for in three hours (ListMetrics) is left
 * out: asking GetMetricData for it would cost money and return nothing.
 */
import { DescribeInstancesCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  instanceMetrics,
  metricKey,
  TAG_METRICS,
  type WatchedMetric,
  type WatchPlan,
  type WatchTag,
} from "./watch-config";

/** Finds running instances by tag. */
export interface InstanceFinder {
  /** Ids of the running instances carrying the tag, sorted. */
  findRunning(tag: WatchTag, signal?: AbortSignal): Promise<string[]>;
}

/** Lists the dimension sets of a metric that received data recently (ListMetrics). */
export interface ActiveMetricLister {
  recentlyActive(
    namespace: string,
    metricName: string,
    signal?: AbortSignal,
  ): Promise<Readonly<Record<string, string>>[]>;
}

/** Bounded like the CloudWatch client: a stalled EC2 endpoint must not hold the run. */
export const EC2_CLIENT_OPTIONS = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
} as const;

/** DescribeInstances over every page, filtered by tag and state on the EC2 side. */
export class Ec2InstanceFinder implements InstanceFinder {
  private readonly client: EC2Client;

  /** @param client injected by tests; by default one client per container with bounded timeouts */
  constructor(client?: EC2Client) {
    this.client = client ?? new EC2Client(EC2_CLIENT_OPTIONS);
  }

  /** Ids of the running instances carrying the tag, sorted. */
  async findRunning(tag: WatchTag, signal?: AbortSignal): Promise<string[]> {
    const ids = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new DescribeInstancesCommand({
          Filters: [
            { Name: `tag:${tag.key}`, Values: [tag.value] },
            { Name: "instance-state-name", Values: ["running"] },
          ],
          MaxResults: 1000,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
        { abortSignal: signal },
      );
      for (const reservation of page.Reservations ?? []) {
        for (const instance of reservation.Instances ?? []) {
          if (instance.InstanceId) ids.add(instance.InstanceId);
        }
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return [...ids].sort();
  }
}

/** What a run will watch, and what discovery could not do. */
export interface Targets {
  readonly metrics: readonly WatchedMetric[];
  /** Instances found by tag (empty without a tag). */
  readonly instances: readonly string[];
  /** Instance metrics left out because CloudWatch has no recent data for them. */
  readonly inactive: number;
  /** Problems that did not stop the run (e.g. ListMetrics failed: every instance metric is kept). */
  readonly warnings: readonly string[];
}

/**
 * The metrics of a run: the plan's list first, then each tagged instance's metrics, without
 * repeats. Rejects when the tag cannot be resolved (the run cannot know what to watch).
 */
export async function resolveTargets(
  plan: WatchPlan,
  finder: InstanceFinder,
  lister: ActiveMetricLister | undefined,
  signal?: AbortSignal,
): Promise<Targets> {
  const metrics = [...plan.metrics];
  const seen = new Set(metrics.map(metricKey));
  if (!plan.tag) return { metrics, instances: [], inactive: 0, warnings: [] };

  const instances = await finder.findRunning(plan.tag, signal);
  const warnings: string[] = [];
  let active: Map<string, Set<string>> | undefined;
  if (lister && instances.length > 0) {
    try {
      active = new Map();
      for (const { namespace, metricName } of TAG_METRICS) {
        const found = await lister.recentlyActive(namespace, metricName, signal);
        const ids = new Set(
          found.flatMap((d) => (Object.keys(d).length === 1 && d.InstanceId ? [d.InstanceId] : [])),
        );
        active.set(`${namespace}|${metricName}`, ids);
      }
    } catch (error) {
      active = undefined;
      warnings.push(
        `ListMetrics failed, so every instance metric is read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  let inactive = 0;
  for (const id of instances) {
    for (const metric of instanceMetrics(id)) {
      if (seen.has(metricKey(metric))) continue;
      if (active && !active.get(`${metric.namespace}|${metric.metricName}`)?.has(id)) {
        inactive += 1;
        continue;
      }
      seen.add(metricKey(metric));
      metrics.push(metric);
    }
  }
  return { metrics, instances, inactive, warnings };
}
