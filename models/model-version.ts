/** How a model version is derived (`npm run train` writes it into each manifest entry). */
import { createHash } from "node:crypto";

/**
 * The hash a model version names: the model file's bytes and what its manifest entry decides with
 * (threshold, expected band, series post-processing), so that a new threshold or decision rule on the
 * same file is a new version in every answer, alert and log line, as new bytes are.
 */
export function behaviourHash(
  onnx: Uint8Array,
  served: { readonly decision: unknown; readonly expected?: unknown; readonly series?: unknown },
): string {
  const rules = JSON.stringify({
    decision: served.decision,
    expected: served.expected ?? null,
    series: served.series ?? null,
  });
  return createHash("sha256").update(onnx).update(rules).digest("hex");
}
