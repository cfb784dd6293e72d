/**
 * `npm run bench:content`: the content detector's speed, for issue 12's targets: the model's size
 * and session-create time; the warm in-process handler's single-request p50 (deployed adapters:
 * EMF metrics, one JSON log line, as bench/handler-latency.ts); and a batch of 1,000 varied short
 * texts, through the handler and through the session alone, in texts per second on one core.
 * Prints Markdown. The machine is shared: compare figures within one run.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { getDetector, routeOf } from "../lambdas/catalog";
import { createDetectorRuntime, ENV } from "../lambdas/runtime";
import { DEFAULT_MODEL_DIR } from "../lambdas/runtime/repo-paths";
import { lambdaContext, postEvent } from "../test/support/lambda-events";
import { benchTexts } from "./content-texts";
import { timeCalls } from "./handler-latency";
import { median, percentile } from "./stats";

const SINGLE_REQUESTS = 5_000;
const BATCH_REQUESTS = 30;
const SESSION_CREATES = 10;

async function main(): Promise<void> {
  ort.env.logLevel = "error";
  Object.assign(process.env, {
    [ENV.modelSource]: "local",
    [ENV.modelDir]: DEFAULT_MODEL_DIR,
    [ENV.metrics]: "emf",
    [ENV.alertFile]: join(DEFAULT_MODEL_DIR, "..", ".helios", "bench-alerts.jsonl"),
  });
  const detector = getDetector("content");
  const file = join(DEFAULT_MODEL_DIR, "content.onnx");
  const bytes = readFileSync(file);
  const options = { intraOpNumThreads: 1, interOpNumThreads: 1 };
  const creates = await timeCalls(SESSION_CREATES, async () =>
    (await ort.InferenceSession.create(bytes, options)).release(),
  );
  const session = await ort.InferenceSession.create(bytes, options);

  // Benign texts only for the handler, so no alert is written: the figure is the prediction path's.
  const texts = benchTexts(1000);
  const benign = benchTexts(2000)
    .filter((_, i) => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 19].includes(i % 20))
    .slice(0, 1000);
  const runtime = createDetectorRuntime(detector, { writeLine: () => undefined });
  await runtime.warmUp();
  const context = lambdaContext("bench-content");
  const event = (body: unknown) =>
    postEvent(routeOf(detector), JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
  const single = event({ text: "Please select your seat 12A" });
  const batch = event({ texts: benign });
  for (const check of [single, batch]) {
    const answer = await runtime.handler(check, context);
    if (answer.statusCode !== 200) throw new Error(`content bench: ${answer.statusCode} ${answer.body}`);
  }
  await timeCalls(SINGLE_REQUESTS, () => runtime.handler(single, context));
  const singles = await timeCalls(SINGLE_REQUESTS, () => runtime.handler(single, context));
  const input = (list: string[]) => ({ input: new ort.Tensor("string", list, [list.length]) });
  const runs = await timeCalls(SINGLE_REQUESTS, () => session.run(input(["Please select your seat 12A"])));
  const handlerBatches = await timeCalls(BATCH_REQUESTS, () => runtime.handler(batch, context));
  const sessionBatches = await timeCalls(BATCH_REQUESTS, () => session.run(input(texts)));
  await session.release();

  const us = (ms: number) => `${Math.round(ms * 1000)} µs`;
  const perSecond = (ms: number) => `${Math.round((1000 * 1000) / ms).toLocaleString("en-US")} texts/s`;
  const meanChars = texts.reduce((n, t) => n + t.length, 0) / texts.length;
  console.log("| measure | result | target |");
  console.log("|---|---|---|");
  console.log(`| model file | ${(bytes.length / 1024).toFixed(0)} KiB | |`);
  console.log(`| session create, median of ${SESSION_CREATES} | ${median(creates).toFixed(1)} ms | |`);
  console.log(
    `| handler, single text, p50 (p99) | ${us(median(singles))} (${us(percentile(singles, 99))}) | ≤ 300 µs |`,
  );
  console.log(`| session run, single text, p50 | ${us(median(runs))} | |`);
  console.log(
    `| handler, batch of 1,000 short benign texts, p50 | ${median(handlerBatches).toFixed(1)} ms = ${perSecond(median(handlerBatches))} | ≥ 20,000 texts/s |`,
  );
  console.log(
    `| session run, 1,000 short texts (mean ${meanChars.toFixed(0)} chars, attacks mixed), p50 | ${median(sessionBatches).toFixed(1)} ms = ${perSecond(median(sessionBatches))} | |`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
