/** Serialises any trained model as ONNX bytes. */
import type { TrainedModel } from "../trained-model";
import { boostedTreesGraph } from "./boosted-trees-graph";
import { contentClassifierGraph } from "./content-classifier-graph";
import { encodeModel } from "./graph-builder";
import { isolationForestGraph } from "./isolation-forest-graph";
import { logisticGraph } from "./logistic-graph";
import { twoMeansGraph } from "./two-means-graph";

/** The ONNX model file for a trained model; `description` becomes its doc string. */
export function exportModel(model: TrainedModel, description: string): Uint8Array {
  switch (model.kind) {
    case "isolation-forest":
      return encodeModel(isolationForestGraph(model), description);
    case "two-means":
      return encodeModel(twoMeansGraph(model), description);
    case "logistic":
      return encodeModel(logisticGraph(model), description);
    case "content-softmax":
      return encodeModel(contentClassifierGraph(model), description);
    case "boosted-trees":
      return encodeModel(boostedTreesGraph(model), description);
  }
}
