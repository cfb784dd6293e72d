/**
 * `npx tsx bench/login-events.ts [--events N]`: what one sign-in event costs the login core.
 *   1. In-process with the local file store (local mode), on the state a week of a held-out
 *      population leaves (200 users, their addresses): p50/p90/p99 of scoring one event per call,
 *      next to the same core with the state kept in memory, to show what the store costs.
 *   2. DynamoDB round trips per event, counted on the wire: dynalite on 127.0.0.1 behind a counting
 *      HTTP proxy, for single-event requests, batches, and two instances racing on one user.
 * Everything runs on 127.0.0.1. Figures go to stdout as Markdown (docs/benchmarks.md quotes them).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as ort from "onnxruntime-node";
import { type LoginEventsModel, scoreSignIns } from "../lambdas/detection/login/score-sign-ins";
import type { SignInEvent } from "../lambdas/detection/login/sign-in-event";
import { DynamoDbStateStore } from "../lambdas/state/dynamodb-state-store";
import { FileStateStore } from "../lambdas/state/file-state-store";
import type { JsonObject, StateStore, StoredRecord } from "../lambdas/state/state-store";
import type { ModelManifest } from "../models/manifest-schema";
import {
  generatePopulation,
  HELD_OUT_POPULATIONS,
  HISTORY_DAYS,
} from "../models/training/login/sign-in-populations";
import { startDynalite } from "../test/support/dynalite-server";
import { dynaliteClient, newStateTable } from "../test/support/dynalite-table";
import { summarize } from "./stats";

const ROOT = join(__dirname, "..");

async function openModel(): Promise<LoginEventsModel> {
  ort.env.logLevel = "error";
  const manifest: ModelManifest = JSON.parse(readFileSync(join(ROOT, "models", "manifest.json"), "utf8"));
  const entry = manifest.models["login-events"]!;
  const session = await ort.InferenceSession.create(join(ROOT, "models", entry.file), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  return { session, decision: entry.decision };
}

/** A StateStore kept in a Map: the core's cost without any store. */
class MemoryStore implements StateStore {
  private readonly records = new Map<string, { value: JsonObject; version: number }>();
  async read(keys: readonly string[]): Promise<Map<string, StoredRecord>> {
    return new Map(keys.map((k) => [k, this.records.get(k) ?? { value: undefined, version: 0 }]));
  }
  async write(key: string, value: JsonObject, expected: number): Promise<boolean> {
    if ((this.records.get(key)?.version ?? 0) !== expected) return false;
    this.records.set(key, { value, version: expected + 1 });
    return true;
  }
}

/** Scores `events` one per call and returns the microseconds each call took. */
async function perEvent(
  events: readonly SignInEvent[],
  model: LoginEventsModel,
  store: StateStore,
): Promise<number[]> {
  const times: number[] = [];
  for (const event of events) {
    const started = process.hrtime.bigint();
    await scoreSignIns([event], model, { store });
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return times;
}

async function loadHistory(
  events: readonly SignInEvent[],
  model: LoginEventsModel,
  store: StateStore,
): Promise<void> {
  for (let i = 0; i < events.length; i += 1000)
    await scoreSignIns(events.slice(i, i + 1000), model, { store });
}

/** An HTTP proxy in front of dynalite that counts requests by DynamoDB operation. */
async function countingProxy(
  target: string,
): Promise<{ url: string; counts: Map<string, number>; server: Server }> {
  const counts = new Map<string, number>();
  const { hostname, port } = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const operation = String(incoming.headers["x-amz-target"] ?? "?")
      .split(".")
      .pop()!;
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
    const forward = request(
      { hostname, port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, counts, server };
}

function roundTrips(counts: Map<string, number>, events: number): string {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const parts = [...counts.entries()].map(([op, n]) => `${op} ${(n / events).toFixed(2)}`).join(", ");
  return `${(total / events).toFixed(2)} (${parts})`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: "string" } } });
  const measured = Number(values.events ?? 3000);
  const model = await openModel();
  const population = generatePopulation(HELD_OUT_POPULATIONS[0]!);
  const weekEnd = population.settings.start + HISTORY_DAYS * 86_400;
  const all = population.signIns.map((s) => s.event);
  const history = all.filter((e) => e.at < weekEnd);
  const later = all.filter((e) => e.at >= weekEnd).slice(0, measured);

  const folder = mkdtempSync(join(tmpdir(), "helios-bench-login-"));
  const file = join(folder, "state.json");
  const fileStore = new FileStateStore(file);
  const memory = new MemoryStore();
  await loadHistory(history, model, fileStore);
  await loadHistory(history, model, memory);
  const stateBytes = [file, `${file}.journal`].reduce(
    (sum, f) => sum + (existsSync(f) ? statSync(f).size : 0),
    0,
  );
  // Warm both paths, then interleave them in blocks so machine noise falls on both alike.
  await perEvent(later.slice(0, 200), model, new MemoryStore());
  const fileTimes: number[] = [];
  const memoryTimes: number[] = [];
  for (let i = 0; i < later.length; i += 250) {
    const block = later.slice(i, i + 250);
    fileTimes.push(...(await perEvent(block, model, fileStore)));
    memoryTimes.push(...(await perEvent(block, model, memory)));
  }
  rmSync(folder, { recursive: true, force: true });

  const dynalite = await startDynalite();
  const proxy = await countingProxy(dynalite.endpoint);
  const setup = dynaliteClient(dynalite.endpoint);
  const table = await newStateTable(setup, "helios-bench-state");
  const clients = [dynaliteClient(proxy.url), dynaliteClient(proxy.url)];
  const dynamo = clients.map((c) => new DynamoDbStateStore(table, c));
  const rows: string[] = [];
  const sample = later.slice(0, 300);
  proxy.counts.clear();
  let started = performance.now();
  for (const event of sample) await scoreSignIns([event], model, { store: dynamo[0]! });
  const singleMs = (performance.now() - started) / sample.length;
  rows.push(
    `| one event per request (${sample.length} requests) | ${roundTrips(proxy.counts, sample.length)} | ${singleMs.toFixed(2)} ms |`,
  );
  for (const size of [100, 1000]) {
    const batch = later.slice(0, size);
    proxy.counts.clear();
    started = performance.now();
    await scoreSignIns(batch, model, { store: dynamo[1]! });
    rows.push(
      `| one request of ${size} events | ${roundTrips(proxy.counts, batch.length)} | ${((performance.now() - started) / size).toFixed(2)} ms |`,
    );
  }
  const racing = Array.from({ length: 40 }, (_, i) => ({ ...later[0]!, sourceIp: `192.0.2.${i + 1}` }));
  proxy.counts.clear();
  started = performance.now();
  await Promise.all(
    racing.map((e, i) => scoreSignIns([e], model, { store: dynamo[i % 2]!, maxAttempts: 100 })),
  );
  rows.push(
    `| 40 concurrent single-event requests for one user from 2 instances | ${roundTrips(proxy.counts, racing.length)} | ${((performance.now() - started) / racing.length).toFixed(2)} ms |`,
  );
  for (const c of [...clients, setup]) c.destroy();
  proxy.server.close();
  await dynalite.stop();
  await model.session.release();

  const f = summarize(fileTimes);
  const m = summarize(memoryTimes);
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
  process.stdout.write(
    [
      `### One event, in-process (${later.length} events of held-out population ${population.settings.name} after its first week)`,
      "",
      `State after the week: ${history.length} events, ${(stateBytes / 1024).toFixed(0)} KiB on disk (snapshot and journal).`,
      "",
      "| store | p50 | p90 | p99 | mean |",
      "|---|---|---|---|---|",
      `| local file store (local mode) | ${f.p50.toFixed(0)} µs | ${pct(fileTimes, 0.9).toFixed(0)} µs | ${f.p99.toFixed(0)} µs | ${f.mean.toFixed(0)} µs |`,
      `| in memory (the core alone: replay, features, one ONNX run, reasons) | ${m.p50.toFixed(0)} µs | ${pct(memoryTimes, 0.9).toFixed(0)} µs | ${m.p99.toFixed(0)} µs | ${m.mean.toFixed(0)} µs |`,
      "",
      "### DynamoDB round trips per event (counted on the wire, dynalite on 127.0.0.1)",
      "",
      "| requests | round trips per event (by operation) | wall time per event (loopback) |",
      "|---|---|---|",
      ...rows,
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
