/**
 * Warm in-process handler latency: the detector's Lambda handler called directly, as the Lambda
 * runtime calls it, with the deployed configuration's adapters (EMF metrics, one JSON log line
 * per request) read from process.env as on Lambda, and the model already loaded. Log and EMF lines are built as on Lambda but not
 * written anywhere, so the figure is the handler's own work, not a terminal's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DETECTORS, type DetectorSpec, routeOf } from "../lambdas/catalog";
import { createModelSource } from "../lambdas/model-source/model-source";
import { createDetectorRuntime, ENV, loadModel } from "../lambdas/runtime";
import { detectorModels } from "../lambdas/runtime/model-contracts";
import { predict } from "../lambdas/runtime/predict";
import { DEFAULT_MODEL_DIR } from "../lambdas/runtime/repo-paths";
import type { InputItem } from "../lambdas/runtime/validate-request";
// The event and context tests use: the bench calls handlers exactly as the handler tests do.
import { lambdaContext, postEvent } from "../test/support/lambda-events";
import { batchItemsOf, requestBody } from "./bench-items";
import { median, relativeSpread, type SampleSummary, summarize } from "./stats";

/** How much to measure. */
export interface HandlerLatencyPlan {
  /** Rounds over all detectors (the spread between rounds is the noise). */
  readonly rounds: number;
  /** Single requests measured per detector and round (after as many unmeasured). */
  readonly singleRequests: number;
  /** Batch requests (10,000 items, or the detector's limit) measured per detector and round. */
  readonly batchRequests: number;
}

/** One detector's warm latency, in microseconds (batch: milliseconds per request, µs per item). */
export interface HandlerLatency {
  readonly detector: string;
  /** Single-item requests, µs. */
  readonly single: SampleSummary;
  /** Median of each round's single-request p50, µs: the spread says how noisy the machine was. */
  readonly singleRoundP50s: readonly number[];
  readonly singleSpread: number;
  /** The ONNX session run alone for one item (predict()), p50 in µs: the floor under `single`. */
  readonly sessionRunP50Us: number;
  /** Batch requests (batchItems items each), ms. */
  readonly batch: SampleSummary;
  readonly batchItems: number;
  /** Batch p50 per item, µs. */
  readonly batchPerItemUs: number;
  /** Bytes of log and EMF lines one single request writes (written nowhere here). */
  readonly logBytesPerRequest: number;
}

/** The REST proxy event API Gateway sends the detector's function for this body. */
function proxyEvent(detector: DetectorSpec, body: string) {
  const headers = { "Content-Type": "application/json", Host: "abc123.execute-api.us-east-1.amazonaws.com" };
  return postEvent(routeOf(detector), body, { headers });
}

const CONTEXT = lambdaContext("bench-request");

/** Times `count` sequential calls of an async function; returns each call's duration in ms. */
export async function timeCalls(count: number, call: () => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await call();
    durations.push(performance.now() - started);
  }
  return durations;
}

/** Measures every detector's warm handler, rounds interleaved across detectors. */
export async function measureHandlerLatency(plan: HandlerLatencyPlan): Promise<HandlerLatency[]> {
  const workDir = mkdtempSync(join(tmpdir(), "helios-bench-"));
  const settings: Record<string, string> = {
    [ENV.modelSource]: "local",
    [ENV.modelDir]: DEFAULT_MODEL_DIR,
    [ENV.alertFile]: join(workDir, "alerts.jsonl"),
    [ENV.metrics]: "emf",
  };
  const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  try {
    const setups = await Promise.all(
      DETECTORS.map(async (detector) => {
        let bytes = 0;
        // No env option: the runtime reads process.env on every invocation, as on Lambda.
        const runtime = createDetectorRuntime(detector, {
          writeLine: (line) => {
            bytes += line.length + 1;
          },
        });
        await runtime.warmUp();
        const reading = detectorModels(detector)[0]!;
        const { model } = await loadModel(
          createModelSource({ kind: "local", dir: DEFAULT_MODEL_DIR }, reading),
          reading.contract,
        );
        const single = proxyEvent(detector, requestBody(detector));
        const batch = proxyEvent(detector, requestBody(detector, batchItemsOf(detector)));
        const check = await runtime.handler(single, CONTEXT);
        if (check.statusCode !== 200) throw new Error(`${detector.name}: ${check.statusCode} ${check.body}`);
        const checkBatch = await runtime.handler(batch, CONTEXT);
        if (checkBatch.statusCode !== 200)
          throw new Error(`${detector.name} batch: ${checkBatch.statusCode}`);
        bytes = 0;
        await runtime.handler(single, CONTEXT);
        const logBytesPerRequest = bytes;
        const items: InputItem[] = [detector.examples.normal as InputItem];
        return {
          detector,
          call: () => runtime.handler(single, CONTEXT),
          callBatch: () => runtime.handler(batch, CONTEXT),
          run: () => predict(model, detector, items),
          release: () => model.session.release(),
          logBytesPerRequest,
          singles: [] as number[],
          roundP50s: [] as number[],
          batches: [] as number[],
          runs: [] as number[],
        };
      }),
    );
    for (let round = 0; round < plan.rounds; round += 1) {
      for (const setup of setups) {
        await timeCalls(plan.singleRequests, setup.call); // warm the JIT and caches for this round
        const samples = await timeCalls(plan.singleRequests, setup.call);
        setup.singles.push(...samples);
        setup.roundP50s.push(median(samples) * 1000);
        setup.runs.push(...(await timeCalls(Math.ceil(plan.singleRequests / 2), setup.run)));
        setup.batches.push(...(await timeCalls(plan.batchRequests, setup.callBatch)));
      }
    }
    const results = setups.map((setup): HandlerLatency => {
      const batch = summarize(setup.batches);
      return {
        detector: setup.detector.name,
        single: scale(summarize(setup.singles), 1000),
        singleRoundP50s: setup.roundP50s,
        singleSpread: relativeSpread(setup.roundP50s),
        sessionRunP50Us: median(setup.runs) * 1000,
        batch,
        batchItems: batchItemsOf(setup.detector),
        batchPerItemUs: (batch.p50 * 1000) / batchItemsOf(setup.detector),
        logBytesPerRequest: setup.logBytesPerRequest,
      };
    });
    await Promise.all(setups.map((setup) => setup.release()));
    return results;
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(workDir, { recursive: true, force: true });
  }
}

function scale(summary: SampleSummary, factor: number): SampleSummary {
  return {
    count: summary.count,
    p50: summary.p50 * factor,
    p99: summary.p99 * factor,
    min: summary.min * factor,
    max: summary.max * factor,
    mean: summary.mean * factor,
  };
}
