/** Metrics adapter: CloudWatch Embedded Metric Format lines on stdout, which Lambda's log pipeline turns into metrics. */
import { METRIC_NAMES, METRICS_NAMESPACE } from "../runtime/environment-names";
import type { LineWriter } from "../runtime/logger";
import { type DetectorMetrics, METRIC_UNITS, type MetricsSink, presentMetrics } from "./metrics-sink";

/** The EMF document for one record, or undefined when it carries no metric. */
export function emfDocument(
  metrics: DetectorMetrics,
  timestamp: number,
): Record<string, unknown> | undefined {
  const present = presentMetrics(metrics);
  if (present.length === 0) return undefined;
  const document: Record<string, unknown> = {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [["Detector"]],
          Metrics: present.map(([key]) => ({ Name: METRIC_NAMES[key], Unit: METRIC_UNITS[key] })),
        },
      ],
    },
    Detector: metrics.detector,
  };
  for (const [key, value] of present) document[METRIC_NAMES[key]] = value;
  return document;
}

/** Writes one EMF line per record. */
export class EmfMetricsSink implements MetricsSink {
  /** @param write receives each EMF line (stdout by default in the runtime) */
  constructor(private readonly write: LineWriter) {}

  /** Writes the record as an EMF line. */
  record(metrics: DetectorMetrics): void {
    const document = emfDocument(metrics, Date.now());
    if (document) this.write(JSON.stringify(document));
  }

  /** Nothing is buffered. */
  async flush(): Promise<void> {}
}
