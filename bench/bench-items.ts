/** The requests the benchmarks send: each detector's documented normal example, alone or repeated. */
import { type DetectorSpec, REQUEST_FIELDS } from "../lambdas/catalog";

/** Items in the batch benchmark: 10,000, or the detector's largest batch when that is smaller. */
export const BATCH_ITEMS = 10_000;

/** The batch size benchmarked for a detector. */
export function batchItemsOf(detector: Pick<DetectorSpec, "maxBatchItems">): number {
  return Math.min(BATCH_ITEMS, detector.maxBatchItems);
}

/**
 * A JSON request body: the detector's normal example, or a batch of it. Normal items raise no
 * alert, so the figures are the prediction path's, not an alert sink's (SNS on Lambda).
 */
export function requestBody(detector: DetectorSpec, batchItems?: number): string {
  const fields = REQUEST_FIELDS[detector.input.kind];
  const example = detector.examples.normal;
  return JSON.stringify(
    batchItems === undefined
      ? { [fields.single]: example }
      : { [fields.batch]: Array.from({ length: batchItems }, () => example) },
  );
}
