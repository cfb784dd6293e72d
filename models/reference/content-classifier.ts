/**
 * Reference inference for the content model, in float64 with float32 parameters: what the graph
 * computes, to within float32 rounding. score = log(sum over attack classes of exp(logit)) minus
 * the benign logit (the log-odds of "some attack"); category = the most likely attack class.
 */
import type { ContentClassifierModel } from "../trained-model";
import { contentFeatures, countScale } from "./content-features";

/** The model's answer for one text. */
export interface ContentPrediction {
  readonly logits: readonly number[];
  /** Log-odds that the text is an attack (float32). */
  readonly score: number;
  /** sigmoid(score) (float32). */
  readonly probability: number;
  /** Index of the most likely attack class among classes[1..] (0-based over the attack classes). */
  readonly category: number;
  readonly label: 0 | 1;
}

const indexCache = new WeakMap<ContentClassifierModel, Map<string, number>>();

function vocabularyIndex(model: ContentClassifierModel): Map<string, number> {
  let index = indexCache.get(model);
  if (!index) {
    index = new Map(model.ngrams.map((g, j) => [g, j]));
    indexCache.set(model, index);
  }
  return index;
}

/** The class logits for a text. */
export function contentLogits(model: ContentClassifierModel, text: string): number[] {
  const k = model.classes.length;
  const f = contentFeatures(vocabularyIndex(model), model.maxGram, text);
  const scale = countScale(f.total);
  const logits = new Array<number>(k).fill(0);
  f.indices.forEach((j, q) => {
    for (let c = 0; c < k; c++) logits[c]! += f.counts[q]! * model.weights[j * k + c]!;
  });
  for (let c = 0; c < k; c++) logits[c] = logits[c]! * scale + model.biases[c]!;
  f.rules.forEach((on, r) => {
    if (!on) return;
    const base = (model.ngrams.length + r) * k;
    for (let c = 0; c < k; c++) logits[c]! += model.weights[base + c]!;
  });
  return logits;
}

/** Log-odds of an attack from class logits (index 0 benign). */
export function attackScore(logits: readonly number[]): number {
  const attacks = logits.slice(1);
  const max = Math.max(...attacks);
  const sum = attacks.reduce((s, z) => s + Math.exp(z - max), 0);
  return max + Math.log(sum) - logits[0]!;
}

/** The model's prediction for a text. */
export function contentPredict(model: ContentClassifierModel, text: string): ContentPrediction {
  const logits = contentLogits(model, text);
  const score = Math.fround(attackScore(logits));
  const attacks = logits.slice(1);
  const category = attacks.indexOf(Math.max(...attacks));
  return {
    logits,
    score,
    probability: Math.fround(1 / (1 + Math.exp(-score))),
    category,
    label: score > model.threshold ? 1 : 0,
  };
}
