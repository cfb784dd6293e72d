/** Shared fixtures of the watcher tests: one EC2 instance's CPU metric and a fixed start of time. */
import type { WatchedMetric } from "../../lambdas/watcher/watch-config";

/** Seconds in a day. */
export const DAY = 86_400;

/** 2026-01-01T00:00:00Z in epoch seconds: a multiple of every schedule and period the tests use. */
export const T0 = 1_767_225_600;

/** CPUUtilization of i-0123456789abcdef0, the watcher's defaults applied. */
export const EC2_CPU: WatchedMetric = {
  detector: "cpu",
  namespace: "AWS/EC2",
  metricName: "CPUUtilization",
  dimensions: { InstanceId: "i-0123456789abcdef0" },
  stat: "Average",
  period: 300,
};
