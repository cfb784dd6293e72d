/**
 * The load test of the local API: autocannon on 127.0.0.1 against the local server in a child
 * process, with every detector's normal and anomalous readings, alone and in batches, and the
 * child's resident memory sampled throughout. `npm run load` runs it for 30 s; a shorter CI
 * variant runs in Jest (local-api-load.test.ts). Both judge a run with {@link loadProblems}.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DETECTORS, REQUEST_FIELDS, routeOf } from "../../lambdas/catalog";
import { startServerChild, stopServerChild } from "../support/local-server-process";

/** How hard and how long to load the API. */
export interface LoadOptions {
  /** Concurrent connections. */
  readonly connections: number;
  /** Length of the measured run, in seconds. */
  readonly durationSeconds: number;
  /** Load applied first, unmeasured, so that models are loaded and the JIT and heap settle. */
  readonly warmUpSeconds: number;
  /** Length of the first and last windows whose memory is compared, in seconds. */
  readonly windowSeconds: number;
  /** Most requests the measured run may send (a bound besides the duration). Default 2,000,000. */
  readonly maxRequests?: number;
  /** How often the server's memory is sampled, in milliseconds. Default 250. */
  readonly sampleIntervalMs?: number;
}

/** What one load run measured. */
export interface LoadReport {
  readonly connections: number;
  readonly durationSeconds: number;
  /** Requests autocannon sent, and responses it received. */
  readonly sent: number;
  readonly completed: number;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly latencyMaxMs: number;
  /** Responses by status code. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Connection errors (timeouts included), timeouts, non-2xx responses, bodies that were not predictions. */
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly mismatches: number;
  /** The server's resident memory: mean of the first and last windows, in MB, and the growth between them. */
  readonly rss: {
    readonly firstWindowMb: number;
    readonly lastWindowMb: number;
    readonly growth: number;
    readonly maxMb: number;
    readonly samples: number;
  };
}

/** The part of autocannon's result read here (the package ships no types). */
interface AutocannonResult {
  readonly requests: { readonly sent: number; readonly total: number; readonly average: number };
  readonly latency: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly mismatches: number;
  readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
}
interface AutocannonInstance {
  stop(): void;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

/** Largest memory growth allowed between the first and the last window. */
export const MAX_RSS_GROWTH = 0.1;

/** The request mix: for every detector, its normal and anomalous example alone and both in a batch. */
export function requestMix(): {
  method: "POST";
  path: string;
  headers: Record<string, string>;
  body: string;
}[] {
  return DETECTORS.flatMap((detector) => {
    const { single, batch } = REQUEST_FIELDS[detector.input.kind];
    const { normal, anomalous } = detector.examples;
    return [{ [single]: normal }, { [single]: anomalous }, { [batch]: [normal, anomalous, normal] }].map(
      (body) => ({
        method: "POST" as const,
        path: routeOf(detector),
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
  });
}

/** What is wrong with a run (empty when it passed): any 5xx, any dropped request, memory growth. */
export function loadProblems(report: LoadReport): string[] {
  const problems: string[] = [];
  const fiveXx = Object.entries(report.statuses)
    .filter(([status]) => status.startsWith("5"))
    .reduce((sum, [, count]) => sum + count, 0);
  if (fiveXx > 0) problems.push(`${fiveXx} responses were 5xx`);
  if (report.non2xx > 0) problems.push(`${report.non2xx} responses were not 2xx`);
  if (report.errors > 0) problems.push(`${report.errors} requests failed (connection errors or timeouts)`);
  if (report.timeouts > 0) problems.push(`${report.timeouts} requests timed out`);
  if (report.mismatches > 0) problems.push(`${report.mismatches} responses were not predictions`);
  // Only requests still in flight when the run stopped (at most one per connection) may lack an answer.
  if (report.completed < report.sent - report.connections) {
    problems.push(`${report.sent - report.completed} requests sent were never answered`);
  }
  if (report.completed === 0) problems.push("no request was answered");
  if (report.rss.samples < 4) problems.push(`only ${report.rss.samples} memory samples`);
  if (!(report.rss.growth <= MAX_RSS_GROWTH)) {
    problems.push(
      `resident memory grew ${(report.rss.growth * 100).toFixed(1)} % (${report.rss.firstWindowMb.toFixed(1)} → ${report.rss.lastWindowMb.toFixed(1)} MB), over ${MAX_RSS_GROWTH * 100} %`,
    );
  }
  return problems;
}

/** Resident set size of a process in MB: /proc on Linux, else ps. */
export function residentMb(pid: number): number {
  try {
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    if (Number.isFinite(kb)) return kb / 1024;
  } catch {
    // not Linux
  }
  const { execFileSync }: typeof import("node:child_process") = require("node:child_process");
  return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" }).trim()) / 1024;
}

/** One autocannon run, stopped by a watchdog if it outlives its duration by far. */
function autocannonRun(url: string, seconds: number, connections: number, maxRequests: number) {
  const autocannon: Autocannon = require("autocannon");
  return new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        maxOverallRequests: maxRequests,
        timeout: 10,
        requests: requestMix(),
        // Every answer must be a prediction; anything else counts as a mismatch.
        verifyBody: (body: string) => body.includes('"model":"'),
      },
      (error, result) => {
        clearTimeout(watchdog);
        if (error) reject(error);
        else resolve(result);
      },
    );
    const watchdog = setTimeout(() => instance.stop(), (seconds + 20) * 1000);
  });
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Runs the load test: start the server, warm it up, load it while sampling its memory, stop it. */
export async function runLocalApiLoad(options: LoadOptions): Promise<LoadReport> {
  const dir = mkdtempSync(join(tmpdir(), "helios-load-"));
  const { child, url } = await startServerChild(join(dir, "alerts.jsonl"));
  try {
    const maxRequests = options.maxRequests ?? 2_000_000;
    if (options.warmUpSeconds > 0) {
      await autocannonRun(url, options.warmUpSeconds, options.connections, maxRequests);
    }
    const samples: { at: number; mb: number }[] = [];
    const started = performance.now();
    const sample = () =>
      samples.push({ at: (performance.now() - started) / 1000, mb: residentMb(child.pid!) });
    sample();
    const sampler = setInterval(sample, options.sampleIntervalMs ?? 250);
    let result: AutocannonResult;
    try {
      result = await autocannonRun(url, options.durationSeconds, options.connections, maxRequests);
    } finally {
      clearInterval(sampler);
    }
    sample();
    const end = samples.at(-1)!.at;
    const first = samples.filter((s) => s.at <= options.windowSeconds).map((s) => s.mb);
    const last = samples.filter((s) => s.at >= end - options.windowSeconds).map((s) => s.mb);
    const firstWindowMb = mean(first);
    const lastWindowMb = mean(last);
    return {
      connections: options.connections,
      durationSeconds: result.duration,
      sent: result.requests.sent,
      completed: result.requests.total,
      requestsPerSecond: result.requests.total / result.duration,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      statuses: Object.fromEntries(
        Object.entries(result.statusCodeStats).map(([s, { count }]) => [s, Number(count)]),
      ),
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      mismatches: result.mismatches,
      rss: {
        firstWindowMb,
        lastWindowMb,
        growth: lastWindowMb / firstWindowMb - 1,
        maxMb: Math.max(...samples.map((s) => s.mb)),
        samples: samples.length,
      },
    };
  } finally {
    await stopServerChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
}
