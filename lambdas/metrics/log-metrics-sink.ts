/** Metrics adapter for local mode: one structured log line per record. */
import { METRIC_NAMES } from "../runtime/environment-names";
import type { Logger } from "../runtime/logger";
import { type DetectorMetrics, type MetricsSink, presentMetrics } from "./metrics-sink";

/** Logs each record as `{"message": "metrics", "detector": ..., "metrics": {"Predictions": 1, ...}}`. */
export class LogMetricsSink implements MetricsSink {
  /** @param logger receives the metrics lines */
  constructor(private readonly logger: Logger) {}

  /** Logs the record. */
  record(metrics: DetectorMetrics): void {
    const present = presentMetrics(metrics);
    if (present.length === 0) return;
    const values = Object.fromEntries(present.map(([key, value]) => [METRIC_NAMES[key], value]));
    this.logger.log("info", "metrics", { detector: metrics.detector, metrics: values });
  }

  /** Nothing is buffered. */
  async flush(): Promise<void> {}
}
