/**
 * The remediation decision for one event: event → instance → opt-in tag → allowed action →
 * per-resource interval → per-run cap → action (or, in dry-run, what the action would have been).
 * Every path ends in one report; nothing here throws for a failed call, and nothing is retried.
 */
import { describeError } from "../runtime/logger";
import type { StateStore } from "../state/state-store";
import { describeAction, parseOptInTag, REMEDIATE_TAG_KEY, type RemediationAction } from "./opt-in-tag";
import { type PreviousAction, RemediationLimits } from "./remediation-limits";
import type { RemediationMode, RemediationSettings } from "./remediation-settings";
import { type RemediationCause, type RemediationEvent, targetOf } from "./remediation-target";
import type { ResourceActions } from "./resource-actions";

/** How a decision ended: an action taken, one that dry-run would have taken, a skip, or a failure. */
export type RemediationOutcome = "acted" | "would-act" | "skipped" | "failed";

/** What the remediator did about one event, and why: announced on HeliosAlerts and logged. */
export interface RemediationReport {
  readonly outcome: RemediationOutcome;
  readonly mode: RemediationMode;
  /** The EventBridge event's id. */
  readonly eventId: string;
  /** ISO-8601 time of the decision. */
  readonly time: string;
  /** The instance acted on, or the resource the event named. */
  readonly resource?: string;
  readonly action?: RemediationAction;
  /** The SSM Automation execution a runbook start created. */
  readonly executionId?: string;
  /** Why: the skip's or failure's reason, or what the action answers. */
  readonly reason: string;
  readonly cause?: RemediationCause;
  /** Until when the resource is left alone (ISO-8601), after an action or while an earlier one holds it. */
  readonly nextActionAfter?: string;
  /**
   * Whether the report is announced on HeliosAlerts (it is always logged). False for a resource that
   * did not ask for self-healing (no opt-in tag) and for a well-formed event that names no single EC2
   * instance: the detector's own alert already told people of the incident, and a second email per
   * incident saying nothing was done would be noise.
   */
  readonly announce: boolean;
}

/** What a decision needs. */
export interface RemediatorDeps {
  readonly settings: RemediationSettings;
  /** Only alarms whose names start with this are Helios's own. */
  readonly alarmNamePrefix: string;
  readonly actions: ResourceActions;
  readonly store: StateStore;
  /** Clock in epoch milliseconds. */
  readonly now: () => number;
}

/** A short label of the cause, kept with the resource's record ("incident <id>", "alarm <name>"). */
export function causeLabel(cause: RemediationCause | undefined): string {
  if (!cause) return "unknown event";
  return cause.kind === "incident"
    ? `incident ${cause.incident.incidentId}`
    : `alarm ${cause.alarm.alarmName}`;
}

/** The run an event belongs to: its source and the minute of its time (a watcher run's start). */
function runOf(event: RemediationEvent, now: number): string {
  const time = Date.parse(event.time);
  return `${event.source}#${new Date(Number.isNaN(time) ? now : time).toISOString().slice(0, 16)}`;
}

/** The part of a report a step decides: how it ended and why. */
type Decision = Pick<
  RemediationReport,
  "outcome" | "reason" | "action" | "executionId" | "nextActionAfter"
> & {
  /** False when the resource did not opt in: the report is then logged, not announced. */
  readonly optedIn?: boolean;
};

/** The action the instance's tag asks for and the deployment allows, or the decision to stop. */
async function chooseAction(
  instanceId: string,
  deps: RemediatorDeps,
  signal: AbortSignal | undefined,
): Promise<{ readonly action: RemediationAction; readonly tag: string } | { readonly stop: Decision }> {
  let tag: string | undefined;
  try {
    tag = await deps.actions.readOptInTag(instanceId, signal);
  } catch (error) {
    return {
      stop: {
        outcome: "failed",
        reason: `could not read the instance's ${REMEDIATE_TAG_KEY} tag: ${describeError(error)}`,
      },
    };
  }
  if (tag === undefined) {
    return {
      stop: {
        outcome: "skipped",
        optedIn: false,
        reason: `${instanceId} has not opted in: it has no ${REMEDIATE_TAG_KEY} tag (or does not exist)`,
      },
    };
  }
  const parsed = parseOptInTag(tag);
  if (!parsed.ok) return { stop: { outcome: "skipped", reason: parsed.problem } };
  const action = parsed.value;
  const { runbooks } = deps.settings;
  if (action.kind === "runbook" && !runbooks.includes(action.runbook)) {
    const allowed = runbooks.length > 0 ? runbooks.join(", ") : "none";
    return {
      stop: {
        outcome: "skipped",
        action,
        reason: `runbook ${action.runbook} is not one the deployment allows (allowed: ${allowed})`,
      },
    };
  }
  return { action, tag };
}

function rateLimited(previous: PreviousAction, action: RemediationAction, mode: RemediationMode): Decision {
  const taken = mode === "dry-run" ? "would have been taken (dry run)" : "was taken";
  const after = new Date(previous.until).toISOString();
  return {
    outcome: "skipped",
    action,
    nextActionAfter: after,
    reason: `an action (${previous.action}, for ${previous.cause}) ${taken} at ${previous.at}; the next is allowed after ${after} (minIntervalMinutes)`,
  };
}

/**
 * Claims the instance within the limits: undefined when the action may go ahead, else why not.
 * The cheap read comes first so that a resource still in its interval uses up no run slot; the
 * claim itself is a conditional write, so of two simultaneous decisions only one goes ahead.
 */
async function claimWithinLimits(
  event: RemediationEvent,
  instanceId: string,
  action: RemediationAction,
  cause: RemediationCause,
  deps: RemediatorDeps,
  signal: AbortSignal | undefined,
): Promise<Decision | undefined> {
  const { mode, minIntervalMinutes, maxActionsPerRun } = deps.settings;
  const limits = new RemediationLimits(deps.store, mode, minIntervalMinutes, maxActionsPerRun, deps.now);
  try {
    const previous = await limits.previousAction(instanceId, signal);
    if (previous) return rateLimited(previous, action, mode);
    if (!(await limits.takeRunSlot(runOf(event, deps.now()), signal))) {
      return {
        outcome: "skipped",
        action,
        reason: `this run already took its ${maxActionsPerRun} actions (maxActionsPerRun)`,
      };
    }
    const claim = await limits.claim(
      instanceId,
      { action: describeAction(action), cause: causeLabel(cause) },
      signal,
    );
    return claim.granted ? undefined : rateLimited(claim.previous, action, mode);
  } catch (error) {
    return {
      outcome: "failed",
      action,
      reason: `could not check the remediation limits, so nothing was done: ${describeError(error)}`,
    };
  }
}

/** Takes the action once (or, in dry-run, says what it would have taken). */
async function act(
  instanceId: string,
  chosen: { readonly action: RemediationAction; readonly tag: string },
  deps: RemediatorDeps,
  signal: AbortSignal | undefined,
): Promise<Decision> {
  const { action } = chosen;
  const nextActionAfter = new Date(deps.now() + deps.settings.minIntervalMinutes * 60_000).toISOString();
  if (deps.settings.mode === "dry-run") {
    return {
      outcome: "would-act",
      action,
      nextActionAfter,
      reason: `dry run: would have run ${describeAction(action)} on ${instanceId} (tag ${REMEDIATE_TAG_KEY}=${chosen.tag})`,
    };
  }
  try {
    if (action.kind === "reboot") {
      await deps.actions.reboot(instanceId, signal);
      return { outcome: "acted", action, nextActionAfter, reason: `rebooted ${instanceId}` };
    }
    const executionId = await deps.actions.startRunbook(action.runbook, instanceId, signal);
    return {
      outcome: "acted",
      action,
      executionId,
      nextActionAfter,
      reason: `started runbook ${action.runbook} on ${instanceId} (automation execution ${executionId})`,
    };
  } catch (error) {
    // The claim stays: the next incident within the interval is skipped, so a failing action is
    // attempted once per interval at most, never in a loop.
    return {
      outcome: "failed",
      action,
      nextActionAfter,
      reason: `${describeAction(action)} of ${instanceId} failed and will not be retried: ${describeError(error)}`,
    };
  }
}

/** Decides what to do about one event and does it (unless dry-run); always resolves to a report. */
export async function remediate(
  event: RemediationEvent,
  deps: RemediatorDeps,
  signal?: AbortSignal,
): Promise<RemediationReport> {
  const base = { mode: deps.settings.mode, eventId: event.id, time: new Date(deps.now()).toISOString() };
  const target = targetOf(event, deps.alarmNamePrefix);
  if (!target.ok) {
    return {
      ...base,
      outcome: "skipped",
      announce: !target.quiet,
      reason: target.reason,
      ...(target.resource ? { resource: target.resource } : {}),
      ...(target.cause ? { cause: target.cause } : {}),
    };
  }
  const about = { ...base, resource: target.instanceId, cause: target.cause };
  const chosen = await chooseAction(target.instanceId, deps, signal);
  if ("stop" in chosen) {
    const { optedIn, ...stop } = chosen.stop;
    return { ...about, ...stop, announce: optedIn !== false };
  }
  const refused = await claimWithinLimits(
    event,
    target.instanceId,
    chosen.action,
    target.cause,
    deps,
    signal,
  );
  if (refused) return { ...about, ...refused, announce: true };
  return { ...about, ...(await act(target.instanceId, chosen, deps, signal)), announce: true };
}
