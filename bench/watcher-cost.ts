/**
 * What watching costs per month: GetMetricData is billed per metric requested, whatever the
 * window, so the cost is metrics × runs; the function's compute is the measured run time. Prices
 * are inputs and the report prints the ones used.
 */
import { DEFAULT_PRICES, FULL_VCPU_MEMORY_MB, type Prices } from "./cost-model";

/** Prices the watcher's cost depends on, in US dollars. */
export interface WatcherPrices extends Prices {
  /** CloudWatch GetMetricData, per 1,000 metrics requested (no free tier). */
  readonly getMetricDataPerThousandMetrics: number;
  /** EventBridge Scheduler, per million invocations (14 million a month free). */
  readonly schedulerPerMillion: number;
}

/** us-east-1 list prices: GetMetricData $0.01 per 1,000 metrics requested; Scheduler $1.00 per million. */
export const DEFAULT_WATCHER_PRICES: WatcherPrices = {
  ...DEFAULT_PRICES,
  getMetricDataPerThousandMetrics: 0.01,
  schedulerPerMillion: 1,
};

/** A monthly estimate. */
export interface WatcherMonthlyCost {
  readonly runsPerMonth: number;
  readonly metricsRequestedPerMonth: number;
  readonly getMetricData: number;
  readonly lambdaCompute: number;
  readonly lambdaRequests: number;
  readonly scheduler: number;
  readonly total: number;
}

/** Days in the month the estimate uses (365 / 12). */
const DAYS_PER_MONTH = 30.4167;

/**
 * Monthly cost of watching `metrics` metrics every `scheduleMinutes`, with one run taking
 * `cpuSecondsPerRun` of CPU on this machine (stretched by 1769 / memory below one full vCPU).
 */
export function watcherMonthlyCost(input: {
  readonly metrics: number;
  readonly scheduleMinutes: number;
  readonly cpuSecondsPerRun: number;
  readonly memoryMb: number;
  readonly prices?: WatcherPrices;
}): WatcherMonthlyCost {
  const prices = input.prices ?? DEFAULT_WATCHER_PRICES;
  const runsPerMonth = (DAYS_PER_MONTH * 24 * 60) / input.scheduleMinutes;
  const metricsRequestedPerMonth = runsPerMonth * input.metrics;
  const getMetricData = (metricsRequestedPerMonth / 1000) * prices.getMetricDataPerThousandMetrics;
  const seconds = input.cpuSecondsPerRun * Math.max(1, FULL_VCPU_MEMORY_MB / input.memoryMb);
  const lambdaCompute = runsPerMonth * seconds * (input.memoryMb / 1024) * prices.lambdaPerGbSecond;
  const lambdaRequests = (runsPerMonth / 1e6) * prices.lambdaPerMillionRequests;
  const scheduler = (runsPerMonth / 1e6) * prices.schedulerPerMillion;
  return {
    runsPerMonth,
    metricsRequestedPerMonth,
    getMetricData,
    lambdaCompute,
    lambdaRequests,
    scheduler,
    total: getMetricData + lambdaCompute + lambdaRequests + scheduler,
  };
}
