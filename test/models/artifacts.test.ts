/**
 * The committed artifacts: every catalogued detector has a model, the manifest describes the files
 * truthfully (hashes, I/O, decision rule), `npm run train` reproduces them byte for byte, and the
 * trained models' decision boundaries land where DESIGN.md says the seed's did.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  DETECTORS,
  type DetectorName,
  type DetectorSpec,
  MODEL_IDS,
  modelFileOf,
} from "../../lambdas/catalog";
import { decisionIntervals, logisticBoundaryLine } from "../../models/boundaries";
import { CONTENT_RULES } from "../../models/content-rules";
import type { ModelEntry } from "../../models/manifest-schema";
import { behaviourHash } from "../../models/model-version";
import { contentPredict } from "../../models/reference/content-classifier";
import { seriesFamilyOf, seriesFormModels } from "../../models/series-trainer";
import type {
  ContentClassifierModel,
  IsolationForestModel,
  LogisticModel,
  TrainedModel,
  TwoMeansModel,
} from "../../models/trained-model";
import { openSession } from "./helpers/model-session";
import {
  committedManifest,
  MODELS_DIR,
  RETRAIN_TIMEOUT_MS,
  type Retrained,
  retrain,
} from "./helpers/retrain";

let trained: Retrained;

beforeAll(() => {
  trained = retrain();
}, RETRAIN_TIMEOUT_MS);

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
  test("the manifest lists exactly the catalog's model ids", () => {
    const ids = Object.keys(committedManifest().models);
    expect([...ids].sort()).toEqual([...MODEL_IDS].sort());
    expect(committedManifest().formatVersion).toBe(1);
  });

  test.each(DETECTORS.map((d) => [d.name, d] as const))(
    "%s: file, sha256 and model version match the committed bytes",
    (name, detector) => {
      const entry: ModelEntry = committedManifest().models[name];
      expect(entry.file).toBe(modelFileOf(detector));
      const digest = sha256(readFileSync(join(MODELS_DIR, entry.file)));
      expect(entry.sha256).toBe(digest);
      const bytes = readFileSync(join(MODELS_DIR, entry.file));
      expect(entry.modelVersion).toBe(`1.0.0+${behaviourHash(bytes, entry).slice(0, 8)}`);
    },
  );

  test("a model version names the file's bytes and its decision rules: either changing is a new version", () => {
    const manifest = committedManifest();
    const entry: ModelEntry = manifest.models["cpu-series"];
    const bytes = readFileSync(join(MODELS_DIR, entry.file));
    const version = behaviourHash(bytes, entry);
    const otherThreshold = { ...entry, decision: { ...entry.decision, threshold: 0.59 } };
    expect(behaviourHash(bytes, otherThreshold)).not.toBe(version);
    const otherRule = { ...entry, series: { ...entry.series, levelShare: 0 } };
    expect(behaviourHash(bytes, otherRule)).not.toBe(version);
    const otherBytes = Buffer.concat([bytes, Buffer.from([0])]);
    expect(behaviourHash(otherBytes, entry)).not.toBe(version);
    // the three series detectors decide alike today, so they share one version
    expect(manifest.models["network-series"].modelVersion).toBe(entry.modelVersion);
  });

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
        ...("categories" in detector ? [{ name: "category", type: "int64", shape: ["N"] }] : []),
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

  test("the series trainer writes exactly the catalog's series forms, each tuned on its detector's kind", () => {
    const detectors: readonly DetectorSpec[] = DETECTORS;
    const forms = detectors.flatMap((d) =>
      d.forms.flatMap((f) => (f.kind === "series" ? [{ detector: d.name, model: f.model }] : [])),
    );
    expect(forms.length).toBeGreaterThan(0);
    expect(seriesFormModels().map((m) => ({ detector: m.detector.name, model: m.modelId }))).toEqual(forms);
    for (const m of seriesFormModels()) expect(m.family).toBe(m.detector.name);
    expect(() => seriesFamilyOf("login")).toThrow(/no generated series family/);
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

  test("content: the seed's checks and the issue's must-pass texts decide as required, with the right category and a margin", () => {
    const model: ContentClassifierModel = parameters("content", "content-softmax");
    const answer = (text: string) => {
      const p = contentPredict(model, text);
      return p.label === 1 ? model.classes[p.category + 1] : "allowed";
    };
    // A margin of 1 in log-odds (probability below 0.27 or above 0.73): not decided by rounding or by a retrain's noise.
    const margin = 1;
    for (const text of ["click http://spam.com", "check https://malware.biz"]) {
      expect([text, answer(text)]).toEqual([text, "spam"]);
      expect(contentPredict(model, text).score).toBeGreaterThan(margin);
    }
    for (const text of [
      "hello how are you",
      "this is safe text",
      "hello friend",
      "select your seat",
      "drop me a line",
      "rm the old files please",
      "x < y and y > z",
      "https://github.com",
      "https://docs.aws.amazon.com/lambda/latest/dg/welcome.html",
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
      "O'Brien",
      "Siobhán O'Connor",
      "Jean-Luc d'Artagnan",
      "王小明",
      "Мария Иванова",
      "محمد الأحمد",
      "Ελένη Παπαδοπούλου",
      "jane.doe@example.com",
      "o'reilly@example.ie",
      "221B Baker Street, London NW1 6XE",
      "1600 Amphitheatre Parkway, Mountain View, CA 94043",
      "$19.99",
      "€1.234,56",
      "2026-01-15",
      "15/01/2026",
      "January 15, 2026",
      '{"name": "Ana", "age": 31}',
      '{"items": [1, 2, 3], "total": 9.5}',
      "",
    ]) {
      expect([text, answer(text)]).toEqual([text, "allowed"]);
      expect([text, contentPredict(model, text).score < -margin]).toEqual([text, true]);
    }
    expect(answer("' or 1=1--")).toBe("sqli");
    expect(answer("<script>alert(1)</script>")).toBe("xss");
    expect(answer("; cat /etc/passwd")).toBe("cmdi");
    expect(answer("../../../etc/passwd")).toBe("traversal");
  });

  test("content: the vocabulary, rules and weights have the documented sizes; the file stays small", () => {
    const model: ContentClassifierModel = parameters("content", "content-softmax");
    expect(model.classes).toEqual(["none", "sqli", "xss", "cmdi", "traversal", "spam"]);
    expect(model.ngrams).toHaveLength(8000);
    expect(new Set(model.ngrams).size).toBe(8000);
    expect(
      model.ngrams.every(
        (g) => g.length >= 1 && g.length <= model.maxGram && [...g].every((ch) => ch.charCodeAt(0) <= 0x7f),
      ),
    ).toBe(true);
    expect(model.ruleCount).toBe(CONTENT_RULES.length);
    expect(model.weights).toHaveLength((model.ngrams.length + model.ruleCount) * model.classes.length);
    expect(readFileSync(join(MODELS_DIR, "content.onnx")).length).toBeLessThan(512 * 1024);
  });
});
