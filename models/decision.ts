/**
 * The decision rule of each model kind: label = score > threshold. The graph applies it to make
 * its `label` output, the references apply it, and the manifest publishes it for the runtime.
 */
import type { DecisionRule } from "./manifest-schema";
import { OUTPUT_NAMES } from "./onnx/signature";
import type { TrainedModel } from "./trained-model";

/** The float32 threshold above which a model's score means anomaly (or block). */
export function decisionThreshold(model: TrainedModel): number {
  // Isolation forests carry the contamination-derived threshold; the others decide at 0
  // (logit 0 = probability 0.5; network: the midpoint between the centres).
  return model.kind === "isolation-forest" || model.kind === "content-softmax" ? model.threshold : 0;
}

/** The decision for a score: 1 when score > threshold. */
export function decide(score: number, threshold: number): 0 | 1 {
  return score > threshold ? 1 : 0;
}

/** The decision rule the manifest publishes for a reading model, with what its score means. */
export function readingDecisionRule(model: TrainedModel): DecisionRule {
  const threshold = decisionThreshold(model);
  const rule = { output: OUTPUT_NAMES.score, operator: ">" as const, threshold };
  switch (model.kind) {
    case "isolation-forest":
      return {
        ...rule,
        description:
          `Anomaly when score > ${threshold}. The score is scikit-learn's isolation-forest anomaly score ` +
          `2^(-E[h(x)] / c(${model.sampleSize})) (minus score_samples), in (0, 1], higher = more anomalous; the threshold is ` +
          "minus scikit-learn's offset_, the training score at the contamination percentile.",
      };
    case "two-means":
      return {
        ...rule,
        description:
          "Anomaly when score > 0. The score is (d_low^2 - d_high^2) / (2 (c_high - c_low)) = x - midpoint, the " +
          "requests per second beyond the midpoint between the two cluster centres: positive exactly when the high " +
          "(anomaly) centre is nearer; ties go to normal. Infinity is clamped to the largest float32.",
      };
    case "logistic":
      return {
        ...rule,
        description:
          "Anomaly when score > 0. The score is the logistic regression's logit (decision_function), clamped to the " +
          "finite float32 range; probability = sigmoid(score) is the probability of an attack.",
      };
    case "content-softmax":
      return {
        ...rule,
        description:
          `Blocked when score > ${threshold}. The score is the log-odds that the text is an attack: the log of the ` +
          "summed attack-class probabilities over the benign class's; probability = sigmoid(score). The output " +
          "`category` is the most likely attack class (an index into the catalog's categories); an allowed text's " +
          "category is none.",
      };
    case "boosted-trees":
      throw new Error("boosted trees serve the series forms, whose decision the series trainer describes");
  }
}
