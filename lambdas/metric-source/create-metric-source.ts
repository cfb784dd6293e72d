/**
 * Builds the watcher's metric source: CloudWatch on AWS, a folder of CSV files for a backtest.
 * The CloudWatch client is loaded only when CloudWatch is chosen.
 */
import { FileMetricSource } from "./file-metric-source";
import type { MetricSource } from "./metric-source";

/** Which metric source, and where. */
export type MetricSourceConfig =
  | { readonly kind: "cloudwatch" }
  | { readonly kind: "files"; readonly dir: string };

/** The metric source the configuration asks for. */
export async function createMetricSource(config: MetricSourceConfig): Promise<MetricSource> {
  if (config.kind === "files") return FileMetricSource.open(config.dir);
  // A plain require keeps the CloudWatch client out of the backtest and stays bundleable.
  const {
    CloudWatchMetricSource,
  }: typeof import("./cloudwatch-metric-source") = require("./cloudwatch-metric-source");
  return new CloudWatchMetricSource();
}
