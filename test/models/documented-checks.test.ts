/**
 * The committed models in onnxruntime-node, as the runtime will run them: the seed's ten documented
 * checks, the manifest's rule agreeing with the graph's label, and the content model's behaviour on
 * the inputs DESIGN.md warns about (empty batches, 64 KiB texts, U+0000).
 */
import { join } from "node:path";
import type { InferenceSession } from "onnxruntime-node";
import { DETECTORS } from "../../lambdas/catalog";
import { toModelText } from "../../models/content-input";
import type { ModelInputItem } from "../../models/reference/predict";
import { openSession, runModel } from "./helpers/model-session";
import { committedManifest, MODELS_DIR } from "./helpers/retrain";

const sessions = new Map<string, InferenceSession>();

beforeAll(async () => {
  for (const detector of DETECTORS)
    sessions.set(detector.name, await openSession(join(MODELS_DIR, `${detector.name}.onnx`)));
});

afterAll(async () => {
  for (const session of sessions.values()) await session.release();
});

const textDetectors = DETECTORS.filter((d) => d.input.kind === "text");

test.each(DETECTORS.map((d) => [d.name, d] as const))(
  "%s: the seed's documented checks hold",
  async (name, detector) => {
    const { threshold } = committedManifest().models[name].decision;
    const [anomalous, normal] = await runModel(sessions.get(name)!, [
      detector.examples.anomalous as ModelInputItem,
      detector.examples.normal as ModelInputItem,
    ]);
    expect(anomalous.label).toBe(1);
    expect(normal.label).toBe(0);
    expect(anomalous.score).toBeGreaterThan(threshold);
    expect(normal.score).toBeLessThanOrEqual(threshold);
    if (detector.hasProbability) {
      expect(anomalous.probability).toBeGreaterThan(0.5);
      expect(normal.probability).toBeLessThan(0.5);
    }
  },
);

describe.each(textDetectors.map((d) => [d.name] as const))("%s model with awkward texts", (name) => {
  test("batches of only empty or blank texts run and are not blocked", async () => {
    const [empty] = await runModel(sessions.get(name)!, [""]);
    expect(empty.label).toBe(0);
    for (const batch of [["", ""], [" "], ["\t\n", "   ", ""]]) {
      const predictions = await runModel(sessions.get(name)!, batch);
      expect(predictions.map((p) => p.label)).toEqual(batch.map(() => 0));
      // Each row's answer is its own, whatever else is in the batch.
      for (const [i, text] of batch.entries())
        expect(predictions[i]).toEqual((await runModel(sessions.get(name)!, [text]))[0]);
    }
  });

  test("a 64 KiB text in a batch of 1000 runs quickly and changes no other row", async () => {
    const big = "click http://spam.com ".repeat(2979).padEnd(65_536, "x");
    const batch = [
      big,
      ...Array.from({ length: 999 }, (_, i) => (i % 2 ? "hello friend" : "check https://malware.biz")),
    ];
    const started = performance.now();
    const together = await runModel(sessions.get(name)!, batch);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2000);
    expect(together[0].label).toBe(1);
    expect(together.slice(1).map((p) => p.label)).toEqual(batch.slice(1).map((_, i) => (i % 2 ? 0 : 1)));
    const [alone] = await runModel(sessions.get(name)!, [big]);
    expect(alone).toEqual(together[0]);
  });

  test("onnxruntime-node ends a text at U+0000; toModelText closes that gap", async () => {
    const sneaky = "hello\u0000click http://spam.com";
    const [raw, fixed] = await runModel(sessions.get(name)!, [sneaky, toModelText(sneaky)]);
    expect(raw.label).toBe(0);
    expect(fixed.label).toBe(1);
  });
});
