/**
 * The decision rule of each model kind: label = score > threshold. The graph applies it to make
 * its `label` output, the references apply it, and the manifest publishes it for the runtime.
 */
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
