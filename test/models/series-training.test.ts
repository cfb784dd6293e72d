/**
 * The series trainer's pieces: the generator (seeded, bounded, anomalies where it says), the training
 * rows, the boosted trees (deterministic, learn a rule), NAB's fixed-threshold scoring, nab-dev.
 */

import { boostedTreesMargin } from "../../models/reference/boosted-trees";
import { binThresholds, trainBoostedTrees } from "../../models/training/gradient-boosting";
import { SeededRandom } from "../../models/training/random";
import { readNabDev } from "../../models/training/series/nab-dev";
import { NAB_PROFILES, nabFileScore, nabNormalised } from "../../models/training/series/nab-scoring";
import {
  labelledFeatures,
  pointLabels,
  trainingRows,
  VISIBLE_NOISES,
  VISIBLE_S,
} from "../../models/training/series/series-training-set";
import { ANOMALY_KINDS, generateSeries } from "../../models/training/series/synthetic-series";

describe("generated series", () => {
  const recipe = { family: "cpu", days: 5, stepS: 300, anomalies: 3 } as const;

  test("the same seed gives the same series; another seed another", () => {
    const a = generateSeries(new SeededRandom(4), "a", recipe);
    const b = generateSeries(new SeededRandom(4), "a", recipe);
    const c = generateSeries(new SeededRandom(5), "a", recipe);
    expect(b).toEqual(a);
    expect(c.values).not.toEqual(a.values);
  });

  test("cpu stays within 0-100, others >= 0; time never decreases; anomalies sit after the first day", () => {
    for (const family of ["cpu", "network", "storage"] as const) {
      for (let seed = 0; seed < 10; seed++) {
        const g = generateSeries(new SeededRandom(seed), "g", {
          ...recipe,
          family,
          stepS: seed % 2 ? 60 : 300,
        });
        expect(g.values.every((v) => v >= 0 && (family !== "cpu" || v <= 100))).toBe(true);
        expect(g.timestamps.every((t, i) => i === 0 || t >= g.timestamps[i - 1])).toBe(true);
        for (const a of g.anomalies) {
          expect(g.timestamps[a.start] - g.timestamps[0]).toBeGreaterThanOrEqual(86_400 - 3_600);
          expect(a.start <= a.onsetEnd && a.onsetEnd <= a.end).toBe(true);
        }
      }
    }
  });

  test("every anomaly kind is injected somewhere, and a spike moves the value", () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      for (const a of generateSeries(new SeededRandom(seed), "g", recipe).anomalies) seen.add(a.kind);
    }
    expect([...seen].sort()).toEqual([...ANOMALY_KINDS].sort());
    const clean = generateSeries(new SeededRandom(7), "s", { ...recipe, anomalies: 0 });
    const spiked = generateSeries(new SeededRandom(7), "s", { ...recipe, anomalies: 1, kinds: ["spike"] });
    const [spike] = spiked.anomalies;
    expect(Math.abs(spiked.values[spike.start] - clean.values[spike.start])).toBeGreaterThan(0);
  });

  test("the clean values are the series without its anomalies; the noise scale is positive", () => {
    const g = generateSeries(new SeededRandom(3), "g", { ...recipe, anomalies: 2, kinds: ["level-shift"] });
    const inside = (i: number) => g.anomalies.some((a) => i >= a.start && i <= a.end);
    for (let i = 0; i < g.values.length; i++) if (!inside(i)) expect(g.values[i]).toBe(g.clean[i]);
    const [shift] = g.anomalies;
    expect(g.values[shift.start]).not.toBe(g.clean[shift.start]);
    expect(g.noise).toBeGreaterThan(0);
  });

  test("labels: 1 where an anomaly is visible (beyond 3 noises, first 6 h; its first point always), -1 on the rest, 0 elsewhere", () => {
    for (let seed = 0; seed < 6; seed++) {
      const g = generateSeries(new SeededRandom(seed), "g", {
        ...recipe,
        anomalies: 3,
        kinds: ["level-shift", "spike"],
      });
      const labels = pointLabels(g);
      for (let i = 0; i < labels.length; i++) {
        const a = g.anomalies.find((x) => i >= x.start && i <= x.end);
        if (!a) {
          expect(labels[i]).toBe(0);
          continue;
        }
        const visible =
          g.timestamps[i] - g.timestamps[a.start] <= VISIBLE_S &&
          Math.abs(g.values[i] - g.clean[i]) > VISIBLE_NOISES * g.noise;
        expect(labels[i]).toBe(i === a.start || visible ? 1 : -1);
      }
    }
  });

  test("a flat-line is labelled on its onset points (a stuck value need not be far from the clean one)", () => {
    const g = generateSeries(new SeededRandom(2), "g", { ...recipe, anomalies: 2, kinds: ["flat-line"] });
    const labels = pointLabels(g);
    for (const a of g.anomalies) {
      for (let i = a.start; i <= a.end; i++) expect(labels[i]).toBe(i <= a.onsetEnd ? 1 : -1);
    }
  });

  test("rows keep every labelled point and one normal point in the stride, weighted by the stride", () => {
    const g = generateSeries(new SeededRandom(3), "g", { ...recipe, anomalies: 2, kinds: ["level-shift"] });
    const labels = pointLabels(g);
    const rows = trainingRows([labelledFeatures(g)], 8);
    const anomalous = labels.filter((l) => l === 1).length;
    const normals = Array.from(labels.keys()).filter((i) => labels[i] === 0 && i % 8 === 0).length;
    expect(rows.labels.length).toBe(anomalous + normals);
    expect(rows.labels.filter((l) => l === 1)).toHaveLength(anomalous);
    expect(rows.weights.filter((w) => w === 8)).toHaveLength(normals);
  });
});

describe("boosted trees", () => {
  const random = new SeededRandom(1);
  const n = 4_000;
  const features = new Float32Array(n * 2);
  const labels = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    features[2 * r] = Math.fround(random.nextDouble());
    features[2 * r + 1] = Math.fround(random.nextDouble());
    labels[r] = features[2 * r] > 0.7 && features[2 * r + 1] < 0.5 ? 1 : 0;
  }
  const data = { features, featureCount: 2, labels, weights: new Float32Array(n).fill(1) };
  const options = {
    rounds: 20,
    maxDepth: 3,
    learningRate: 0.3,
    l2: 1,
    minChildWeight: 1,
    minGain: 0,
    maxBins: 32,
    subsample: 0.8,
  };

  test("learn an axis-aligned rule: margins split the classes", () => {
    const model = trainBoostedTrees(data, options, new SeededRandom(2));
    let errors = 0;
    for (let r = 0; r < n; r++)
      if ((boostedTreesMargin(model, features, 2 * r) > 0 ? 1 : 0) !== labels[r]) errors++;
    expect(errors / n).toBeLessThan(0.02);
    expect(model.trees).toHaveLength(20);
  });

  test("training is deterministic for a seed, and thresholds and leaves are float32", () => {
    const a = trainBoostedTrees(data, options, new SeededRandom(2));
    expect(trainBoostedTrees(data, options, new SeededRandom(2))).toEqual(a);
    for (const tree of a.trees) {
      for (const node of tree.nodes) {
        const x = node.kind === "split" ? node.threshold : node.value;
        expect(Math.fround(x)).toBe(x);
      }
    }
  });

  test("bin thresholds are distinct quantiles below the maximum", () => {
    expect(Array.from(binThresholds(Float32Array.from([1, 1, 1, 2, 3, 4]), 4))).toEqual([1, 2, 3]);
    expect(Array.from(binThresholds(Float32Array.from([1, 1, 1, 1, 1, 4]), 4))).toEqual([1]);
    expect(Array.from(binThresholds(Float32Array.from([5, 5, 5]), 8))).toEqual([]);
  });
});

describe("NAB scoring at a fixed threshold", () => {
  const windows = [[200, 249] as const, [500, 549] as const];
  const score = (flags: readonly number[], profile = NAB_PROFILES.standard) =>
    nabFileScore(1_000, windows, (i) => flags.includes(i), profile);

  test("every window on its first row and nothing else is 100; nothing is 0", () => {
    expect(nabNormalised([score([200, 500])], NAB_PROFILES.standard)).toBeCloseTo(100, 10);
    expect(nabNormalised([score([])], NAB_PROFILES.standard)).toBe(0);
    expect(score([200, 500])).toMatchObject({ windowsDetected: 2, falsePositives: 0 });
  });

  test("probation rows (the first 15 %) are not scored", () => {
    expect(score([10, 200, 500])).toEqual(score([200, 500]));
  });

  test("a false positive before any window costs fpWeight; a late detection earns less", () => {
    const clean = score([200, 500]).raw;
    expect(score([160, 200, 500]).raw).toBeLessThan(clean);
    expect(clean - score([200, 500, 252]).raw).toBeGreaterThan(0);
    const noWindows = nabFileScore(1_000, [], (i) => i === 300, NAB_PROFILES.standard);
    expect(noWindows.raw).toBeCloseTo(-0.11, 12);
    const late = score([249, 549]).raw;
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(clean);
  });
});

describe("nab-dev", () => {
  test("41 series in 6 categories with 86 windows, non-decreasing time", () => {
    const nab = readNabDev();
    expect(nab).toHaveLength(41);
    expect(new Set(nab.map((s) => s.category)).size).toBe(6);
    expect(nab.reduce((s, f) => s + f.windows.length, 0)).toBe(86);
    expect(nab.every((s) => s.timestamps.every((t, i) => i === 0 || t >= s.timestamps[i - 1]))).toBe(true);
  });
});
