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

/** Decides what to do about one event and does it (unless dry-run); always resolves to a report. */
export async function remediate(
  event: RemediationEvent,
  deps: RemediatorDeps,
  signal?: AbortSignal,
): Promise<RemediationReport> {
  const { settings } = deps;
  const base = { mode: settings.mode, eventId: event.id, time: new Date(deps.now()).toISOString() };
  const target = targetOf(event, deps.alarmNamePrefix);
  if (!target.ok) {
    return {
      ...base,
      outcome: "skipped",
      reason: target.reason,
      ...(target.resource ? { resource: target.resource } : {}),
      ...(target.cause ? { cause: target.cause } : {}),
    };
  }
  const { instanceId, cause } = target;
  const about = { ...base, resource: instanceId, cause };
  const skip = (reason: string, extra: Partial<RemediationReport> = {}): RemediationReport => ({
    ...about,
    outcome: "skipped",
    reason,
    ...extra,
  });
  const fail = (reason: string, extra: Partial<RemediationReport> = {}): RemediationReport => ({
    ...about,
    outcome: "failed",
    reason,
    ...extra,
  });

  let tag: string | undefined;
  try {
    tag = await deps.actions.readOptInTag(instanceId, signal);
  } catch (error) {
    return fail(`could not read the instance's ${REMEDIATE_TAG_KEY} tag: ${describeError(error)}`);
  }
  if (tag === undefined) {
    return skip(`${instanceId} has not opted in: it has no ${REMEDIATE_TAG_KEY} tag (or does not exist)`);
  }
  const parsedTag = parseOptInTag(tag);
  if (!parsedTag.ok) return skip(parsedTag.problem);
  const action = parsedTag.value;
  if (action.kind === "runbook" && !settings.runbooks.includes(action.runbook)) {
    const allowed = settings.runbooks.length > 0 ? settings.runbooks.join(", ") : "none";
    return skip(`runbook ${action.runbook} is not one the deployment allows (allowed: ${allowed})`, {
      action,
    });
  }

  const limits = new RemediationLimits(
    deps.store,
    settings.mode,
    settings.minIntervalMinutes,
    settings.maxActionsPerRun,
    deps.now,
  );
  const what = { action: describeAction(action), cause: causeLabel(cause) };
  try {
    const previous = await limits.previousAction(instanceId, signal);
    if (previous) {
      return skip(rateLimited(previous, settings.mode), {
        action,
        nextActionAfter: new Date(previous.until).toISOString(),
      });
    }
    if (!(await limits.takeRunSlot(runOf(event, deps.now()), signal))) {
      return skip(`this run already took its ${settings.maxActionsPerRun} actions (maxActionsPerRun)`, {
        action,
      });
    }
    const claim = await limits.claim(instanceId, what, signal);
    if (!claim.granted) {
      return skip(rateLimited(claim.previous, settings.mode), {
        action,
        nextActionAfter: new Date(claim.previous.until).toISOString(),
      });
    }
  } catch (error) {
    return fail(`could not check the remediation limits, so nothing was done: ${describeError(error)}`, {
      action,
    });
  }

  const nextActionAfter = new Date(deps.now() + settings.minIntervalMinutes * 60_000).toISOString();
  if (settings.mode === "dry-run") {
    return {
      ...about,
      outcome: "would-act",
      action,
      nextActionAfter,
      reason: `dry run: would have run ${what.action} on ${instanceId} (tag ${REMEDIATE_TAG_KEY}=${tag})`,
    };
  }
  try {
    if (action.kind === "reboot") {
      await deps.actions.reboot(instanceId, signal);
      return { ...about, outcome: "acted", action, nextActionAfter, reason: `rebooted ${instanceId}` };
    }
    const executionId = await deps.actions.startRunbook(action.runbook, instanceId, signal);
    return {
      ...about,
      outcome: "acted",
      action,
      executionId,
      nextActionAfter,
      reason: `started runbook ${action.runbook} on ${instanceId} (automation execution ${executionId})`,
    };
  } catch (error) {
    // The claim stays: the next incident within the interval is skipped, so a failing action is
    // attempted once per interval at most, never in a loop.
    return fail(`${what.action} of ${instanceId} failed and will not be retried: ${describeError(error)}`, {
      action,
      nextActionAfter,
    });
  }
}

function rateLimited(previous: PreviousAction, mode: RemediationMode): string {
  const taken = mode === "dry-run" ? "would have been taken (dry run)" : "was taken";
  return `an action (${previous.action}, for ${previous.cause}) ${taken} at ${previous.at}; the next is allowed after ${new Date(previous.until).toISOString()} (minIntervalMinutes)`;
}
