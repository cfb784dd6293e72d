/**
 * The series form: a resource's series scored against its own history by the series core
 * (lambdas/detection/series), the same core the watcher and the backtest run.
 */
import type { DetectorSpec } from "../../catalog";
import { scoreSeries } from "../../detection/series/score-series";
import type { SeriesScore } from "../../detection/series/series-pipeline";
import { seriesSettingsOf } from "../../detection/series/series-settings";
import type { AlertContext } from "../alert-message";
import { modelLabel } from "../detector-response";
import type { LoadedModel } from "../model-loader";
import { shortestFloat32 } from "../predict";
import type { FormResult } from "./form-result";
import { seriesAlert } from "./series-alert";
import type { SeriesRequest } from "./series-request";

/** The expected range within what the detector accepts (a cpu band never goes past 100 %). */
function clampToInput(detector: DetectorSpec, [low, high]: SeriesScore["expected"]): [number, number] {
  const input = detector.input;
  const minimum = input.kind === "number" ? input.minimum : Number.NEGATIVE_INFINITY;
  const maximum =
    input.kind === "number" ? (input.maximum ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  const clamp = (x: number) => Math.min(Math.max(x, minimum), maximum);
  return [clamp(low), clamp(high)];
}

/** Scores a series request and builds its answer (one result per point from score_from) and alert. */
export async function runSeriesForm(
  model: LoadedModel,
  detector: DetectorSpec,
  request: SeriesRequest,
  context: AlertContext,
): Promise<FormResult> {
  const settings = seriesSettingsOf(model.entry);
  // The entry was checked when the model loaded; a wrong one here is a fault of ours, not the client's.
  if (!settings.ok) throw new Error(`model ${model.entry.modelVersion}: ${settings.problem}`);
  const scored = await scoreSeries(
    model.session,
    settings.value,
    request.timestamps,
    request.values,
    request.scoreFrom,
  );
  const points = scored.map((point) => ({ ...point, expected: clampToInput(detector, point.expected) }));
  const label = modelLabel(detector, model.entry.modelVersion);
  const results = points.map((point, index) => ({
    t: request.sentTimestamps[request.scoreFrom + index]!,
    value: point.value,
    score: shortestFloat32(point.score),
    anomaly: point.anomaly,
    expected: [
      shortestFloat32(Math.fround(point.expected[0])),
      shortestFloat32(Math.fround(point.expected[1])),
    ],
  }));
  const threshold = shortestFloat32(settings.value.threshold);
  const body = {
    ...(request.resource === undefined ? {} : { resource: request.resource }),
    results,
    threshold,
    model: label,
  };
  const anomalies = points.reduce((count, point) => count + point.anomaly, 0);
  const alert = seriesAlert(detector, points, threshold, label, request.resource, context);
  return { body, items: points.length, anomalies, ...(alert ? { alert } : {}) };
}
