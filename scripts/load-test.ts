/**
 * `npm run load`: the local API under 64 concurrent connections for 30 s (after a 5 s warm-up),
 * on 127.0.0.1 only, with the server in a child process. Prints the figures and exits 1 on any
 * 5xx, any dropped request, or resident memory growing more than 10 % between the first and last
 * 10 s. Options: --connections N, --duration S, --warm-up S, --window S.
 */
import { parseArgs } from "node:util";
import { loadProblems, runLocalApiLoad } from "../test/load/local-api-load";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "64" },
    duration: { type: "string", default: "30" },
    "warm-up": { type: "string", default: "5" },
    window: { type: "string", default: "10" },
  },
});

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} must be a positive number, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  const options = {
    connections: Math.round(positive("connections", values.connections)),
    durationSeconds: positive("duration", values.duration),
    warmUpSeconds: Number(values["warm-up"]),
    windowSeconds: positive("window", values.window),
  };
  if (options.windowSeconds * 2 > options.durationSeconds) {
    throw new Error("--window must be at most half of --duration (the first and last windows are compared)");
  }
  process.stdout.write(
    `load: ${options.connections} connections for ${options.durationSeconds} s (after ${options.warmUpSeconds} s warm-up) on 127.0.0.1\n`,
  );
  const report = await runLocalApiLoad(options);
  const { rss } = report;
  const lines = [
    `requests:  ${report.completed} answered of ${report.sent} sent, ${report.requestsPerSecond.toFixed(0)} req/s`,
    `latency:   p50 ${report.latencyP50Ms} ms, p99 ${report.latencyP99Ms} ms, max ${report.latencyMaxMs} ms`,
    `statuses:  ${JSON.stringify(report.statuses)}`,
    `failures:  errors ${report.errors}, timeouts ${report.timeouts}, non-2xx ${report.non2xx}, not a prediction ${report.mismatches}`,
    `memory:    first ${options.windowSeconds} s ${rss.firstWindowMb.toFixed(1)} MB, last ${options.windowSeconds} s ${rss.lastWindowMb.toFixed(1)} MB (${(rss.growth * 100).toFixed(1)} %), max ${rss.maxMb.toFixed(1)} MB, ${rss.samples} samples`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  const problems = loadProblems(report);
  if (problems.length > 0) {
    process.stdout.write(`FAIL\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write("PASS: no 5xx, nothing dropped, memory within 10 %\n");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `load test failed to run: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
