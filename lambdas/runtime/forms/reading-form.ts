/** The seed's reading form: one reading (or text, or pair) or a batch, through the detector's reading model. */
import type { DetectorSpec } from "../../catalog";
import { type AlertContext, buildAlert } from "../alert-message";
import { batchResponseBody, modelLabel, singleResponseBody } from "../detector-response";
import type { LoadedModel } from "../model-loader";
import { predict } from "../predict";
import type { ReadingRequest } from "../validate-request";
import type { FormResult } from "./form-result";

/** Scores a reading request in one session run and builds its answer and alert. */
export async function runReadingForm(
  model: LoadedModel,
  detector: DetectorSpec,
  request: ReadingRequest,
  context: AlertContext,
): Promise<FormResult> {
  const { items, mode, resource } = request;
  const predictions = await predict(model, detector, items);
  const label = modelLabel(detector, model.entry.modelVersion);
  const body =
    mode === "single"
      ? singleResponseBody(detector, items[0]!, predictions[0]!, label, resource)
      : batchResponseBody(detector, items, predictions, label, resource);
  const anomalies = predictions.reduce((count, p) => count + p.decision, 0);
  const alert = buildAlert(detector, model.entry, request, predictions, context);
  return { body, items: items.length, anomalies, ...(alert ? { alert } : {}) };
}
