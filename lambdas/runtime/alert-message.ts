/**
 * The alert for a request with anomalies: one per request, a batch summarised in one message.
 * The message is bounded well under SNS's 256 KB: at most MAX_ALERT_ITEMS anomalous items are
 * listed, and texts appear only as their echo prefix.
 */

import type { RuntimeModelEntry } from "../../models/manifest-schema";
import type { Alert } from "../alerts/alert-sink";
import type { DetectorSpec } from "../catalog";
import { echoOf, modelLabel } from "./detector-response";
import type { ItemPrediction } from "./predict";
import type { DetectorRequest } from "./validate-request";

/** Most anomalous items listed in one batch alert; the rest are counted. */
export const MAX_ALERT_ITEMS = 100;

/** Who asked and when, for the alert. */
export interface AlertContext {
  readonly requestId: string;
  readonly time: Date;
}

/** The alert for a request's predictions, or undefined when nothing was anomalous. */
export function buildAlert(
  detector: DetectorSpec,
  entry: RuntimeModelEntry,
  request: DetectorRequest,
  predictions: readonly ItemPrediction[],
  context: AlertContext,
): Alert | undefined {
  const anomalous = predictions.flatMap((prediction, index) => (prediction.decision === 1 ? [index] : []));
  if (anomalous.length === 0) return undefined;
  const common = {
    detector: detector.name,
    model: modelLabel(detector, entry.modelVersion),
    modelVersion: entry.modelVersion,
    decision: {
      output: entry.decision.output,
      operator: entry.decision.operator,
      threshold: entry.decision.threshold,
    },
    threshold: entry.decision.threshold,
    requestId: context.requestId,
    time: context.time.toISOString(),
  };
  const describe = (index: number) => {
    const prediction = predictions[index]!;
    return {
      input: echoOf(request.items[index]!),
      score: prediction.score,
      ...(prediction.probability === undefined ? {} : { probability: prediction.probability }),
      ...(prediction.category === undefined ? {} : { category: prediction.category }),
    };
  };

  if (request.mode === "single") {
    return {
      subject: `Helios: ${detector.name} anomaly${predictions[0]?.category ? ` (${predictions[0].category})` : ""}`,
      detector: detector.name,
      message: { ...common, ...describe(0) },
    };
  }
  const listed = anomalous.slice(0, MAX_ALERT_ITEMS);
  return {
    subject: `Helios: ${anomalous.length} ${detector.name} ${anomalous.length === 1 ? "anomaly" : "anomalies"} in a batch`,
    detector: detector.name,
    message: {
      ...common,
      batchSize: request.items.length,
      count: anomalous.length,
      anomalies: listed.map((index) => ({ index, ...describe(index) })),
      notListed: anomalous.length - listed.length,
    },
  };
}
