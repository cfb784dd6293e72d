/**
 * At most one alert per detector and resource per cooldown window, across every function instance
 * (the window lives in the state store). Suppressed anomalies are counted, and the next alert says
 * how many it also stands for, so an incident is one email and nothing is silently lost.
 */
import type { StateStore } from "../state/state-store";
import { updateRecord } from "../state/update-record";
import { type Alert, type AlertDraft, finishAlert } from "./alert-sink";

/** State key prefix of cooldown records (the stack grants detector functions only this prefix). */
export const COOLDOWN_KEY_PREFIX = "alert#";

/** Cooldown records outlive their window by this long, so a late anomaly still learns what was suppressed. */
const RECORD_RETENTION_SECONDS = 7 * 24 * 3600;

/** What the cooldown decided for one anomalous request. */
export type CooldownVerdict =
  | {
      readonly send: true;
      /** Anomalies suppressed since the previous alert for this detector and resource. */
      readonly suppressedBefore: number;
      /** When the previous window started (epoch seconds), if there was one with suppressions. */
      readonly suppressedSince?: number;
    }
  | {
      readonly send: false /** When the current window ends (epoch seconds). */;
      readonly windowEnds: number;
    };

/** The state key of a detector and resource's window. */
export function cooldownKey(detector: string, resource: string | undefined): string {
  return `${COOLDOWN_KEY_PREFIX}${detector}#${resource ?? "-"}`;
}

/**
 * Decides whether a request's anomalies may be alerted now. A window of 0 seconds alerts every time
 * without touching the store.
 */
export async function admitAlert(
  store: StateStore,
  windowSeconds: number,
  detector: string,
  resource: string | undefined,
  anomalies: number,
  nowMs: number,
  signal?: AbortSignal,
): Promise<CooldownVerdict> {
  if (windowSeconds <= 0) return { send: true, suppressedBefore: 0 };
  const now = nowMs / 1000;
  return updateRecord<CooldownVerdict>(
    store,
    cooldownKey(detector, resource),
    (current) => {
      const windowEnds = typeof current?.windowEnds === "number" ? current.windowEnds : 0;
      const windowStart = typeof current?.windowStart === "number" ? current.windowStart : 0;
      const suppressed = typeof current?.suppressed === "number" ? current.suppressed : 0;
      if (now < windowEnds) {
        const value = { windowStart, windowEnds, suppressed: suppressed + anomalies };
        return {
          value,
          expiresAt: windowEnds + RECORD_RETENTION_SECONDS,
          result: { send: false, windowEnds },
        };
      }
      const next = { windowStart: now, windowEnds: now + windowSeconds, suppressed: 0 };
      return {
        value: next,
        expiresAt: next.windowEnds + RECORD_RETENTION_SECONDS,
        result:
          suppressed > 0
            ? { send: true, suppressedBefore: suppressed, suppressedSince: windowStart }
            : { send: true, suppressedBefore: 0 },
      };
    },
    { signal },
  );
}

/** The alert of a draft, with what the cooldown held back since the previous one, in the JSON and the text. */
export function alertAfterCooldown(
  draft: AlertDraft,
  verdict: Extract<CooldownVerdict, { send: true }>,
  windowSeconds: number,
): Alert {
  if (windowSeconds <= 0) return finishAlert(draft);
  const minutes = Math.round(windowSeconds / 60);
  const since =
    verdict.suppressedSince === undefined
      ? undefined
      : new Date(verdict.suppressedSince * 1000).toISOString();
  const notes = [
    ...(verdict.suppressedBefore > 0
      ? [
          `This alert also stands for ${verdict.suppressedBefore} earlier ${verdict.suppressedBefore === 1 ? "anomaly" : "anomalies"} ` +
            `of this detector and resource since ${since}, which were counted but not alerted.`,
        ]
      : []),
    `Further anomalies of this detector and resource in the next ${minutes} minutes are counted, not alerted.`,
  ];
  return finishAlert(draft, {
    notes,
    fields: {
      suppressedBefore: verdict.suppressedBefore,
      ...(since ? { suppressedSince: since } : {}),
      cooldownMinutes: minutes,
    },
  });
}
