/**
 * TF-IDF with scikit-learn's TfidfVectorizer defaults (raw counts, smooth idf = ln((1+n)/(1+df)) + 1,
 * L2 normalisation) followed by logistic regression, trained on labelled texts. The vocabulary is
 * learnt from the tokens the ONNX graph itself produces (see reference/text-analyzer.ts).
 */
import { analyzeText } from "../reference/text-analyzer";
import type { TextClassifierModel } from "../trained-model";
import { fitLogisticRegression } from "./logistic-regression";

/** Hyperparameters, named as in scikit-learn. */
export interface TextClassifierOptions {
  /** Inverse L2 regularisation strength of the logistic regression. */
  readonly c: number;
}

/** Fits the vocabulary, idf and classifier on the texts. */
export function trainTextClassifier(
  texts: readonly string[],
  labels: readonly number[],
  options: TextClassifierOptions,
): TextClassifierModel {
  const documents = texts.map(analyzeText);
  const vocabulary = [...new Set(documents.flat())].sort();
  const documentFrequency = vocabulary.map(
    (word) => documents.filter((tokens) => tokens.includes(word)).length,
  );
  const idf = documentFrequency.map((df) => Math.log((1 + documents.length) / (1 + df)) + 1);
  const features = documents.map((tokens) => {
    const row = vocabulary.map((word, j) => tokens.filter((t) => t === word).length * idf[j]);
    const norm = Math.hypot(...row);
    return norm > 0 ? row.map((v) => v / norm) : row;
  });
  const fit = fitLogisticRegression(features, labels, options.c);
  return {
    kind: "text-logistic",
    vocabulary,
    idf: idf.map(Math.fround),
    weights: fit.weights.map(Math.fround),
    intercept: Math.fround(fit.intercept),
  };
}
