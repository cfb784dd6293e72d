/**
 * Trains the content model: picks a character n-gram vocabulary from the training texts, then fits
 * a softmax regression over (scaled n-gram counts, rule features) with class-balanced weights,
 * mini-batch Adam and L2, in a seeded order. Deterministic: same texts and options, same bytes.
 */
import { CONTENT_RULES } from "../content-rules";
import {
  contentFeatures,
  countScale,
  forEachAsciiNgram,
  graphCodePoints,
} from "../reference/content-features";
import type { ContentClassifierModel } from "../trained-model";
import { SeededRandom } from "./random";

/** Hyperparameters. */
export interface ContentTrainingOptions {
  /** Longest n-gram, in code points. */
  readonly maxGram: number;
  /** Vocabulary size (n-grams kept). */
  readonly vocabularySize: number;
  /** An n-gram must occur in at least this many training texts to be considered. */
  readonly minDocumentFrequency: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** L2 penalty per weight, per epoch. */
  readonly l2: number;
  /** Extra weight of the benign class over balanced weights: above 1 trades recall for fewer false positives. */
  readonly benignWeight: number;
  /** Use the rule features (false for the ablation). */
  readonly useRules: boolean;
  /** Names of rules left out (their weights stay 0), for ablations; none by default. */
  readonly withoutRules?: readonly string[];
  /** Use the n-gram features (false for the ablation). */
  readonly useNgrams: boolean;
  readonly seed: number;
}

/** One labelled training text (label indexes `classes`). */
export interface TrainingText {
  readonly text: string;
  readonly label: number;
}

interface SparseRow {
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly label: number;
  readonly weight: number;
}

/** Picks the n-grams whose document frequency differs most between classes. */
export function selectVocabulary(
  texts: readonly TrainingText[],
  classCount: number,
  options: ContentTrainingOptions,
): string[] {
  const perClass = new Map<string, Int32Array>();
  const classSizes = new Array<number>(classCount).fill(0);
  for (const { text, label } of texts) {
    classSizes[label]! += 1;
    const grams = new Set<string>();
    forEachAsciiNgram(graphCodePoints(text), options.maxGram, (gram) => grams.add(gram));
    for (const gram of grams) {
      let row = perClass.get(gram);
      if (!row) {
        row = new Int32Array(classCount);
        perClass.set(gram, row);
      }
      row[label]! += 1;
    }
  }
  const scored: { gram: string; score: number }[] = [];
  for (const [gram, row] of perClass) {
    let total = 0;
    let high = 0;
    let low = 1;
    for (let c = 0; c < classCount; c++) {
      total += row[c]!;
      const rate = row[c]! / Math.max(1, classSizes[c]!);
      high = Math.max(high, rate);
      low = Math.min(low, rate);
    }
    if (total < options.minDocumentFrequency) continue;
    scored.push({ gram, score: high - low });
  }
  // Ties broken by the n-gram itself, so the order never depends on Map insertion.
  scored.sort((a, b) => b.score - a.score || (a.gram < b.gram ? -1 : a.gram > b.gram ? 1 : 0));
  const kept = scored.slice(0, options.vocabularySize).map((s) => s.gram);
  return kept.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

function toRow(
  index: ReadonlyMap<string, number>,
  ngramCount: number,
  options: ContentTrainingOptions,
  text: TrainingText,
  weight: number,
): SparseRow {
  const f = contentFeatures(index, options.maxGram, text.text);
  const scale = countScale(f.total);
  const indices: number[] = [];
  const values: number[] = [];
  if (options.useNgrams) {
    f.indices.forEach((j, k) => {
      indices.push(j);
      values.push(Math.fround(f.counts[k]!) * scale);
    });
  }
  if (options.useRules) {
    f.rules.forEach((on, r) => {
      if (on && !options.withoutRules?.includes(CONTENT_RULES[r]!.name)) {
        indices.push(ngramCount + r);
        values.push(1);
      }
    });
  }
  return { indices: Int32Array.from(indices), values: Float64Array.from(values), label: text.label, weight };
}

/** Trains the content model on labelled texts. */
export function trainContentClassifier(
  texts: readonly TrainingText[],
  classes: readonly string[],
  options: ContentTrainingOptions,
): ContentClassifierModel {
  const k = classes.length;
  const ngrams = options.useNgrams ? selectVocabulary(texts, k, options) : [];
  const index = new Map(ngrams.map((g, j) => [g, j]));
  const ruleCount = CONTENT_RULES.length;
  const width = ngrams.length + ruleCount;
  const sizes = new Array<number>(k).fill(0);
  for (const t of texts) sizes[t.label]! += 1;
  const classWeight = sizes.map(
    (n, c) => (texts.length / (k * Math.max(n, 1))) * (c === 0 ? options.benignWeight : 1),
  );
  const rows = texts.map((t) => toRow(index, ngrams.length, options, t, classWeight[t.label]!));

  const w = new Float64Array(width * k);
  const b = new Float64Array(k);
  const mw = new Float64Array(width * k);
  const vw = new Float64Array(width * k);
  const mb = new Float64Array(k);
  const vb = new Float64Array(k);
  const gw = new Float64Array(width * k);
  const gb = new Float64Array(k);
  const random = new SeededRandom(options.seed);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let step = 0;
  const logits = new Float64Array(k);
  const rowGradient = new Float64Array(k);
  const decay = options.l2 / Math.ceil(rows.length / options.batchSize);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = random.sampleWithoutReplacement(rows.length, rows.length);
    const rate = options.learningRate / (1 + epoch);
    for (let start = 0; start < order.length; start += options.batchSize) {
      gw.fill(0);
      gb.fill(0);
      const end = Math.min(order.length, start + options.batchSize);
      for (let i = start; i < end; i++) {
        const row = rows[order[i]!]!;
        for (let c = 0; c < k; c++) logits[c] = b[c]!;
        for (let q = 0; q < row.indices.length; q++) {
          const base = row.indices[q]! * k;
          const v = row.values[q]!;
          for (let c = 0; c < k; c++) logits[c]! += w[base + c]! * v;
        }
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, logits[c]!);
        let sum = 0;
        for (let c = 0; c < k; c++) {
          logits[c] = Math.exp(logits[c]! - max);
          sum += logits[c]!;
        }
        for (let c = 0; c < k; c++) {
          rowGradient[c] = (row.weight * (logits[c]! / sum - (c === row.label ? 1 : 0))) / (end - start);
          gb[c]! += rowGradient[c]!;
        }
        // Feature by feature, class by class: each gw entry still receives this row's one term.
        for (let q = 0; q < row.indices.length; q++) {
          const base = row.indices[q]! * k;
          const v = row.values[q]!;
          for (let c = 0; c < k; c++) gw[base + c]! += rowGradient[c]! * v;
        }
      }
      step += 1;
      const correction1 = 1 - beta1 ** step;
      const correction2 = 1 - beta2 ** step;
      // Adam on every weight (the L2 term touches them all); the moments decay even where the batch had no feature.
      for (let at = 0; at < w.length; at++) {
        const wt = w[at]!;
        const g = gw[at]! + decay * wt;
        const m = beta1 * mw[at]! + (1 - beta1) * g;
        const v = beta2 * vw[at]! + (1 - beta2) * g * g;
        mw[at] = m;
        vw[at] = v;
        w[at] = wt - (rate * (m / correction1)) / (Math.sqrt(v / correction2) + 1e-8);
      }
      for (let c = 0; c < k; c++) {
        mb[c] = beta1 * mb[c]! + (1 - beta1) * gb[c]!;
        vb[c] = beta2 * vb[c]! + (1 - beta2) * gb[c]! * gb[c]!;
        b[c]! -= (rate * (mb[c]! / correction1)) / (Math.sqrt(vb[c]! / correction2) + 1e-8);
      }
    }
  }
  return {
    kind: "content-softmax",
    classes,
    ngrams,
    maxGram: options.maxGram,
    ruleCount,
    // A rule that never fired in training keeps weight 0 (L2 only shrinks it), so a left-out rule stays 0.
    weights: Array.from(w, (v, at) => (options.useRules || at < ngrams.length * k ? Math.fround(v) : 0)),
    biases: Array.from(b, Math.fround),
    threshold: 0,
  };
}
