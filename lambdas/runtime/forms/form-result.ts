/** What running one request form gives the runtime: the answer, its counts and any alert. */
import type { AlertDraft } from "../../alerts/alert-sink";

/** The outcome of one validated request, whatever its form. */
export interface FormResult {
  /** The 200 response body. */
  readonly body: Record<string, unknown>;
  /** Items (readings, points, events) the request scored. */
  readonly items: number;
  /** Of those, how many were flagged. */
  readonly anomalies: number;
  /** The alert to send (subject to the cooldown), when something was flagged. */
  readonly alert?: AlertDraft;
}
