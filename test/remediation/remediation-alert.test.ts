/** What HeliosAlerts subscribers read about each remediation: subject, JSON and readable text. */
import { REMEDIATION_ALERT_DETECTOR, remediationAlert } from "../../lambdas/remediation/remediation-alert";
import type { RemediationReport } from "../../lambdas/remediation/remediator";

const INSTANCE = "i-0123456789abcdef0";
const incidentCause: RemediationReport["cause"] = {
  kind: "incident",
  incident: {
    incidentId: "cpu/CPUUtilization/i-0123456789abcdef0/2026-11-28T09:50:00.000Z",
    detector: "cpu",
    resource: INSTANCE,
    namespace: "AWS/EC2",
    metricName: "CPUUtilization",
    dimensions: { InstanceId: INSTANCE },
    start: "2026-11-28T09:50:00.000Z",
    value: 97.5,
    score: 0.93,
    expected: [4, 61],
  },
};
const base = { mode: "act", eventId: "event-1", time: "2026-11-28T10:00:01.000Z" } as const;

describe("remediationAlert", () => {
  it("announces an action with what, where, why and the incident behind it", () => {
    const alert = remediationAlert({
      ...base,
      outcome: "acted",
      resource: INSTANCE,
      action: { kind: "reboot" },
      reason: `rebooted ${INSTANCE}`,
      cause: incidentCause,
      nextActionAfter: "2026-11-28T11:00:01.000Z",
    });
    expect(alert.subject).toBe(`Helios remediation: rebooted ${INSTANCE}`);
    expect(alert.detector).toBe(REMEDIATION_ALERT_DETECTOR);
    expect(alert.message).toEqual({
      type: "helios.remediation",
      outcome: "acted",
      mode: "act",
      resource: INSTANCE,
      action: { kind: "reboot" },
      reason: `rebooted ${INSTANCE}`,
      cause: { kind: "incident", ...incidentCause!.incident },
      nextActionAfter: "2026-11-28T11:00:01.000Z",
      eventId: "event-1",
      time: "2026-11-28T10:00:01.000Z",
    });
    expect(alert.text.split("\n")).toEqual([
      `Helios remediation: rebooted ${INSTANCE}.`,
      "",
      `Resource: ${INSTANCE}`,
      "Action: reboot",
      "Mode: act",
      "Outcome: acted",
      `Why: rebooted ${INSTANCE}`,
      "Cause: the cpu detector found an incident on i-0123456789abcdef0: AWS/EC2 CPUUtilization from 2026-11-28T09:50:00.000Z, value 97.5, expected 4 to 61, score 0.93 (incident cpu/CPUUtilization/i-0123456789abcdef0/2026-11-28T09:50:00.000Z)",
      "Next action on this resource: not before 2026-11-28T11:00:01.000Z",
      "Event: event-1, decided at 2026-11-28T10:00:01.000Z",
      "",
      "Self-healing is set by the `remediation` context setting; docs/deploy.md says how to change it or turn it off.",
    ]);
  });

  it.each<[string, Partial<RemediationReport>, string]>([
    [
      "a dry run",
      {
        outcome: "would-act",
        mode: "dry-run",
        action: { kind: "runbook", runbook: "AWS-RestartEC2Instance" },
      },
      `Helios remediation (dry run): would start AWS-RestartEC2Instance on ${INSTANCE}`,
    ],
    ["a skip", { outcome: "skipped" }, `Helios remediation skipped for ${INSTANCE}`],
    [
      "a failure",
      { outcome: "failed", action: { kind: "reboot" } },
      `Helios remediation FAILED: reboot of ${INSTANCE}`,
    ],
  ])("titles %s", (_name, report, subject) => {
    const alert = remediationAlert({
      ...base,
      resource: INSTANCE,
      reason: "r",
      outcome: "skipped",
      ...report,
    });
    expect(alert.subject).toBe(subject);
    expect(alert.text.startsWith(`${subject}.\n`)).toBe(true);
  });

  it("says a dry run changed nothing, and names an alarm as the cause", () => {
    const alert = remediationAlert({
      ...base,
      mode: "dry-run",
      outcome: "skipped",
      reason: "alarm Helios-cpu-anomalies names no EC2 instance",
      cause: {
        kind: "alarm",
        alarm: {
          alarmName: "Helios-cpu-anomalies",
          state: "ALARM",
          reason: "Threshold Crossed",
          metrics: [],
        },
      },
    });
    expect(alert.subject).toBe("Helios remediation skipped");
    expect(alert.text).toContain("Mode: dry-run (nothing was changed)");
    expect(alert.text).toContain("Cause: alarm Helios-cpu-anomalies went to ALARM: Threshold Crossed");
    expect(alert.message.cause).toEqual({
      kind: "alarm",
      alarmName: "Helios-cpu-anomalies",
      state: "ALARM",
      reason: "Threshold Crossed",
    });
  });
});
