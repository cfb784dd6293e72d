/** Reference inference for the content model: the graph's analyzer, TF-IDF, L2 norm and logit in float32. */
import type { TextClassifierModel } from "../trained-model";
import { analyzeText } from "./text-analyzer";

/** Smallest norm the graph divides by, so that a text with no known word gives the zero vector. */
export const MIN_NORM = 1e-30;

/** The TF-IDF vector the graph computes for a text, L2-normalised (float32). */
export function textFeatures(model: TextClassifierModel, text: string): number[] {
  const index = new Map(model.vocabulary.map((word, j) => [word, j]));
  const counts = new Array<number>(model.vocabulary.length).fill(0);
  for (const token of analyzeText(text)) {
    const j = index.get(token);
    if (j !== undefined) counts[j]++;
  }
  const weighted = counts.map((count, j) => Math.fround(count * model.idf[j]));
  let squares = 0;
  for (const v of weighted) squares = Math.fround(squares + Math.fround(v * v));
  const norm = Math.max(Math.fround(Math.sqrt(squares)), Math.fround(MIN_NORM));
  return weighted.map((v) => Math.fround(v / norm));
}

/** The classifier's logit for a text, summed in float64 like the graph and rounded to float32; above 0 means block. */
export function textScore(model: TextClassifierModel, text: string): number {
  const features = textFeatures(model, text);
  let sum = 0;
  features.forEach((v, j) => {
    sum += v * model.weights[j];
  });
  return Math.fround(sum + model.intercept);
}
