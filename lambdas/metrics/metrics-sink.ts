/**
 * The metrics port: per-detector counts and latency in the Helios namespace with a Detector
 * dimension. Adapters: CloudWatch Embedded Metric Format on stdout (what the stack uses: no API call),
 * batched PutMetricData off the response path, or a plain log line (local default).
 */
import type { LineWriter, Logger } from "../runtime/logger";
import type { MetricsKind } from "../runtime/runtime-config";
import { EmfMetricsSink } from "./emf-metrics-sink";
import { LogMetricsSink } from "./log-metrics-sink";

/** The metrics of one request (or one event such as a failed model load) of one detector. */
export interface DetectorMetrics {
  readonly detector: string;
  /** Items predicted (a batch counts each item). */
  readonly predictions?: number;
  /** Items decided anomalous. */
  readonly anomalies?: number;
  /** Alerts that could not be delivered. */
  readonly alertFailures?: number;
  /** Failed attempts to load the model. */
  readonly modelLoadFailures?: number;
  /** Time the handler spent on the request, in milliseconds. */
  readonly latency?: number;
}

/** The numeric fields of DetectorMetrics, i.e. the keys of METRIC_NAMES. */
export type MetricKey = Exclude<keyof DetectorMetrics, "detector">;

/** CloudWatch unit of each metric. */
export const METRIC_UNITS: Readonly<Record<MetricKey, "Count" | "Milliseconds">> = {
  predictions: "Count",
  anomalies: "Count",
  alertFailures: "Count",
  modelLoadFailures: "Count",
  latency: "Milliseconds",
};

/** Records metrics; never throws into the request path. */
export interface MetricsSink {
  record(metrics: DetectorMetrics): void;
  /** Sends anything buffered (a no-op for sinks that write immediately). */
  flush(): Promise<void>;
}

/**
 * The expression a bundle's build replaces (esbuild `define`) with the one metrics kind it is
 * built for. Outside such a bundle (local mode, tests) it is unset and every kind is available.
 */
const BUNDLED_METRICS_EXPRESSION = "process.env.HELIOS_BUNDLED_METRICS";

/**
 * The esbuild `define` for a bundle that serves only `kind`. With "emf" (the stack's detector
 * functions) the CloudWatch adapter and its client (about 55 KB minified) are left out.
 */
export function metricsBundleDefine(kind: MetricsKind): Record<string, string> {
  return { [BUNDLED_METRICS_EXPRESSION]: JSON.stringify(kind) };
}

/** Builds the metrics sink the configuration asks for. */
export function createMetricsSink(kind: MetricsKind, logger: Logger, write: LineWriter): MetricsSink {
  switch (kind) {
    case "emf":
      return new EmfMetricsSink(write);
    case "log":
      return new LogMetricsSink(logger);
    case "cloudwatch": {
      // Written out (not through a helper) so that esbuild folds the condition to false in a
      // bundle built for another kind and drops the require, and the client, from it.
      if (
        process.env.HELIOS_BUNDLED_METRICS === undefined ||
        process.env.HELIOS_BUNDLED_METRICS === "cloudwatch"
      ) {
        // A plain require keeps the CloudWatch client out of the other modes and stays bundleable.
        const {
          CloudWatchMetricsSink,
        }: typeof import("./cloudwatch-metrics-sink") = require("./cloudwatch-metrics-sink");
        return new CloudWatchMetricsSink(logger);
      }
      // Metrics still reach CloudWatch, as log lines it turns into metrics.
      logger.log(
        "warn",
        "HELIOS_METRICS=cloudwatch is not in this bundle; writing EMF metric lines instead",
        {
          bundledMetrics: process.env.HELIOS_BUNDLED_METRICS,
        },
      );
      return new EmfMetricsSink(write);
    }
  }
}

/** The metrics present in a record, as [key, value] pairs. */
export function presentMetrics(metrics: DetectorMetrics): [MetricKey, number][] {
  return (Object.keys(METRIC_UNITS) as MetricKey[])
    .filter((key) => typeof metrics[key] === "number" && Number.isFinite(metrics[key]))
    .map((key) => [key, metrics[key] as number]);
}
