/**
 * Model parity: every committed ONNX model, run in onnxruntime-node, against the pure TypeScript
 * reference fed the freshly retrained parameters. Identical decisions, categories and scores within 1e-5, on
 * dense grids, edge values and every point where a model can change its mind; and the graph's
 * label always equals the manifest's rule applied to the graph's score.
 */
import { join } from "node:path";
import { type InferenceSession, Tensor } from "onnxruntime-node";
import { DETECTORS } from "../../lambdas/catalog";
import { extractSeriesFeatures, FEATURE_COUNT } from "../../lambdas/detection/series/series-features";
import { boostedTreesProbabilities } from "../../models/reference/boosted-trees";
import { type ModelInputItem, type Prediction, predictReference } from "../../models/reference/predict";
import { generatedSet } from "../../models/series-trainer";
import type { BoostedTreesModel } from "../../models/trained-model";
import { decisionPointsOf, float32Above, gridFor } from "./helpers/grids";
import { openSession, runModel } from "./helpers/model-session";
import {
  committedManifest,
  MODELS_DIR,
  RETRAIN_TIMEOUT_MS,
  type Retrained,
  retrain,
} from "./helpers/retrain";

const TOLERANCE = 1e-5;

let trained: Retrained;
const sessions = new Map<string, InferenceSession>();

beforeAll(async () => {
  trained = retrain();
  for (const detector of DETECTORS) {
    sessions.set(detector.name, await openSession(join(MODELS_DIR, `${detector.name}.onnx`)));
  }
}, RETRAIN_TIMEOUT_MS);

afterAll(async () => {
  for (const session of sessions.values()) await session.release();
  trained?.cleanup();
});

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b));
}

describe.each(DETECTORS.map((d) => [d.name, d] as const))("%s model", (name, detector) => {
  const manifestEntry = () => committedManifest().models[name];

  test("the parameters the reference uses are the committed model's (same hash on retraining)", () => {
    expect(trained.manifest.models[name].sha256).toBe(manifestEntry().sha256);
  });

  async function compare(items: readonly ModelInputItem[]): Promise<void> {
    const model = trained.parameters[name];
    const onnx = await runModel(sessions.get(name)!, items);
    const { threshold } = manifestEntry().decision;
    const mismatches: { item: ModelInputItem; onnx: Prediction; reference: Prediction }[] = [];
    items.forEach((item, i) => {
      const reference = predictReference(model, item);
      const got = onnx[i];
      const ruleLabel = got.score > threshold ? 1 : 0;
      const scoreOk = close(got.score, reference.score);
      const probabilityOk =
        reference.probability === undefined
          ? got.probability === undefined
          : close(got.probability ?? Number.NaN, reference.probability);
      // The category decides nothing for an allowed text (it answers none), so it is compared where blocked.
      const categoryOk = reference.label === 0 || got.category === reference.category;
      if (
        got.label !== reference.label ||
        got.label !== ruleLabel ||
        !scoreOk ||
        !probabilityOk ||
        !categoryOk
      ) {
        mismatches.push({ item, onnx: got, reference });
      }
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
  }

  test("agrees with the reference on a dense grid and edge values, in one batch", async () => {
    const items = gridFor(detector.input);
    expect(items.length).toBeGreaterThan(1000);
    await compare(items);
  });

  test("agrees with the reference at every point where the decision can change", async () => {
    await compare([...decisionPointsOf(trained.parameters[name]), ...gridFor(detector.input).slice(0, 1)]);
  });

  test("gives the same answers one item at a time and in a batch of 1000", async () => {
    const items = gridFor(detector.input);
    const batch = Array.from({ length: 1000 }, (_, i) => items[(i * 7919) % items.length]);
    const together = await runModel(sessions.get(name)!, batch);
    for (const i of [0, 1, 499, 998, 999]) {
      const [alone] = await runModel(sessions.get(name)!, [batch[i]]);
      expect(alone).toEqual(together[i]);
    }
    await compare(batch);
  });
});

describe("series model (series.onnx, shared by the series forms)", () => {
  let session: InferenceSession;

  beforeAll(async () => {
    session = await openSession(join(MODELS_DIR, committedManifest().models["cpu-series"].file));
  });

  afterAll(async () => {
    await session?.release();
  });

  function seriesModel(): BoostedTreesModel {
    const model = trained.parameters["cpu-series"];
    if (model.kind !== "boosted-trees") throw new Error(`cpu-series is a ${model.kind} model`);
    return model;
  }

  async function onnxProbabilities(rows: Float32Array): Promise<Float32Array> {
    const n = rows.length / FEATURE_COUNT;
    const out = await session.run({ input: new Tensor("float32", rows, [n, FEATURE_COUNT]) });
    return out.score.data as Float32Array;
  }

  test("every series id serves the same retrained file", () => {
    for (const id of ["cpu-series", "network-series", "storage-series"]) {
      expect(trained.manifest.models[id].sha256).toBe(committedManifest().models[id].sha256);
      expect(trained.parameters[id]).toEqual(trained.parameters["cpu-series"]);
    }
  });

  test("probabilities within 1e-5 of the reference on generated series' features, in one batch", async () => {
    const rows = generatedSet(99, 6, { days: 4 }).map(
      (g) => extractSeriesFeatures(g.timestamps, g.values).features,
    );
    const all = new Float32Array(rows.reduce((s, r) => s + r.length, 0));
    let offset = 0;
    for (const r of rows) {
      all.set(r, offset);
      offset += r.length;
    }
    const n = all.length / FEATURE_COUNT;
    const reference = boostedTreesProbabilities(seriesModel(), all, n);
    const onnx = await onnxProbabilities(all);
    let worst = 0;
    for (let i = 0; i < n; i++)
      worst = Math.max(worst, Math.abs(onnx[i] - reference[i]) / Math.max(1, Math.abs(reference[i])));
    expect(n).toBeGreaterThan(5_000);
    expect(worst).toBeLessThanOrEqual(TOLERANCE);
  });

  test("probabilities within 1e-5 at every split threshold and the float32 just above it", async () => {
    const model = seriesModel();
    const splits = model.trees.flatMap((tree) =>
      tree.nodes.flatMap((node) => (node.kind === "split" ? [node] : [])),
    );
    const rows = new Float32Array(splits.length * 2 * FEATURE_COUNT);
    splits.forEach((split, k) => {
      for (const [j, x] of [split.threshold, float32Above(split.threshold)].entries()) {
        rows[(2 * k + j) * FEATURE_COUNT + split.feature] = x;
      }
    });
    const n = rows.length / FEATURE_COUNT;
    const reference = boostedTreesProbabilities(model, rows, n);
    const onnx = await onnxProbabilities(rows);
    for (let i = 0; i < n; i++)
      expect(Math.abs(onnx[i] - reference[i])).toBeLessThanOrEqual(
        TOLERANCE * Math.max(1, Math.abs(reference[i])),
      );
  });
});
