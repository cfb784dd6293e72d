/** The training building blocks, in process: generator, data, isolation forest, logistic regression, TF-IDF, text analysis. */

import { toModelText } from "../../models/content-input";
import { FLOAT32_MAX, float32AtOrBelow } from "../../models/float32";
import { isolationForestScore } from "../../models/reference/isolation-forest";
import { analyzeText } from "../../models/reference/text-analyzer";
import {
  CONTENT_SAMPLES,
  LOGIN_SAMPLES,
  poissonMixture,
  uniformMixture,
} from "../../models/training/datasets";
import { averagePathLength, percentile, trainIsolationForest } from "../../models/training/isolation-forest";
import { fitLogisticRegression, sigmoid } from "../../models/training/logistic-regression";
import { SeededRandom } from "../../models/training/random";
import { trainTextClassifier } from "../../models/training/tfidf-logistic";

describe("SeededRandom", () => {
  test("the same seed gives the same sequence, another seed another", () => {
    const draw = (seed: number) => {
      const r = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => r.nextUint32());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  test("uniform doubles lie in [0, 1) with mean 1/2 and variance 1/12", () => {
    const r = new SeededRandom(1);
    const xs = Array.from({ length: 100_000 }, () => r.nextDouble());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  test("Poisson draws have mean and variance lambda", () => {
    const counts = poissonMixture(new SeededRandom(3), [{ count: 20_000, lambda: 100 }]);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    const variance = counts.reduce((a, b) => a + (b - mean) ** 2, 0) / counts.length;
    expect(counts.every(Number.isInteger)).toBe(true);
    expect(Math.abs(mean - 100)).toBeLessThan(0.5);
    expect(Math.abs(variance - 100)).toBeLessThan(5);
  });

  test("sampling without replacement gives distinct indices in range", () => {
    const sample = new SeededRandom(5).sampleWithoutReplacement(1050, 256);
    expect(new Set(sample).size).toBe(256);
    expect(sample.every((i) => Number.isInteger(i) && i >= 0 && i < 1050)).toBe(true);
  });
});

describe("isolation forest", () => {
  test("c(n) is scikit-learn's average path length", () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(
      2 * (Math.log(255) + 0.5772156649015329) - (2 * 255) / 256,
      12,
    );
    expect(averagePathLength(256)).toBeCloseTo(10.24477, 5);
  });

  test("percentile interpolates linearly like numpy", () => {
    expect(percentile([4, 1, 3, 2], 5)).toBeCloseTo(1.15, 12);
    expect(percentile([10, 0, 5], 50)).toBe(5);
    expect(percentile([1, 2], 100)).toBe(2);
  });

  const data = uniformMixture(new SeededRandom(9), [
    { count: 1000, low: 5, high: 60 },
    { count: 50, low: 85, high: 100 },
  ]);
  const model = trainIsolationForest(
    data,
    { nEstimators: 100, maxSamples: 256, contamination: 0.05 },
    new SeededRandom(9),
  );

  test("grows 100 trees on 256 samples each, no deeper than log2(256)", () => {
    expect(model.trees).toHaveLength(100);
    expect(model.sampleSize).toBe(256);
    const depth = (nodes: (typeof model.trees)[number]["nodes"], id: number): number => {
      const node = nodes[id];
      return node.kind === "leaf" ? 0 : 1 + Math.max(depth(nodes, node.left), depth(nodes, node.right));
    };
    for (const tree of model.trees) expect(depth(tree.nodes, 0)).toBeLessThanOrEqual(8);
  });

  test("the threshold flags the contamination share of the training data", () => {
    const flagged = data.filter((x) => isolationForestScore(model, x) > model.threshold).length;
    // numpy's percentile at 5 % of 1050 scores interpolates between the 53rd and 54th highest,
    // so scikit-learn's rule flags 53 of them (5.05 %).
    expect(flagged).toBe(Math.floor(0.05 * (data.length - 1)) + 1);
  });

  test("scores are in (0, 1] and higher far from the data than inside it", () => {
    const inside = isolationForestScore(model, 30);
    for (const far of [0, 100, 1e6, Number.POSITIVE_INFINITY])
      expect(isolationForestScore(model, far)).toBeGreaterThan(inside);
    expect(inside).toBeGreaterThan(0);
    expect(isolationForestScore(model, 1e6)).toBeLessThanOrEqual(1);
  });

  test("training is deterministic", () => {
    const again = trainIsolationForest(
      data,
      { nEstimators: 100, maxSamples: 256, contamination: 0.05 },
      new SeededRandom(9),
    );
    expect(again).toEqual(model);
  });
});

describe("logistic regression", () => {
  test("the login fit sits at the optimum of scikit-learn's objective (gradient zero)", () => {
    const fit = fitLogisticRegression(LOGIN_SAMPLES.features, LOGIN_SAMPLES.labels, 1);
    // Gradient of 0.5 * |w|^2 + C * sum(log-loss), computed independently of the trainer.
    const gradient = [...fit.weights, 0];
    LOGIN_SAMPLES.features.forEach((row, i) => {
      const p = sigmoid(row[0] * fit.weights[0] + row[1] * fit.weights[1] + fit.intercept);
      const residual = p - LOGIN_SAMPLES.labels[i];
      gradient[0] += residual * row[0];
      gradient[1] += residual * row[1];
      gradient[2] += residual;
    });
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-10);
    expect(fit.weights[0]).toBeGreaterThan(0);
    expect(fit.weights[1]).toBeLessThan(0);
  });

  test("stronger regularisation (smaller C) shrinks the weights", () => {
    const strong = fitLogisticRegression(LOGIN_SAMPLES.features, LOGIN_SAMPLES.labels, 0.01);
    const weak = fitLogisticRegression(LOGIN_SAMPLES.features, LOGIN_SAMPLES.labels, 1);
    expect(Math.hypot(...strong.weights)).toBeLessThan(Math.hypot(...weak.weights));
  });

  test("sigmoid does not overflow", () => {
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(0)).toBe(0.5);
  });
});

describe("TF-IDF + logistic regression", () => {
  const model = trainTextClassifier(CONTENT_SAMPLES.texts, CONTENT_SAMPLES.labels, { c: 1 });

  test("learns scikit-learn's sorted 16-word vocabulary with smooth idf", () => {
    expect(model.vocabulary).toEqual([...model.vocabulary].sort());
    expect(model.vocabulary).toHaveLength(16);
    const idf = (word: string) => model.idf[model.vocabulary.indexOf(word)];
    expect(idf("this")).toBe(Math.fround(Math.log(5 / 3) + 1)); // in two of four texts
    expect(idf("spam")).toBe(Math.fround(Math.log(5 / 2) + 1)); // in one
  });
});

describe("text analysis (what the graph's normaliser and tokenizer produce)", () => {
  test("lowercases and keeps runs of two or more ASCII word characters", () => {
    expect(analyzeText("Click THIS http://Spam.com, a b_c 42!")).toEqual([
      "click",
      "this",
      "http",
      "spam",
      "com",
      "b_c",
      "42",
    ]);
  });

  test("non-ASCII letters are not word characters; U+0130 and U+212A lowercase to ASCII", () => {
    expect(analyzeText("café 日本語")).toEqual(["caf"]);
    expect(analyzeText("İs \u212Aey")).toEqual(["is", "key"]);
  });

  test("the graph sees a text up to its first U+0000, and toModelText turns U+0000 into a space", () => {
    expect(analyzeText("hello\u0000click")).toEqual(["hello"]);
    expect(analyzeText(toModelText("hello\u0000click"))).toEqual(["hello", "click"]);
    expect(analyzeText("")).toEqual([]);
  });
});

describe("float32 rounding", () => {
  test("float32AtOrBelow gives the largest float32 not above x", () => {
    for (const x of [0.1, -0.1, 300.123456789, 1e-50, -1e-50, 5, 1e39]) {
      const below = float32AtOrBelow(x);
      expect(Math.fround(below)).toBe(below);
      expect(below).toBeLessThanOrEqual(x);
      const next = new Float32Array([below]);
      if (below > 0) new Uint32Array(next.buffer)[0] += 1;
      else if (below < 0) new Uint32Array(next.buffer)[0] -= 1;
      if (below !== 0 && below < FLOAT32_MAX) expect(next[0]).toBeGreaterThan(x);
    }
  });
});
