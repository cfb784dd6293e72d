/** Pure TypeScript inference for any trained model: the references the parity tests hold the ONNX graphs to. */
import { decide, decisionThreshold } from "../decision";
import type { TrainedModel } from "../trained-model";
import { boostedTreesProbability } from "./boosted-trees";
import { contentPredict } from "./content-classifier";
import { isolationForestScore } from "./isolation-forest";
import { logisticProbability, logisticScore } from "./logistic";
import { twoMeansScore } from "./nearest-centre";

/** One model input item: a reading, a feature row, or a text. */
export type ModelInputItem = number | readonly number[] | string;

/** What a model outputs for one item (probability only for the logistic models). */
export interface Prediction {
  readonly label: 0 | 1;
  readonly score: number;
  readonly probability?: number;
  /** The content model's most likely attack class (0-based over its blocked categories). */
  readonly category?: number;
}

/** Predicts one item with the reference implementation of the model's kind. */
export function predictReference(model: TrainedModel, item: ModelInputItem): Prediction {
  const threshold = decisionThreshold(model);
  switch (model.kind) {
    case "isolation-forest": {
      const score = isolationForestScore(model, expectNumber(item));
      return { label: decide(score, threshold), score };
    }
    case "two-means": {
      const score = twoMeansScore(model, expectNumber(item));
      return { label: decide(score, threshold), score };
    }
    case "logistic": {
      if (!Array.isArray(item)) throw new TypeError("a logistic model takes a feature row");
      const score = logisticScore(model, item as readonly number[]);
      return { label: decide(score, threshold), score, probability: logisticProbability(score) };
    }
    case "content-softmax": {
      if (typeof item !== "string") throw new TypeError("a text model takes a string");
      const { label, score, probability, category } = contentPredict(model, item);
      return { label, score, probability, category };
    }
    case "boosted-trees": {
      if (!Array.isArray(item)) throw new TypeError("a boosted-trees model takes a feature row");
      const score = boostedTreesProbability(model, Float32Array.from(item as readonly number[]));
      return { label: decide(score, threshold), score };
    }
  }
}

function expectNumber(item: ModelInputItem): number {
  if (typeof item !== "number") throw new TypeError("this model takes one number per item");
  return item;
}
