#!/usr/bin/env node
/**
 * `npm run bench`: measures Helios against the targets of issue 6 and writes the figures down.
 *   npm run bench                       full run (a few minutes): bench/results/latest.json,
 *                                       bench/results/latency.svg and docs/benchmarks.md
 *   npm run bench -- --quick            smoke run (about a minute), written to a temporary folder
 *   npm run bench -- --assembly <dir>   reuse a `cdk synth` output instead of synthesizing
 *   npm run bench -- --out <dir>        write the JSON and chart there (the doc is then not touched)
 *   npm run bench -- --render <json>    measure nothing: redraw the chart and docs/benchmarks.md from a
 *                                       results file (after editing the report's wording)
 *   npm run bench -- --series           only the series scoring (about a minute): bench/results/series.json
 *                                       and the series section of docs/benchmarks.md
 * Everything runs on 127.0.0.1; the run stops itself after RUN_LIMIT_MS whatever happens.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { DEFAULT_SETTINGS } from "../lib/settings/helios-settings";
import { type ApiLoadPlan, measureApiLoad } from "./api-load";
import { measureAssetSizes, stackTemplate, synthesize } from "./asset-sizes";
import { renderLatencyChart } from "./chart-svg";
import { measureColdStarts } from "./cold-start";
import { costPerMillionPredictions, DEFAULT_PRICES } from "./cost-model";
import { type HandlerLatencyPlan, measureHandlerLatency } from "./handler-latency";
import { currentLoad, describeMachine } from "./machine";
import { renderResults, spliceResults } from "./report-markdown";
import type { BenchResults } from "./results";
import { measureSeriesLatency, type SeriesLatencyPlan } from "./series-latency";
import { renderSeriesSection, type SeriesBenchResults, spliceSeriesSection } from "./series-report";
import { evaluateTargets, handlerLimitUs } from "./targets";

const ROOT = resolve(__dirname, "..");
/** The whole run is stopped after this long, whatever state it is in. */
const RUN_LIMIT_MS = 10 * 60 * 1000;

interface Plan {
  readonly handler: HandlerLatencyPlan;
  readonly series: SeriesLatencyPlan;
  readonly coldStartRuns: number;
  readonly api: ApiLoadPlan;
}

const FULL: Plan = {
  handler: { rounds: 3, singleRequests: 5_000, batchRequests: 10 },
  series: { repeats: 30 },
  coldStartRuns: 7,
  api: { connections: [1, 16], durationSeconds: 3, repeats: 3 },
};
const QUICK: Plan = {
  handler: { rounds: 1, singleRequests: 500, batchRequests: 2 },
  series: { repeats: 5 },
  coldStartRuns: 1,
  api: { connections: [1, 16], durationSeconds: 1, repeats: 1 },
};

function argValue(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (!value || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

function step(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Writes the chart and the Markdown report for some results; returns where. */
function writeReport(results: BenchResults, outDir: string, writesDoc: boolean) {
  const chartFile = join(outDir, "latency.svg");
  writeFileSync(
    chartFile,
    renderLatencyChart(
      "Warm handler latency per detector (in-process)",
      "µs",
      results.handler.map((h) => ({
        label: h.detector,
        p50: h.single.p50,
        p99: h.single.p99,
        limit: handlerLimitUs(h.detector),
      })),
    ),
  );
  const docFile = writesDoc ? join(ROOT, "docs", "benchmarks.md") : join(outDir, "benchmarks.md");
  const generated = renderResults(results, relative(join(docFile, ".."), chartFile));
  let document = spliceResults(existsSync(docFile) ? readFileSync(docFile, "utf8") : undefined, generated);
  if (results.series) {
    const cpu = results.handler.find((h) => h.detector === "cpu");
    document = spliceSeriesSection(
      document,
      renderSeriesSection({
        machine: results.machine,
        series: results.series,
        ...(cpu ? { singleReadingUs: cpu.single.p50, batchItemUs: cpu.batchPerItemUs } : {}),
      }),
    );
  }
  writeFileSync(docFile, document);
  return { chartFile, docFile };
}

/** `--series`: measures the series scoring alone and refreshes its section of docs/benchmarks.md. */
async function seriesOnly(plan: Plan): Promise<void> {
  const machine = describeMachine();
  step(
    `series scoring, in-process, on ${machine.cores} × ${machine.cpuModel}, load ${machine.loadAverageAtStart}`,
  );
  const series = await measureSeriesLatency(plan.series);
  const outDir = join(ROOT, "bench", "results");
  // The single-reading figures to compare with come from the last full run, when there is one.
  const latest = join(outDir, "latest.json");
  const cpu = existsSync(latest)
    ? (JSON.parse(readFileSync(latest, "utf8")) as BenchResults).handler.find((h) => h.detector === "cpu")
    : undefined;
  const results: SeriesBenchResults = {
    machine: { ...machine, loadAverageAtEnd: currentLoad() },
    series,
    ...(cpu
      ? {
          singleReadingUs: cpu.single.p50,
          batchItemUs: cpu.batchPerItemUs,
          comparedFrom: "the last full run",
        }
      : {}),
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "series.json"), `${JSON.stringify(results, null, 2)}\n`);
  const docFile = join(ROOT, "docs", "benchmarks.md");
  writeFileSync(docFile, spliceSeriesSection(readFileSync(docFile, "utf8"), renderSeriesSection(results)));
  for (const s of series) {
    step(
      `${s.total.p50 <= s.limitMs ? "met    " : "NOT MET"} series ${s.points} points: p50 ${s.total.p50.toFixed(2)} ms ` +
        `(features ${s.featuresMs.toFixed(2)}, model ${s.modelMs.toFixed(2)}, decision ${s.decisionMs.toFixed(2)}), ` +
        `limit ${s.limitMs} ms, ${s.perPointUs.toFixed(2)} µs per point`,
    );
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter(
    (a) => a.startsWith("--") && !["--quick", "--assembly", "--out", "--render", "--series"].includes(a),
  );
  if (unknown.length > 0)
    throw new Error(`unknown option ${unknown.join(", ")}; see the top of bench/run.ts`);
  const render = argValue(args, "--render");
  if (render) {
    const saved = JSON.parse(readFileSync(resolve(render), "utf8")) as BenchResults;
    const { docFile } = writeReport(saved, join(ROOT, "bench", "results"), !saved.quick);
    step(`redrew bench/results/latency.svg and ${docFile} from ${render}`);
    return;
  }
  const quick = args.includes("--quick");
  const plan = quick ? QUICK : FULL;
  if (args.includes("--series")) {
    await seriesOnly(plan);
    return;
  }
  const outDir = resolve(
    argValue(args, "--out") ??
      (quick ? mkdtempSync(join(tmpdir(), "helios-bench-")) : join(ROOT, "bench", "results")),
  );
  const writesDoc = !quick && argValue(args, "--out") === undefined;
  const started = performance.now();
  const machine = describeMachine();
  step(
    `${quick ? "quick" : "full"} run on ${machine.cores} × ${machine.cpuModel}, load ${machine.loadAverageAtStart}`,
  );

  let assemblyDir = argValue(args, "--assembly");
  let synthDir: string | undefined;
  if (!assemblyDir) {
    synthDir = mkdtempSync(join(tmpdir(), "helios-bench-synth-"));
    assemblyDir = synthDir;
    step("cdk synth with bundling (the packages Lambda would run)");
    synthesize(ROOT, assemblyDir);
  }
  try {
    step("deployment package sizes");
    const assets = measureAssetSizes(assemblyDir);
    step("warm handler latency, in-process");
    const handler = await measureHandlerLatency(plan.handler);
    step("cold starts of the synthesized bundles");
    const coldStart = await measureColdStarts(assemblyDir, stackTemplate(assemblyDir), plan.coldStartRuns);
    step("local API under load, against a do-nothing server");
    const api = await measureApiLoad(plan.api);
    step("series scoring, in-process");
    const series = await measureSeriesLatency(plan.series);

    const memoryMb = DEFAULT_SETTINGS.memorySize;
    const results: BenchResults = {
      schemaVersion: 1,
      quick,
      machine: { ...machine, loadAverageAtEnd: currentLoad() },
      runSeconds: (performance.now() - started) / 1000,
      handler,
      coldStart,
      api,
      assets,
      series,
      cost: {
        memoryMb,
        prices: DEFAULT_PRICES,
        detectors: handler.map((h) => ({
          detector: h.detector,
          single: costPerMillionPredictions({
            measuredMs: h.single.p50 / 1000,
            memoryMb,
            predictionsPerRequest: 1,
          }),
          batch: costPerMillionPredictions({
            measuredMs: h.batch.p50,
            memoryMb,
            predictionsPerRequest: h.batchItems,
          }),
        })),
      },
    };

    mkdirSync(outDir, { recursive: true });
    const jsonFile = join(outDir, quick ? "quick.json" : "latest.json");
    writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
    const { chartFile, docFile } = writeReport(results, outDir, writesDoc);
    for (const verdict of evaluateTargets(results)) {
      step(
        `${verdict.met ? "met    " : "NOT MET"} ${verdict.target} (${verdict.subject}): ${verdict.measured}, limit ${verdict.limit}`,
      );
    }
    step(`wrote ${jsonFile}, ${chartFile} and ${docFile} in ${Math.round(results.runSeconds)} s`);
  } finally {
    if (synthDir) rmSync(synthDir, { recursive: true, force: true });
  }
}

const limit = setTimeout(() => {
  process.stderr.write(`bench: stopped after ${RUN_LIMIT_MS / 60_000} minutes\n`);
  process.exit(2);
}, RUN_LIMIT_MS);
limit.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
