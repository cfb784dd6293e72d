/**
 * The committed artifacts: every catalogued detector has a model, the manifest describes the files
 * truthfully (hashes, I/O, decision rule), `npm run train` reproduces them byte for byte, and the
 * trained models' decision boundaries land where DESIGN.md says the seed's did.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DETECTORS, type DetectorName, MODEL_IDS, modelFileOf } from "../../lambdas/catalog";
import { decisionIntervals, logisticBoundaryLine, wordsByWeight } from "../../models/boundaries";
import type { ModelEntry } from "../../models/manifest-schema";
import type {
  IsolationForestModel,
  LogisticModel,
  TextClassifierModel,
  TrainedModel,
  TwoMeansModel,
} from "../../models/trained-model";
import { CONTENT_SAMPLES } from "../../models/training/datasets";
import { openSession } from "./helpers/model-session";
import { committedManifest, MODELS_DIR, type Retrained, retrain } from "./helpers/retrain";

let trained: Retrained;

beforeAll(() => {
  trained = retrain();
});

afterAll(() => trained?.cleanup());

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function parameters<K extends TrainedModel["kind"]>(
  name: DetectorName,
  kind: K,
): Extract<TrainedModel, { kind: K }> {
  const model = trained.parameters[name];
  expect(model.kind).toBe(kind);
  return model as Extract<TrainedModel, { kind: K }>;
}

describe("manifest and files", () => {
  test("the manifest lists exactly the catalog's model ids, in catalog order", () => {
    expect(Object.keys(committedManifest().models)).toEqual([...MODEL_IDS]);
    expect(committedManifest().formatVersion).toBe(1);
  });

  test.each(DETECTORS.map((d) => [d.name, d] as const))(
    "%s: file, sha256 and model version match the committed bytes",
    (name, detector) => {
      const entry: ModelEntry = committedManifest().models[name];
      expect(entry.file).toBe(modelFileOf(detector));
      const digest = sha256(readFileSync(join(MODELS_DIR, entry.file)));
      expect(entry.sha256).toBe(digest);
      expect(entry.modelVersion).toBe(`1.0.0+${digest.slice(0, 8)}`);
    },
  );

  test.each(DETECTORS.map((d) => [d.name, d] as const))(
    "%s: inputs and outputs follow the catalog and the graph",
    async (name, detector) => {
      const entry: ModelEntry = committedManifest().models[name];
      const expectedInput =
        detector.input.kind === "text"
          ? { name: "input", type: "string", shape: ["N"] }
          : {
              name: "input",
              type: "float32",
              shape: ["N", detector.input.kind === "pair" ? detector.input.parts.length : 1],
            };
      expect(entry.inputs).toEqual([expectedInput]);
      expect(entry.outputs).toEqual([
        { name: "label", type: "int64", shape: ["N"] },
        { name: "score", type: "float32", shape: ["N"] },
        ...(detector.hasProbability ? [{ name: "probability", type: "float32", shape: ["N"] }] : []),
      ]);
      const session = await openSession(join(MODELS_DIR, entry.file));
      expect(session.inputNames).toEqual(entry.inputs.map((t) => t.name));
      expect([...session.outputNames].sort()).toEqual(entry.outputs.map((t) => t.name).sort());
      await session.release();
    },
  );

  test.each(DETECTORS.map((d) => [d.name] as const))(
    "%s: the decision rule is on the score with a float32 threshold",
    (name) => {
      const { decision, boundaries, recipe, trainingData } = committedManifest().models[name];
      expect(decision.output).toBe("score");
      expect(decision.operator).toBe(">");
      expect(Math.fround(decision.threshold)).toBe(decision.threshold);
      expect(decision.description).toContain(String(decision.threshold));
      for (const text of [boundaries, recipe, trainingData]) expect(text.length).toBeGreaterThan(40);
      expect(boundaries).toContain("Seed (DESIGN.md)");
    },
  );
});

describe("npm run train", () => {
  test("retraining reproduces every committed file byte for byte", () => {
    for (const entry of Object.values(committedManifest().models)) {
      expect(sha256(readFileSync(join(trained.dir, entry.file)))).toBe(entry.sha256);
      expect(sha256(readFileSync(join(MODELS_DIR, entry.file)))).toBe(entry.sha256);
    }
    expect(readFileSync(join(trained.dir, "manifest.json"), "utf8")).toBe(
      readFileSync(join(MODELS_DIR, "manifest.json"), "utf8"),
    );
  });

  test("every catalogued model id has a trainer (the run produced parameters for each and nothing else)", () => {
    expect(Object.keys(trained.parameters).sort()).toEqual([...MODEL_IDS].sort());
  });
});

describe("decision boundaries against DESIGN.md's measurements of the seed", () => {
  /** The forest's decision intervals inside [low, high]. */
  function intervalsWithin(model: IsolationForestModel, low: number, high: number) {
    return decisionIntervals(model).filter((i) => i.to >= low && i.from < high);
  }

  test("cpu flags both tails: lower edge about 5, upper edge within the seed's 65.9-76.8", () => {
    const intervals = intervalsWithin(parameters("cpu", "isolation-forest"), 0, 100);
    expect(intervals.map((i) => i.label)).toEqual([1, 0, 1]);
    expect(intervals[0].to).toBeGreaterThan(4.5);
    expect(intervals[0].to).toBeLessThan(6);
    expect(intervals[1].to).toBeGreaterThanOrEqual(65.9);
    expect(intervals[1].to).toBeLessThanOrEqual(76.8);
  });

  test("storage flags both tails: lower edge about 100, upper edge within the seed's 299.5-419.9", () => {
    const intervals = intervalsWithin(parameters("storage", "isolation-forest"), 0, Number.POSITIVE_INFINITY);
    expect(intervals.map((i) => i.label)).toEqual([1, 0, 1]);
    expect(intervals[0].to).toBeGreaterThan(99);
    expect(intervals[0].to).toBeLessThan(102);
    expect(intervals[1].to).toBeGreaterThanOrEqual(299.5);
    expect(intervals[1].to).toBeLessThanOrEqual(419.9);
  });

  test("network splits near 300.9 exactly at nearest-centre membership of the high cluster", () => {
    const model: TwoMeansModel = parameters("network", "two-means");
    const [low, high] = model.centres;
    expect(low).toBeGreaterThan(95);
    expect(high).toBeGreaterThan(490);
    expect(model.midpoint).toBeGreaterThan(295);
    expect(model.midpoint).toBeLessThan(306);
    const intervals = decisionIntervals(model);
    expect(intervals).toEqual([
      { from: Number.NEGATIVE_INFINITY, to: model.midpoint, label: 0 },
      { from: model.midpoint, to: Number.POSITIVE_INFINITY, label: 1 },
    ]);
    // The float32 at the cut is not nearer the high centre; the next float32 up is.
    const next = new Float32Array([model.midpoint]);
    new Uint32Array(next.buffer)[0] += 1;
    expect(Math.abs(model.midpoint - high) < Math.abs(model.midpoint - low)).toBe(false);
    expect(Math.abs(next[0] - high) < Math.abs(next[0] - low)).toBe(true);
  });

  test("login: anomalous when failed_attempts > 1.78 + 0.231 x hour, as the seed", () => {
    const line = logisticBoundaryLine(parameters("login", "logistic") as LogisticModel);
    expect(line.intercept).toBeCloseTo(1.78, 2);
    expect(line.slope).toBeCloseTo(0.231, 3);
  });

  test("content: words only in blocked training texts push to block, words only in safe ones push back", () => {
    const model: TextClassifierModel = parameters("content", "text-logistic");
    const words = (label: number) =>
      new Set(
        CONTENT_SAMPLES.texts
          .filter((_, i) => CONTENT_SAMPLES.labels[i] === label)
          .flatMap((t) => t.toLowerCase().match(/\w\w+/g) ?? []),
      );
    const blocked = words(1);
    const safe = words(0);
    const weights = new Map(wordsByWeight(model).map((w) => [w.word, w.weight]));
    expect(weights.size).toBe(16);
    for (const word of blocked) if (!safe.has(word)) expect(weights.get(word)).toBeGreaterThan(0);
    for (const word of safe) if (!blocked.has(word)) expect(weights.get(word)).toBeLessThan(0);
    expect(model.intercept).toBe(0);
  });
});
