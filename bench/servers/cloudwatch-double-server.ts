/**
 * The CloudWatch test double in its own process, so that the benchmark's CPU figures are the
 * watcher's alone: argv = metrics, days, period. It stores that many CPUUtilization series
 * (InstanceId i-0…0<n>) and prints {"endpoint": ...} on its first line; stdin closing stops it.
 */
import { startCloudWatchDouble } from "../../test/support/cloudwatch-double";
import { benchSeries } from "../watcher-series";

async function main(): Promise<void> {
  const [metrics = "500", days = "7", period = "300"] = process.argv.slice(2);
  const double = await startCloudWatchDouble();
  for (const { metric, series } of benchSeries(Number(metrics), Number(days), Number(period))) {
    double.series.push({
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: metric.dimensions,
      timestamps: Array.from(series.timestamps),
      values: Array.from(series.values),
    });
  }
  process.stdout.write(`${JSON.stringify({ endpoint: double.endpoint })}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => void double.stop().then(() => process.exit(0)));
}

void main();
