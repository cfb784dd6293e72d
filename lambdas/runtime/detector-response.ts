/**
 * Response bodies: the seed's fields (echo and decision) plus `score`, `probability` where the
 * model has one, `category` where the detector has categories, and `model` ("cpu@<version>"). Long texts are echoed as a short prefix only: the
 * seed echoed a 5 MB body back, and responses and alerts should not carry what they need not.
 */
import type { DetectorSpec } from "../catalog";
import type { ItemPrediction } from "./predict";
import type { InputItem } from "./validate-request";

/** Characters of a text echoed in responses and alerts; longer texts end in "…". */
export const ECHO_PREFIX_CHARS = 64;

/** The item as echoed back: the item itself, or a text's first characters. */
export function echoOf(item: InputItem): InputItem {
  if (typeof item !== "string" || item.length <= ECHO_PREFIX_CHARS) return item;
  let end = ECHO_PREFIX_CHARS;
  // Never cut a surrogate pair in half.
  const last = item.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${item.slice(0, end)}…`;
}

/** "cpu@1.0.0+3fa9c2d1": which detector and model version answered. */
export function modelLabel(detector: Pick<DetectorSpec, "name">, modelVersion: string): string {
  return `${detector.name}@${modelVersion}`;
}

/** One item's result: echo field, decision field, score and (where the model has them) probability and category. */
export function itemResult(detector: DetectorSpec, item: InputItem, prediction: ItemPrediction) {
  return {
    [detector.echoField]: echoOf(item),
    [detector.decisionField]: prediction.decision,
    score: prediction.score,
    ...(prediction.probability === undefined ? {} : { probability: prediction.probability }),
    ...(prediction.category === undefined ? {} : { category: prediction.category }),
  };
}

/** Body of a single-item response: the item's result plus `model` (and `resource` when named). */
export function singleResponseBody(
  detector: DetectorSpec,
  item: InputItem,
  prediction: ItemPrediction,
  model: string,
  resource?: string,
): Record<string, unknown> {
  return {
    ...itemResult(detector, item, prediction),
    model,
    ...(resource === undefined ? {} : { resource }),
  };
}

/** Body of a batch response: `{"results": [...], "model": ...}`, results in request order. */
export function batchResponseBody(
  detector: DetectorSpec,
  items: readonly InputItem[],
  predictions: readonly ItemPrediction[],
  model: string,
  resource?: string,
): Record<string, unknown> {
  return {
    results: items.map((item, index) => itemResult(detector, item, predictions[index]!)),
    model,
    ...(resource === undefined ? {} : { resource }),
  };
}
