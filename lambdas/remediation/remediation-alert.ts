/**
 * The announcement of a remediation report on HeliosAlerts: a short subject, the report as JSON
 * for programs, and a readable text for people (what was done or not, to what, why, and what
 * caused it). Every report is announced: actions, dry-run actions, skips and failures.
 */
import type { Alert } from "../alerts/alert-sink";
import { describeAction } from "./opt-in-tag";
import type { RemediationCause } from "./remediation-target";
import type { RemediationReport } from "./remediator";

/** An alert with its readable text (email subscribers get the text, other subscribers the JSON). */
export type RemediationAlert = Alert & { readonly text: string };

/** The `detector` attribute of every remediation alert, for SNS subscription filters. */
export const REMEDIATION_ALERT_DETECTOR = "remediation";

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

function subjectOf(report: RemediationReport): string {
  const on = report.resource ? ` ${report.resource}` : "";
  const verb = (past: boolean) => {
    if (!report.action) return "act on";
    if (report.action.kind === "reboot") return past ? "rebooted" : "reboot";
    return `${past ? "started" : "start"} ${report.action.runbook} on`;
  };
  switch (report.outcome) {
    case "acted":
      return `Helios remediation: ${verb(true)}${on}`;
    case "would-act":
      return `Helios remediation (dry run): would ${verb(false)}${on}`;
    case "skipped":
      return `Helios remediation skipped${report.resource ? ` for ${report.resource}` : ""}`;
    case "failed":
      return `Helios remediation FAILED${report.action ? `: ${describeAction(report.action)}` : ""}${report.resource ? ` of ${report.resource}` : ""}`;
  }
}

/** The readable body: one fact per line. */
function textOf(report: RemediationReport, subject: string): string {
  const lines = [
    `${subject}.`,
    "",
    ...(report.resource ? [`Resource: ${report.resource}`] : []),
    ...(report.action ? [`Action: ${describeAction(report.action)}`] : []),
    `Mode: ${report.mode === "act" ? "act" : "dry-run (nothing was changed)"}`,
    `Outcome: ${report.outcome}`,
    `Why: ${report.reason}`,
    `Cause: ${describeCause(report.cause)}`,
    ...(report.executionId ? [`Automation execution: ${report.executionId}`] : []),
    ...(report.nextActionAfter ? [`Next action on this resource: not before ${report.nextActionAfter}`] : []),
    `Event: ${report.eventId}, decided at ${report.time}`,
    "",
    "Self-healing is set by the `remediation` context setting; docs/deploy.md says how to change it or turn it off.",
  ];
  return lines.join("\n");
}

/** The alert announcing a report. */
export function remediationAlert(report: RemediationReport): RemediationAlert {
  const subject = subjectOf(report);
  const cause = causeJson(report.cause);
  return {
    subject,
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
    text: textOf(report, subject),
  };
}
