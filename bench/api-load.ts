/**
 * Local API throughput and latency under load: autocannon against Helios's local server and, in the
 * same run, against a do-nothing Node server (the ceiling), each in its own child process on
 * 127.0.0.1, with runs interleaved so that both see the same background load. Also the local
 * server's resident memory after warm-up and after the load.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DETECTORS, routeOf } from "../lambdas/catalog";
import { requestBody } from "./bench-items";
import { median, relativeSpread } from "./stats";

/** The part of autocannon's result the benchmark reads (the package ships no types). */
interface AutocannonResult {
  readonly requests: { readonly total: number };
  readonly latency: { readonly p99: number };
  readonly duration: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

/** How much load to apply. */
export interface ApiLoadPlan {
  readonly connections: readonly number[];
  /** Seconds per measured run. */
  readonly durationSeconds: number;
  /** Times each (target, connections) pair is measured, interleaved. */
  readonly repeats: number;
}

/** One target at one connection count: medians over repeats. */
export interface ApiLoadResult {
  /** "baseline" or a detector name. */
  readonly target: string;
  readonly connections: number;
  readonly requestsPerSecond: number;
  /** Median over repeats of (this run's rate / the baseline's rate in the same repeat). */
  readonly fractionOfBaseline: number;
  /** Mean latency, ms: connections / rate (Little's law; autocannon's own figures are whole ms). */
  readonly latencyMeanMs: number;
  /** autocannon's p99, ms (1 ms resolution). */
  readonly latencyP99Ms: number;
  /** CPU time (user + system) the server process spent per request, µs; NaN where /proc is missing. */
  readonly serverCpuUsPerRequest: number;
  /** (max − min) / median of the repeats' rates. */
  readonly spread: number;
  /** Responses that were not 2xx, errors and timeouts, over all repeats (must be 0). */
  readonly failures: number;
}

/** Everything the load benchmark measured. */
export interface ApiLoadResults {
  readonly results: readonly ApiLoadResult[];
  /** The local server's resident set size, in MB. */
  readonly rssAfterWarmUpMb: number;
  readonly rssAfterLoadMb: number;
}

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
}

/** Starts a benchmark server child and waits for its URL. */
async function startServer(script: string): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "servers", script)], {
    cwd: join(__dirname, ".."),
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${stderr}`)), 30_000);
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (chunk) => {
      text += String(chunk);
      if (text.includes("\n")) {
        clearTimeout(timer);
        resolve((JSON.parse(text) as { url: string }).url);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}: ${stderr}`));
    });
  });
  return { url, child };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = once(server.child, "exit");
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Resident set size of a process in MB, from /proc (Linux) or ps. */
export function residentMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    if (Number.isFinite(kb)) return kb / 1024;
  } catch {
    // Not Linux: ps below.
  }
  const { execFileSync }: typeof import("node:child_process") = require("node:child_process");
  return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" }).trim()) / 1024;
}

/** CPU time a process has used so far (user + system), in ms, from /proc (Linux); NaN elsewhere. */
export function processCpuMs(pid: number): number {
  try {
    // Fields after the command name: state is 3rd, utime 14th and stime 15th of the whole line.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream kernel). */
const CLOCK_TICKS_PER_SECOND = 100;

/** One autocannon run against a URL with a POST body. */
function load(url: string, body: string, connections: number, seconds: number): Promise<AutocannonResult> {
  const autocannon: Autocannon = require("autocannon");
  return autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    connections,
    duration: seconds,
  });
}

/** Runs the load benchmark: warm-up, then repeats × connections × (baseline + every detector). */
export async function measureApiLoad(plan: ApiLoadPlan): Promise<ApiLoadResults> {
  const baseline = await startServer("baseline-server.ts");
  const helios = await startServer("helios-server.ts");
  try {
    const targets = [
      { name: "baseline", url: `${baseline.url}${routeOf(DETECTORS[0]!)}`, body: requestBody(DETECTORS[0]!) },
      ...DETECTORS.map((d) => ({ name: d.name, url: `${helios.url}${routeOf(d)}`, body: requestBody(d) })),
    ];
    // Warm-up: every route loads its model and the JIT settles before anything is measured.
    for (const target of targets) {
      const warm = await load(target.url, target.body, 4, 1);
      if (warm.non2xx > 0 || warm.errors > 0) throw new Error(`${target.name}: warm-up requests failed`);
    }
    const rssAfterWarmUpMb = residentMb(helios.child.pid!);

    const runs = new Map<
      string,
      { rates: number[]; fractions: number[]; p99: number[]; cpu: number[]; failures: number }
    >();
    for (let repeat = 0; repeat < plan.repeats; repeat += 1) {
      for (const connections of plan.connections) {
        let baselineRate = Number.NaN;
        for (const target of targets) {
          const pid = (target.name === "baseline" ? baseline : helios).child.pid!;
          const cpuBefore = processCpuMs(pid);
          const result = await load(target.url, target.body, connections, plan.durationSeconds);
          const cpuUsed = processCpuMs(pid) - cpuBefore;
          const rate = result.requests.total / result.duration;
          if (target.name === "baseline") baselineRate = rate;
          const key = `${target.name}@${connections}`;
          const entry = runs.get(key) ?? { rates: [], fractions: [], p99: [], cpu: [], failures: 0 };
          entry.rates.push(rate);
          entry.fractions.push(rate / baselineRate);
          entry.p99.push(result.latency.p99);
          entry.cpu.push((cpuUsed * 1000) / result.requests.total);
          entry.failures += result.non2xx + result.errors + result.timeouts;
          runs.set(key, entry);
        }
      }
    }
    const rssAfterLoadMb = residentMb(helios.child.pid!);
    const results: ApiLoadResult[] = [];
    for (const connections of plan.connections) {
      for (const target of targets) {
        const entry = runs.get(`${target.name}@${connections}`)!;
        results.push({
          target: target.name,
          connections,
          requestsPerSecond: median(entry.rates),
          fractionOfBaseline: median(entry.fractions),
          latencyMeanMs: (connections * 1000) / median(entry.rates),
          latencyP99Ms: median(entry.p99),
          serverCpuUsPerRequest: median(entry.cpu),
          spread: relativeSpread(entry.rates),
          failures: entry.failures,
        });
      }
    }
    return { results, rssAfterWarmUpMb, rssAfterLoadMb };
  } finally {
    await Promise.all([stopServer(baseline), stopServer(helios)]);
  }
}
