/**
 * The CloudWatch metrics the detector runtime emits (namespace "Helios", dimension "Detector"),
 * as CDK metric objects for the alarms and the dashboard.
 */
import { Duration } from "aws-cdk-lib";
import { Metric } from "aws-cdk-lib/aws-cloudwatch";
import type { DetectorSpec } from "../lambdas/catalog";
import { METRIC_NAMES, METRICS_NAMESPACE } from "../lambdas/runtime/environment-names";

/** The dimension that names the detector on every Helios metric. */
export const DETECTOR_DIMENSION = "Detector";

/** Which runtime metric, by its key in METRIC_NAMES. */
export type DetectorMetricKey = keyof typeof METRIC_NAMES;

/** Period of every alarm and dashboard graph; 5 minutes matches EC2 basic monitoring. */
export const METRIC_PERIOD = Duration.minutes(5);

/** A runtime metric of one detector, e.g. its anomalies summed per 5 minutes. */
export function detectorMetric(
  detector: Pick<DetectorSpec, "name">,
  key: DetectorMetricKey,
  statistic = "Sum",
): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: METRIC_NAMES[key],
    dimensionsMap: { [DETECTOR_DIMENSION]: detector.name },
    statistic,
    period: METRIC_PERIOD,
  });
}

/** An EC2 metric of one instance (basic monitoring, 5-minute period). */
export function instanceMetric(instanceId: string, metricName: string, statistic = "Average"): Metric {
  return new Metric({
    namespace: "AWS/EC2",
    metricName,
    dimensionsMap: { InstanceId: instanceId },
    statistic,
    period: METRIC_PERIOD,
  });
}
