/** The content detector's trainer: the corpus, the hyperparameters and the words the manifest publishes. */
import type { ContentClassifierModel } from "../../trained-model";
import { type ContentTrainingOptions, trainContentClassifier } from "../char-ngram-softmax";
import { buildContentCorpus, CONTENT_CLASSES, CORPUS_SIZES, type ContentCorpus } from "./content-corpus";

/** Seed of the corpus (split, generators) and of the training order. */
export const CONTENT_SEED = 7;

/** The shipped hyperparameters (docs/models.md gives the measurements behind them). */
export const CONTENT_TRAINING: ContentTrainingOptions = {
  maxGram: 4,
  vocabularySize: 8000,
  minDocumentFrequency: 3,
  epochs: 6,
  batchSize: 128,
  learningRate: 0.01,
  l2: 1e-4,
  benignWeight: 1,
  useRules: true,
  useNgrams: true,
  seed: CONTENT_SEED,
};

/** The trained content model with its corpus (the evaluation reads the held-out part). */
export interface TrainedContent {
  readonly model: ContentClassifierModel;
  readonly corpus: ContentCorpus;
}

/** Builds the corpus and trains on its training part (options override the shipped ones, for ablations). */
export function trainContent(
  options: Partial<ContentTrainingOptions> = {},
  corpus?: ContentCorpus,
): TrainedContent {
  const data = corpus ?? buildContentCorpus(CONTENT_SEED);
  const model = trainContentClassifier(data.train, CONTENT_CLASSES, { ...CONTENT_TRAINING, ...options });
  return { model, corpus: data };
}

/** The recipe, in words, for the manifest. */
export function contentRecipe(model: ContentClassifierModel): string {
  const o = CONTENT_TRAINING;
  return (
    `Character n-grams (1-${o.maxGram} code points, ASCII only, after lowercasing) counted against a vocabulary of ` +
    `${model.ngrams.length} chosen by the largest gap in per-class document frequency (document frequency >= ` +
    `${o.minDocumentFrequency}); counts scaled by 1 / sqrt(their total); plus ${model.ruleCount} regular-expression rule ` +
    "features (models/content-rules.ts). A softmax regression over the classes " +
    `${model.classes.join(", ")}, class-balanced weights with benign x${o.benignWeight}, Adam (learning rate ` +
    `${o.learningRate} / (1 + epoch), batch ${o.batchSize}, ${o.epochs} epochs, L2 ${o.l2}), seeded order. ` +
    "score = log(sum of attack-class probabilities / benign probability); category = the most likely attack class. " +
    "The whole pipeline is in the graph (per-text Scan: StringNormalizer -> char Tokenizer -> TfIdfVectorizer -> " +
    "MatMul, RegexFullMatch per rule), so it takes raw strings. Runtime side: replace U+0000 with a space before " +
    "inference (models/content-input.ts toModelText), because onnxruntime-node cuts strings at U+0000."
  );
}

/** The training data, in words, for the manifest. */
export function contentTrainingData(corpus: ContentCorpus): string {
  const counts = CONTENT_CLASSES.map(
    (name, label) => `${name} ${corpus.train.filter((t) => t.label === label).length}`,
  ).join(", ");
  return (
    `${corpus.train.length} texts (${counts}): HttpParamsDataset's train split (MIT; ` +
    `${100 - CORPUS_SIZES.httpparamsHeldOutFraction * 100} % of it, shuffled with SeededRandom(${CONTENT_SEED})), ` +
    "attack payloads from Helios's own grammars (models/training/content/*-grammar.ts), realistic benign text " +
    "(@faker-js/faker in 21 locales plus sentence templates) and tricky benign text. Held out: the other " +
    `${CORPUS_SIZES.httpparamsHeldOutFraction * 100} % of HttpParamsDataset and texts drawn with held-out grammar branches (docs/models.md).`
  );
}
