/** What HeliosAlerts subscribers read about each remediation: subject, JSON and readable text. */
import { REMEDIATION_ALERT_DETECTOR, remediationAlert } from "../../lambdas/remediation/remediation-alert";
import type { RemediationReport } from "../../lambdas/remediation/remediator";

const INSTANCE = "i-0123456789abcdef0";
const incidentCause: RemediationReport["cause"] = {
  kind: "incident",
  incident: {
    incidentId: "cpu/CPUUtilization/i-0123456789abcdef0/2026-11-28T09:50:00.000Z",
    stack: "HeliosStack",
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
const base = { mode: "act", eventId: "event-1", time: "2026-11-28T10:00:01.000Z", announce: true } as const;
/** A deployed function's environment: Lambda names the region and the log group. */
const LAMBDA = {
  env: { AWS_REGION: "eu-west-1", AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/remediator" },
  requestId: "request-1",
};
/** Local mode: no region, no log group. */
const LOCAL = { env: {} };

describe("remediationAlert", () => {
  it("announces an action with what, where, why, the incident behind it and where to look", () => {
    const report: RemediationReport = {
      ...base,
      outcome: "acted",
      resource: INSTANCE,
      action: { kind: "runbook", runbook: "AWS-RestartEC2Instance" },
      executionId: "4f1c0e6a-0000-4000-8000-000000000001",
      reason: `started runbook AWS-RestartEC2Instance on ${INSTANCE}`,
      cause: incidentCause,
      nextActionAfter: "2026-11-28T11:00:01.000Z",
    };
    const alert = remediationAlert(report, LAMBDA);
    expect(alert.subject).toBe(`Helios remediation: started AWS-RestartEC2Instance on ${INSTANCE}`);
    expect(alert.detector).toBe(REMEDIATION_ALERT_DETECTOR);
    expect(alert.message).toEqual({
      type: "helios.remediation",
      outcome: "acted",
      mode: "act",
      resource: INSTANCE,
      action: { kind: "runbook", runbook: "AWS-RestartEC2Instance" },
      executionId: "4f1c0e6a-0000-4000-8000-000000000001",
      reason: `started runbook AWS-RestartEC2Instance on ${INSTANCE}`,
      cause: { kind: "incident", ...incidentCause!.incident },
      nextActionAfter: "2026-11-28T11:00:01.000Z",
      eventId: "event-1",
      time: "2026-11-28T10:00:01.000Z",
    });
    expect(alert.text.split("\n")).toEqual([
      `Helios self-healing started AWS-RestartEC2Instance on ${INSTANCE}.`,
      "",
      `Resource:             ${INSTANCE}`,
      "Action:               runbook AWS-RestartEC2Instance",
      "Mode:                 act",
      "Outcome:              acted",
      `Why:                  started runbook AWS-RestartEC2Instance on ${INSTANCE}`,
      "Cause:                the cpu detector found an incident on i-0123456789abcdef0: AWS/EC2 CPUUtilization from 2026-11-28T09:50:00.000Z, value 97.5, expected 4 to 61, score 0.93 (incident cpu/CPUUtilization/i-0123456789abcdef0/2026-11-28T09:50:00.000Z)",
      "Automation execution: 4f1c0e6a-0000-4000-8000-000000000001",
      "Next action:          not before 2026-11-28T11:00:01.000Z",
      "Event:                event-1",
      "Time:                 2026-11-28T10:00:01.000Z",
      "",
      "Self-healing is set by the `remediation` context setting; docs/deploy.md says how to change it or turn it off.",
      "",
      "Look closer:",
      `  the instance: https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=${INSTANCE}`,
      "  the runbook's execution: https://eu-west-1.console.aws.amazon.com/systems-manager/automation/execution/4f1c0e6a-0000-4000-8000-000000000001?region=eu-west-1",
      "  logs: https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fremediator (request id request-1)",
      "",
      "-- Helios anomaly detection",
      "",
    ]);
  });

  it.each<[string, Partial<RemediationReport>, string, string]>([
    [
      "a dry run",
      { outcome: "would-act", mode: "dry-run", action: { kind: "reboot" } },
      `Helios remediation (dry run): would reboot ${INSTANCE}`,
      `Helios self-healing would have done this: reboot ${INSTANCE} (dry run: nothing was changed).`,
    ],
    [
      "a skip",
      { outcome: "skipped" },
      `Helios remediation skipped for ${INSTANCE}`,
      `Helios self-healing did nothing about ${INSTANCE}.`,
    ],
    [
      "a failure",
      { outcome: "failed", action: { kind: "reboot" } },
      `Helios remediation FAILED: reboot of ${INSTANCE}`,
      `Helios self-healing could not reboot ${INSTANCE}; it will not retry.`,
    ],
  ])("titles %s", (_name, report, subject, headline) => {
    const alert = remediationAlert(
      { ...base, resource: INSTANCE, reason: "r", outcome: "skipped", ...report },
      LOCAL,
    );
    expect(alert.subject).toBe(subject);
    expect(alert.text.split("\n")[0]).toBe(headline);
  });

  it("says a dry run changes nothing, names an alarm as the cause, and has no console links without a region", () => {
    const alert = remediationAlert(
      {
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
      },
      LOCAL,
    );
    expect(alert.subject).toBe("Helios remediation skipped");
    expect(alert.text.split("\n")[0]).toBe(
      "Helios self-healing did nothing about alarm Helios-cpu-anomalies.",
    );
    expect(alert.text).toContain("Mode:    dry-run (nothing is changed)\n");
    expect(alert.text).toContain("Cause:   alarm Helios-cpu-anomalies went to ALARM: Threshold Crossed\n");
    expect(alert.text).toContain("Look closer:\n  the local server's log\n");
    expect(alert.text).not.toContain("console.aws.amazon.com");
    expect(alert.message.cause).toEqual({
      kind: "alarm",
      alarmName: "Helios-cpu-anomalies",
      state: "ALARM",
      reason: "Threshold Crossed",
    });
  });
});
