/**
 * The alert for a reading request with anomalies: one per request, a batch summarised in one
 * message, as JSON for machines and as readable text for email. The message is bounded well under
 * SNS's 256 KB: at most MAX_ALERT_ITEMS anomalous items are listed, and texts appear only as their
 * echo prefix.
 */

import type { RuntimeModelEntry } from "../../models/manifest-schema";
import type { AlertDraft } from "../alerts/alert-sink";
import { type AlertFact, logLocation } from "../alerts/alert-text";
import type { DetectorSpec } from "../catalog";
import { echoOf, modelLabel } from "./detector-response";
import type { ItemPrediction } from "./predict";
import type { InputItem, ReadingRequest } from "./validate-request";

/** Most anomalous items listed in one batch alert; the rest are counted. */
export const MAX_ALERT_ITEMS = 100;

/** Most anomalous items spelled out in an alert's text (the JSON lists up to MAX_ALERT_ITEMS). */
const MAX_TEXT_ITEMS = 20;

/** Who asked and when, for the alert. */
export interface AlertContext {
  readonly requestId: string;
  readonly time: Date;
  /** Where the function runs (Lambda's variables name its log group), for "look closer". */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The door the request came through: the API (the default) or AWS console sign-ins. */
  readonly source?: "api" | "console";
}

/** An item as a person reads it: `95 percent`, `[6, 2] ([failed_attempts, hour])`, `"click …"`. */
function describeItem(detector: DetectorSpec, item: InputItem): string {
  const echoed = echoOf(item);
  switch (detector.input.kind) {
    case "number":
      return `${echoed} ${detector.input.unit}`;
    case "pair":
      return `[${(echoed as readonly number[]).join(", ")}] ([${detector.input.parts.map((p) => p.name).join(", ")}])`;
    case "text":
      return JSON.stringify(echoed);
  }
}

/** What the model calls normal, in words. */
function expectedOf(detector: DetectorSpec, entry: RuntimeModelEntry): string {
  if (entry.expected && detector.input.kind === "number") {
    return `${entry.expected[0]} to ${entry.expected[1]} ${detector.input.unit}`;
  }
  const decision = entry.decision;
  const other = decision.operator === ">" ? "<=" : "<";
  return `${decision.output} ${other} ${decision.threshold}`;
}

/** The alert draft for a request's predictions, or undefined when nothing was anomalous. */
export function buildAlert(
  detector: DetectorSpec,
  entry: RuntimeModelEntry,
  request: ReadingRequest,
  predictions: readonly ItemPrediction[],
  context: AlertContext,
): AlertDraft | undefined {
  const anomalous = predictions.flatMap((prediction, index) => (prediction.decision === 1 ? [index] : []));
  if (anomalous.length === 0) return undefined;
  const label = modelLabel(detector, entry.modelVersion);
  const on = request.resource === undefined ? "" : ` on ${request.resource}`;
  const noun = detector.decisionField === "blocked" ? "blocked text" : "anomaly";
  const common = {
    detector: detector.name,
    ...(request.resource === undefined ? {} : { resource: request.resource }),
    model: label,
    modelVersion: entry.modelVersion,
    decision: {
      output: entry.decision.output,
      operator: entry.decision.operator,
      threshold: entry.decision.threshold,
    },
    threshold: entry.decision.threshold,
    ...(entry.expected ? { expected: entry.expected } : {}),
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
  const facts: AlertFact[] = [
    ["Detector", `${detector.name} (${detector.title})`],
    ["Resource", request.resource ?? '(not named in the request; send "resource" to name it)'],
    ["Time", context.time.toISOString()],
  ];
  const lookCloser = [
    logLocation(context.env ?? {}, context.requestId),
    `the decision rule: anomaly when ${entry.decision.output} ${entry.decision.operator} ${entry.decision.threshold}`,
  ];

  if (request.mode === "single") {
    const item = describe(0);
    return {
      subject: `Helios: ${detector.name} ${noun}${item.category === undefined ? "" : ` (${item.category})`}${on}`,
      detector: detector.name,
      message: { ...common, ...item },
      textParts: {
        headline: `Helios flagged a ${detector.title.toLowerCase()} reading as ${detector.decisionField === "blocked" ? "malicious" : "anomalous"}.`,
        facts: [
          ...facts,
          ["Value", describeItem(detector, request.items[0]!)],
          ["Expected", expectedOf(detector, entry)],
          ["Score", item.score],
          ["Probability", item.probability],
          ["Category", item.category],
          ["Model", label],
        ],
        lookCloser,
      },
    };
  }
  const listed = anomalous.slice(0, MAX_ALERT_ITEMS);
  const plural = anomalous.length === 1 ? noun : noun === "anomaly" ? "anomalies" : "blocked texts";
  return {
    subject: `Helios: ${anomalous.length} ${detector.name} ${plural} in a batch${on}`,
    detector: detector.name,
    message: {
      ...common,
      batchSize: request.items.length,
      count: anomalous.length,
      anomalies: listed.map((index) => ({ index, ...describe(index) })),
      notListed: anomalous.length - listed.length,
    },
    textParts: {
      headline: `Helios flagged ${anomalous.length} of ${request.items.length} ${detector.title.toLowerCase()} readings in one batch.`,
      facts: [...facts, ["Expected", expectedOf(detector, entry)], ["Model", label]],
      sections: [
        {
          title: "Flagged readings (position in the batch: value, score):",
          lines: [
            ...anomalous
              .slice(0, MAX_TEXT_ITEMS)
              .map(
                (index) =>
                  `#${index}: ${describeItem(detector, request.items[index]!)}, score ${predictions[index]!.score}` +
                  (predictions[index]!.category === undefined ? "" : `, ${predictions[index]!.category}`),
              ),
            ...(anomalous.length > MAX_TEXT_ITEMS ? [`… and ${anomalous.length - MAX_TEXT_ITEMS} more`] : []),
          ],
        },
      ],
      lookCloser,
    },
  };
}
