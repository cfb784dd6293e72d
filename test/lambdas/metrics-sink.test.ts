/**
 * Choosing the metrics adapter: every kind in local mode (no bundle), and in a bundle built for
 * EMF (esbuild replaces HELIOS_BUNDLED_METRICS, simulated here by setting it) a request for
 * PutMetricData falls back to EMF lines, which still reach CloudWatch, with a warning.
 */
import { CloudWatchMetricsSink } from "../../lambdas/metrics/cloudwatch-metrics-sink";
import { EmfMetricsSink } from "../../lambdas/metrics/emf-metrics-sink";
import { LogMetricsSink } from "../../lambdas/metrics/log-metrics-sink";
import { createMetricsSink, metricsBundleDefine } from "../../lambdas/metrics/metrics-sink";
import { createLogger } from "../../lambdas/runtime/logger";
import { lineCollector } from "../support/lambda-events";

const VARIABLE = "HELIOS_BUNDLED_METRICS";

afterEach(() => {
  delete process.env[VARIABLE];
});

describe("createMetricsSink", () => {
  it("builds each kind outside a bundle, PutMetricData included", async () => {
    const output = lineCollector();
    const logger = createLogger(output.write);
    expect(createMetricsSink("emf", logger, output.write)).toBeInstanceOf(EmfMetricsSink);
    expect(createMetricsSink("log", logger, output.write)).toBeInstanceOf(LogMetricsSink);
    const cloudWatch = createMetricsSink("cloudwatch", logger, output.write);
    expect(cloudWatch).toBeInstanceOf(CloudWatchMetricsSink);
    await cloudWatch.flush(); // nothing recorded: no call, and its timer is not left running
    expect(output.lines).toEqual([]);
  });

  it("in a bundle built for EMF, answers a cloudwatch request with EMF lines and a warning", () => {
    process.env[VARIABLE] = "emf";
    const output = lineCollector();
    const sink = createMetricsSink("cloudwatch", createLogger(output.write), output.write);
    expect(sink).toBeInstanceOf(EmfMetricsSink);
    expect(output.lines).toEqual([
      expect.objectContaining({
        level: "warn",
        message: "HELIOS_METRICS=cloudwatch is not in this bundle; writing EMF metric lines instead",
        bundledMetrics: "emf",
      }),
    ]);
    sink.record({ detector: "cpu", predictions: 1 });
    expect(output.lines[1]).toHaveProperty("_aws.CloudWatchMetrics");
  });

  it("builds PutMetricData in a bundle built for it", () => {
    process.env[VARIABLE] = "cloudwatch";
    const output = lineCollector();
    expect(createMetricsSink("cloudwatch", createLogger(output.write), output.write)).toBeInstanceOf(
      CloudWatchMetricsSink,
    );
  });

  it("defines the bundle's kind as the expression the factory reads", () => {
    expect(metricsBundleDefine("emf")).toEqual({ [`process.env.${VARIABLE}`]: '"emf"' });
  });
});
