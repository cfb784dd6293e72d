/**
 * The remediator's limits, kept in the state store so that they hold across function instances:
 * at most one action per resource per interval, and at most N actions per run. Records are kept
 * apart per mode, so a dry run never uses up the real actions' allowance (nor the reverse).
 */
import type { JsonObject, StateStore } from "../state/state-store";
import { updateRecord } from "../state/update-record";
import type { RemediationMode } from "./remediation-settings";

/** Every remediation record's key starts with this (the function's IAM grant stops at it). */
export const REMEDIATION_KEY_PREFIX = "remediation#";

/** How long a run's counter is kept; runs are at least a minute apart, so an hour is ample. */
const RUN_RECORD_SECONDS = 3_600;

/** The last action taken on a resource, while it still blocks the next one. */
export interface PreviousAction {
  /** ISO-8601 time it was taken. */
  readonly at: string;
  /** Epoch milliseconds until which the resource is left alone. */
  readonly until: number;
  /** What was done, e.g. "reboot". */
  readonly action: string;
  /** What caused it, e.g. "incident cpu/CPUUtilization/2026-11-28T10:05:00Z". */
  readonly cause: string;
}

/** Whether a claim on a resource was granted, or the action that holds it. */
export type Claim =
  | { readonly granted: true }
  | { readonly granted: false; readonly previous: PreviousAction };

function previousOf(value: JsonObject | undefined, now: number): PreviousAction | undefined {
  if (!value) return undefined;
  const { at, until, action, cause } = value;
  if (typeof at !== "string" || typeof until !== "number" || typeof action !== "string") return undefined;
  // The store's own expiry is only cleanup (DynamoDB's TTL deletes lazily): the interval is decided here.
  if (until <= now) return undefined;
  return { at, until, action, cause: typeof cause === "string" ? cause : "" };
}

/** The per-resource interval and the per-run cap of one mode. */
export class RemediationLimits {
  /**
   * @param minIntervalMinutes least time between two actions on one resource
   * @param maxActionsPerRun most actions one run may take
   * @param now clock in epoch milliseconds
   */
  constructor(
    private readonly store: StateStore,
    private readonly mode: RemediationMode,
    private readonly minIntervalMinutes: number,
    private readonly maxActionsPerRun: number,
    private readonly now: () => number,
  ) {}

  /** The action that still blocks this instance, if any (a read: it takes nothing). */
  async previousAction(instanceId: string, signal?: AbortSignal): Promise<PreviousAction | undefined> {
    const key = this.resourceKey(instanceId);
    return previousOf((await this.store.read([key], signal)).get(key)?.value, this.now());
  }

  /**
   * Takes one of the run's action slots; false when the run has used them all.
   * @param run identifies the run, e.g. "helios.watcher#2026-11-28T10:05"
   */
  async takeRunSlot(run: string, signal?: AbortSignal): Promise<boolean> {
    const expiresAt = this.now() / 1000 + RUN_RECORD_SECONDS;
    return updateRecord(
      this.store,
      `${REMEDIATION_KEY_PREFIX}${this.mode}#run#${run}`,
      (current) => {
        const taken = typeof current?.taken === "number" ? current.taken : 0;
        if (taken >= this.maxActionsPerRun) return { result: false };
        return { value: { taken: taken + 1 }, expiresAt, result: true };
      },
      signal ? { signal } : {},
    );
  }

  /** Claims the instance for one action now, unless an earlier action still holds it. */
  async claim(
    instanceId: string,
    what: { readonly action: string; readonly cause: string },
    signal?: AbortSignal,
  ): Promise<Claim> {
    const now = this.now();
    const until = now + this.minIntervalMinutes * 60_000;
    return updateRecord<Claim>(
      this.store,
      this.resourceKey(instanceId),
      (current) => {
        const previous = previousOf(current, now);
        if (previous) return { result: { granted: false, previous } };
        return {
          value: { at: new Date(now).toISOString(), until, action: what.action, cause: what.cause },
          expiresAt: until / 1000,
          result: { granted: true },
        };
      },
      signal ? { signal } : {},
    );
  }

  private resourceKey(instanceId: string): string {
    return `${REMEDIATION_KEY_PREFIX}${this.mode}#instance#${instanceId}`;
  }
}
