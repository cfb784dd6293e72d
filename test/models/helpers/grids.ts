/**
 * Test inputs for a detector: a dense grid across the input's range, edge values, and (from the
 * trained parameters) every point where the model can change its mind.
 */
import fc from "fast-check";
import type { DetectorInput } from "../../../lambdas/catalog";
import { FLOAT32_MAX, float32AtOrBelow } from "../../../models/float32";
import type { ModelInputItem } from "../../../models/reference/predict";
import type { TrainedModel } from "../../../models/trained-model";

/** The next float32 above x. */
export function float32Above(x: number): number {
  const below = float32AtOrBelow(x);
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, below);
  const bits = view.getUint32(0);
  if (below === 0) return 1.401298464324817e-45;
  view.setUint32(0, below > 0 ? bits + 1 : bits - 1);
  const next = view.getFloat32(0);
  return next > x ? next : float32Above(next);
}

/** Edge values for any unbounded reading: huge finite values overflow float32 to Infinity. */
const HUGE = [1e6, 2 ** 24 + 1, 1e20, 1e38, FLOAT32_MAX, 3.5e38, 1e300, Number.MAX_VALUE];

/** A dense grid plus edges for a detector input. */
export function gridFor(input: DetectorInput): ModelInputItem[] {
  switch (input.kind) {
    case "number": {
      const top = input.maximum ?? 2000;
      const steps = 20_000;
      const grid = Array.from(
        { length: steps + 1 },
        (_, i) => input.minimum + ((top - input.minimum) * i) / steps,
      );
      const edges = [input.minimum, top, Number.MIN_VALUE, 1e-40, 1e-7, 0.5, Math.PI];
      const logGrid =
        input.maximum === undefined ? [...Array.from({ length: 39 }, (_, k) => 10 ** k), ...HUGE] : [];
      return [...grid, ...edges, ...logGrid];
    }
    case "pair": {
      const [first, second] = input.parts;
      const secondValues = range(second.minimum, second.maximum ?? second.minimum + 100);
      const firstValues = range(first.minimum, first.maximum ?? first.minimum + 200);
      const grid = firstValues.flatMap((a) => secondValues.map((b) => [a, b]));
      const huge = HUGE.flatMap((a) => [second.minimum, second.maximum ?? 1000].map((b) => [a, b]));
      return [...grid, ...huge];
    }
    case "text":
      return textCases();
  }
}

/** Every point where a trained model's decision can change, and its float32 neighbours. */
export function decisionPointsOf(model: TrainedModel): ModelInputItem[] {
  switch (model.kind) {
    case "isolation-forest": {
      const cuts = new Set(
        model.trees.flatMap((t) => t.nodes.flatMap((n) => (n.kind === "split" ? [n.threshold] : []))),
      );
      return [...cuts].flatMap((t) => [t, float32Above(t)]);
    }
    case "two-means":
      return [float32AtOrBelow(model.midpoint - 1e-4), model.midpoint, float32Above(model.midpoint)];
    case "logistic":
      return [];
    case "content-softmax":
      return ngramTexts(model.ngrams);
    case "boosted-trees":
      return [];
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Hand-picked texts where the graph and scikit-learn, or JavaScript and RE2/glibc, could part ways. */
export const TRICKY_TEXTS = [
  "",
  " ",
  "\t\n\r ",
  "a",
  "a b c",
  "click http://spam.com",
  "hello friend",
  "CLICK HTTP://SPAM.COM",
  "İs this safe", // U+0130: glibc lowercases it to "i", JavaScript to "i" + U+0307
  "\u212Aelvin check", // KELVIN SIGN lowercases to ASCII k
  "café naïve ÉCOLE", // ASCII-only \w: "caf", "na", "ve", "cole"
  "日本語 テキスト", // no ASCII word characters at all
  "under_score 12 ab12",
  "hello\u0000click http://spam.com", // onnxruntime-node ends the text at U+0000
  "\ud800 lone surrogate https",
  "emoji 😀 http 😀 spam",
  "<script>alert(1)</script>",
  "'; DROP TABLE users; --",
  "x".repeat(65_536),
  "click ".repeat(10_000),
];

function textCases(): string[] {
  const random = fc.sample(fc.string({ unit: "binary", maxLength: 60 }), { seed: 20_261_121, numRuns: 800 });
  const ascii = fc.sample(fc.string({ unit: "grapheme-ascii", maxLength: 60 }), { seed: 11, numRuns: 400 });
  return [...TRICKY_TEXTS, ...random, ...ascii];
}

/** Attack-shaped pieces, so that n-gram soups reach every class and every rule. */
const ATTACK_PIECES = [
  "' or 1=1--",
  " union select null,",
  "<script>",
  "alert(1)",
  "<img src=x onerror=",
  "javascript:",
  "; cat /etc/passwd",
  "$(id)",
  "`whoami`",
  "../../",
  "%2e%2e%2f",
  "click http://",
  ".biz",
  "bit.ly/",
  "waitfor delay '0:0:5'",
  "%27",
];

/** Texts built from the model's own n-grams and attack pieces, so that scores spread across all classes. */
function ngramTexts(ngrams: readonly string[]): string[] {
  const pieces = [...ngrams.filter((_, j) => j % 7 === 0), ...ATTACK_PIECES, " ", "\u0130S", "é", "\u212A"];
  const soups = fc.sample(
    fc.array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 16 }).map((parts) => parts.join("")),
    { seed: 42, numRuns: 1500 },
  );
  return [...ATTACK_PIECES, ...soups];
}
