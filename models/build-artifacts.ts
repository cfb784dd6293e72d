/** Trains every catalogued detector and produces its ONNX bytes and manifest entry. */
import { createHash } from "node:crypto";
import { DETECTORS, modelFileOf } from "../lambdas/catalog";
import { describeBoundaries } from "./boundaries";
import { decisionThreshold } from "./decision";
import type { DecisionRule, ModelEntry, ModelManifest } from "./manifest-schema";
import { exportModel } from "./onnx/export-model";
import { OUTPUT_NAMES, signatureOf } from "./onnx/signature";
import type { TrainedModel } from "./trained-model";
import { TRAINERS } from "./trainers";

/** Major.minor.patch of the model format; the build metadata is the file's hash. */
const MODEL_VERSION_BASE = "1.0.0";

/** One detector's artifacts. */
export interface DetectorArtifacts {
  readonly name: string;
  readonly model: TrainedModel;
  readonly onnx: Uint8Array;
  readonly entry: ModelEntry;
}

/** Everything `npm run train` writes. */
export interface Artifacts {
  readonly detectors: readonly DetectorArtifacts[];
  readonly manifest: ModelManifest;
}

/** Trains all detectors in catalog order. */
export function buildArtifacts(): Artifacts {
  const detectors = DETECTORS.map((detector): DetectorArtifacts => {
    const trained = TRAINERS[detector.name]();
    const onnx = exportModel(trained.model, `Helios ${detector.name} detector. ${trained.recipe}`);
    const sha256 = createHash("sha256").update(onnx).digest("hex");
    const signature = signatureOf(trained.model);
    const entry: ModelEntry = {
      file: modelFileOf(detector),
      sha256,
      modelVersion: `${MODEL_VERSION_BASE}+${sha256.slice(0, 8)}`,
      inputs: signature.inputs,
      outputs: signature.outputs,
      decision: decisionRule(trained.model),
      boundaries: describeBoundaries(trained.model, detector.input, trained.seedBoundaries),
      recipe: trained.recipe,
      trainingData: trained.trainingData,
    };
    return { name: detector.name, model: trained.model, onnx, entry };
  });
  const models = Object.fromEntries(detectors.map((d) => [d.name, d.entry]));
  return { detectors, manifest: { formatVersion: 1, models } };
}

function decisionRule(model: TrainedModel): DecisionRule {
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
  }
}
