/**
 * The announcement of a remediation report on HeliosAlerts: a short subject, the report as JSON
 * for programs, and a readable text for people (what was done or not, to what, why, and what
 * caused it). Actions, dry-run actions, failures and the skips of resources that opted in are
 * announced; the handler only logs the rest (report.announce).
 */
import type { Alert } from "../alerts/alert-sink";
import { type AlertFact, alertText, logLocation } from "../alerts/alert-text";
import { describeAction } from "./opt-in-tag";
import type { RemediationCause } from "./remediation-target";
import { causeLabel, type RemediationReport } from "./remediator";

/** The `detector` attribute of every remediation alert, for SNS subscription filters. */
export const REMEDIATION_ALERT_DETECTOR = "remediation";

/** Where the remediator runs, for the "look closer" lines. */
export interface AlertContext {
  /** The function's environment (Lambda's variables name its region and log group). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly requestId?: string;
}

/** The report's cause as JSON. */
function causeJson(cause: RemediationCause | undefined): Record<string, unknown> | undefined {
  if (!cause) return undefined;
  if (cause.kind === "incident") return { kind: "incident", ...cause.incident };
  const { alarmName, state, reason } = cause.alarm;
  return { kind: "alarm", alarmName, state, ...(reason ? { reason } : {}) };
}

/** One readable sentence about the cause. */
export function describeCause(cause: RemediationCause | undefined): string {
  if (!cause) return "an event the remediator does not handle";
  if (cause.kind === "alarm") {
    const { alarmName, state, reason } = cause.alarm;
    return `alarm ${alarmName} went to ${state}${reason ? `: ${reason}` : ""}`;
  }
  const i = cause.incident;
  return (
    `the ${i.detector} detector found an incident on ${i.resource}: ${i.namespace} ${i.metricName} ` +
    `from ${i.start}, value ${i.value}, expected ${i.expected[0]} to ${i.expected[1]}, score ${i.score} ` +
    `(incident ${i.incidentId})`
  );
}

/** "reboot i-…" / "start AWS-RestartEC2Instance on i-…", in the past or as an intention. */
function deed(report: RemediationReport, past: boolean): string {
  const on = report.resource ? ` ${report.resource}` : "";
  if (!report.action) return `act on${on}`;
  if (report.action.kind === "reboot") return `${past ? "rebooted" : "reboot"}${on}`;
  return `${past ? "started" : "start"} ${report.action.runbook} on${on}`;
}

function subjectOf(report: RemediationReport): string {
  switch (report.outcome) {
    case "acted":
      return `Helios remediation: ${deed(report, true)}`;
    case "would-act":
      return `Helios remediation (dry run): would ${deed(report, false)}`;
    case "skipped":
      return `Helios remediation skipped${report.resource ? ` for ${report.resource}` : ""}`;
    case "failed":
      return `Helios remediation FAILED${report.action ? `: ${describeAction(report.action)}` : ""}${report.resource ? ` of ${report.resource}` : ""}`;
  }
}

function headlineOf(report: RemediationReport): string {
  switch (report.outcome) {
    case "acted":
      return `Helios self-healing ${deed(report, true)}.`;
    case "would-act":
      return `Helios self-healing would have done this: ${deed(report, false)} (dry run: nothing was changed).`;
    case "skipped":
      return `Helios self-healing did nothing about ${report.resource ?? causeLabel(report.cause)}.`;
    case "failed":
      return `Helios self-healing could not ${deed(report, false)}; it will not retry.`;
  }
}

/** Console pages about the instance and the runbook execution, when the region is known. */
function consoleLinks(report: RemediationReport, env: AlertContext["env"]): string[] {
  const region = env.AWS_REGION;
  if (!region) return [];
  const origin = `https://${region}.console.aws.amazon.com`;
  return [
    ...(report.resource?.startsWith("i-")
      ? [`the instance: ${origin}/ec2/home?region=${region}#InstanceDetails:instanceId=${report.resource}`]
      : []),
    ...(report.executionId
      ? [
          `the runbook's execution: ${origin}/systems-manager/automation/execution/${report.executionId}?region=${region}`,
        ]
      : []),
  ];
}

/** The alert announcing a report. */
export function remediationAlert(report: RemediationReport, context: AlertContext): Alert {
  const cause = causeJson(report.cause);
  const facts: AlertFact[] = [
    ["Resource", report.resource],
    ["Action", report.action ? describeAction(report.action) : undefined],
    ["Mode", report.mode === "act" ? "act" : "dry-run (nothing is changed)"],
    ["Outcome", report.outcome],
    ["Why", report.reason],
    ["Cause", describeCause(report.cause)],
    ["Automation execution", report.executionId],
    ["Next action", report.nextActionAfter ? `not before ${report.nextActionAfter}` : undefined],
    ["Event", report.eventId],
    ["Time", report.time],
  ];
  return {
    subject: subjectOf(report),
    detector: REMEDIATION_ALERT_DETECTOR,
    message: {
      type: "helios.remediation",
      outcome: report.outcome,
      mode: report.mode,
      ...(report.resource ? { resource: report.resource } : {}),
      ...(report.action ? { action: report.action } : {}),
      ...(report.executionId ? { executionId: report.executionId } : {}),
      reason: report.reason,
      ...(cause ? { cause } : {}),
      ...(report.nextActionAfter ? { nextActionAfter: report.nextActionAfter } : {}),
      eventId: report.eventId,
      time: report.time,
    },
    text: alertText({
      headline: headlineOf(report),
      facts,
      notes: [
        "Self-healing is set by the `remediation` context setting; docs/deploy.md says how to change it or turn it off.",
      ],
      lookCloser: [...consoleLinks(report, context.env), logLocation(context.env, context.requestId)],
    }),
  };
}
