#!/usr/bin/env node
/**
 * `npm run bench:watcher [-- --quick] [-- --metrics N] [-- --pass-through]`: one watcher run over 500 metrics × 7 days
 * at 5 minutes (1,008,000 points), read over the wire with the real CloudWatch client from the
 * CloudWatch double (in its own process, so the CPU figures are the watcher's alone), scored and
 * put through the incident rule, three times; with --pass-through the scorer is replaced by one that
 * flags nothing, to see what the watcher costs around the series core. Reports the CPU per run, what that is on a 1,024 MB
 * function (which gets 1024/1769 of a vCPU), and the monthly cost of watching 100 instances.
 * Writes bench/results/watcher.json (a temporary folder with --quick).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { CloudWatchMetricSource } from "../lambdas/metric-source/cloudwatch-metric-source";
import { runWindow } from "../lambdas/watcher/run-window";
import type { SeriesScorePoint, SeriesScorer, SeriesScorers } from "../lambdas/watcher/series-scorer";
import { loadSeriesScorers } from "../lambdas/watcher/series-scorers";
import { TAG_METRICS } from "../lambdas/watcher/watch-config";
import { watchRun } from "../lambdas/watcher/watch-run";
import { saveAwsEnvironment, useDummyAwsEnvironment } from "../test/support/aws-environment";
import { FULL_VCPU_MEMORY_MB } from "./cost-model";
import { describeMachine } from "./machine";
import { median } from "./stats";
import { DEFAULT_WATCHER_PRICES, watcherMonthlyCost } from "./watcher-cost";
import { BENCH_END, benchSeries } from "./watcher-series";

const DAYS = 7;
const PERIOD = 300;
const MEMORY_MB = 1024;
const TARGET_SECONDS = 30;

/** Scores nothing (every point normal, expected = its value): what the run costs around the scorer. */
const passThrough: SeriesScorer = {
  model: "pass-through",
  threshold: 1,
  async score(timestamps, values) {
    const points: SeriesScorePoint[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      points[i] = {
        t: timestamps[i]!,
        value: values[i]!,
        score: 0,
        anomaly: 0,
        expected: [values[i]!, values[i]!],
      };
    }
    return points;
  },
  incidents: () => [],
};

async function startDouble(metrics: number): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(__dirname, "servers", "cloudwatch-double-server.ts"),
      String(metrics),
      String(DAYS),
      String(PERIOD),
    ],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const { endpoint } = JSON.parse(line) as { endpoint: string };
  return {
    endpoint,
    async stop() {
      const exited = once(child, "exit");
      child.stdin!.end();
      await exited;
    },
  };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const metricsArg = args.indexOf("--metrics");
  const count = metricsArg >= 0 ? Number(args[metricsArg + 1]) : quick ? 50 : 500;
  const rounds = quick ? 1 : 3;
  const passThroughOnly = args.includes("--pass-through");
  const machine = describeMachine();
  const double = await startDouble(count);
  const restore = saveAwsEnvironment();
  useDummyAwsEnvironment({ AWS_ENDPOINT_URL_CLOUDWATCH: double.endpoint });
  try {
    const metrics = benchSeries(count, DAYS, PERIOD).map((b) => b.metric);
    const source = new CloudWatchMetricSource();
    // The series model from models/, checksum-verified, bound to the series core: what the function runs.
    const scorers: SeriesScorers = passThroughOnly
      ? new Map([["cpu", passThrough]])
      : await loadSeriesScorers({});
    const scorerName = scorers.get("cpu")!.model;
    const window = runWindow(BENCH_END + 300, { scheduleSeconds: 300, historySeconds: DAYS * 86_400 });
    const runs: { cpuS: number; wallS: number; points: number; calls: number; unread: number }[] = [];
    for (let round = 0; round < rounds; round++) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const report = await watchRun(metrics, window, { source, scorers });
      runs.push({
        cpuS: cpuSeconds(cpu),
        wallS: (performance.now() - started) / 1000,
        points: report.outcomes.reduce((n, o) => n + o.points, 0),
        calls: report.calls,
        unread: report.unread.length,
      });
      process.stderr.write(`[bench:watcher] round ${round + 1}: ${JSON.stringify(runs.at(-1))}\n`);
    }
    const cpuS = median(runs.map((r) => r.cpuS));
    const lambdaS = cpuS * (FULL_VCPU_MEMORY_MB / MEMORY_MB);
    const instances = 100;
    const cost = watcherMonthlyCost({
      metrics: instances * TAG_METRICS.length,
      scheduleMinutes: 5,
      cpuSecondsPerRun: (cpuS * (instances * TAG_METRICS.length)) / count,
      memoryMb: MEMORY_MB,
    });
    const results = {
      machine,
      scenario: {
        metrics: count,
        days: DAYS,
        periodSeconds: PERIOD,
        pointsPerRun: runs[0]!.points,
        scorer: passThrough.model,
      },
      runs,
      medianCpuSeconds: cpuS,
      lambdaSecondsAt1024Mb: lambdaS,
      targetSeconds: TARGET_SECONDS,
      cost100Instances: {
        metrics: instances * TAG_METRICS.length,
        scheduleMinutes: 5,
        ...cost,
        prices: DEFAULT_WATCHER_PRICES,
      },
    };
    const dir = quick ? mkdtempSync(join(tmpdir(), "helios-bench-watcher-")) : join(__dirname, "results");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, passThroughOnly ? "watcher-pass-through.json" : "watcher.json");
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      `${count} metrics × ${DAYS} days at ${PERIOD / 60} min: ${runs[0]!.points} points, ${runs[0]!.calls} GetMetricData calls; ` +
        `CPU per run ${cpuS.toFixed(2)} s (median of ${rounds}; wall ${median(runs.map((r) => r.wallS)).toFixed(2)} s) = ${lambdaS.toFixed(1)} s on a ${MEMORY_MB} MB function (target ≤ ${TARGET_SECONDS} s; scorer ${scorerName})`,
    );
    console.log(
      `100 instances (400 metrics) every 5 min: ${Math.round(cost.runsPerMonth)} runs, ${Math.round(cost.metricsRequestedPerMonth).toLocaleString("en-US")} metrics requested a month: GetMetricData $${cost.getMetricData.toFixed(2)}, Lambda $${(cost.lambdaCompute + cost.lambdaRequests).toFixed(2)}, Scheduler $${cost.scheduler.toFixed(3)}, total $${cost.total.toFixed(2)} a month`,
    );
    console.log(`results: ${file}`);
  } finally {
    restore();
    await double.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
