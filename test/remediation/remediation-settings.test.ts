/** The `remediation` setting as the stack and the remediator function both read it. */
import {
  DEFAULT_REMEDIATION,
  parseRemediationSettings,
  REMEDIATION_LIMITS,
} from "../../lambdas/remediation/remediation-settings";

const ROLE = "arn:aws:iam::123456789012:role/HeliosRunbooks";

describe("parseRemediationSettings", () => {
  it("defaults to a dry run with no runbooks, 3 actions per run and 60 minutes per resource", () => {
    expect(parseRemediationSettings({})).toEqual({ ok: true, value: DEFAULT_REMEDIATION });
    expect(DEFAULT_REMEDIATION).toEqual({
      mode: "dry-run",
      runbooks: [],
      maxActionsPerRun: 3,
      minIntervalMinutes: 60,
    });
  });

  it("takes the mode alone as a shorthand, as -c remediation=act gives it", () => {
    expect(parseRemediationSettings("act")).toEqual({
      ok: true,
      value: { ...DEFAULT_REMEDIATION, mode: "act" },
    });
    expect(parseRemediationSettings(" dry-run ")).toEqual({ ok: true, value: DEFAULT_REMEDIATION });
  });

  it("reads every field from JSON text, dropping repeated runbooks", () => {
    const text = JSON.stringify({
      mode: "act",
      runbooks: ["AWS-RestartEC2Instance", "Team-Failover", "AWS-RestartEC2Instance"],
      automationAssumeRole: ROLE,
      maxActionsPerRun: 5,
      minIntervalMinutes: 120,
    });
    expect(parseRemediationSettings(text)).toEqual({
      ok: true,
      value: {
        mode: "act",
        runbooks: ["AWS-RestartEC2Instance", "Team-Failover"],
        automationAssumeRole: ROLE,
        maxActionsPerRun: 5,
        minIntervalMinutes: 120,
      },
    });
  });

  it("round-trips: the JSON the stack hands the function reads back as the same settings", () => {
    const first = parseRemediationSettings({
      mode: "act",
      runbooks: ["Team-Failover"],
      automationAssumeRole: ROLE,
    });
    expect(first.ok && parseRemediationSettings(JSON.stringify(first.value))).toEqual(first);
  });

  it.each<[string, unknown, string]>([
    ["not JSON", "reboot everything", 'is neither "dry-run", "act" nor JSON'],
    ["a list", "[]", "expected a JSON object"],
    ["an unknown mode", { mode: "auto" }, 'mode: "auto" is not "dry-run" or "act"'],
    ["a misspelt field", { maxActionPerRun: 2 }, '"maxActionPerRun" is not a remediation field'],
    [
      "runbooks as text",
      { runbooks: "AWS-RestartEC2Instance" },
      "runbooks: expected a list of SSM document names",
    ],
    [
      "a runbook name with a space",
      { runbooks: ["Restart it"] },
      'runbooks: "Restart it" is not an SSM document name',
    ],
    [
      "a user ARN as role",
      { runbooks: ["X-Run"], automationAssumeRole: "arn:aws:iam::123456789012:user/bob" },
      "automationAssumeRole",
    ],
    [
      "a role without runbooks",
      { automationAssumeRole: ROLE },
      "automationAssumeRole: only applies together with runbooks",
    ],
    [
      "a zero cap",
      { maxActionsPerRun: 0 },
      `maxActionsPerRun: 0 is not an integer from 1 to ${REMEDIATION_LIMITS.maxActionsPerRun.max}`,
    ],
    [
      "a fractional interval",
      { minIntervalMinutes: 60.5 },
      "minIntervalMinutes: 60.5 is not an integer from 10 to 10080",
    ],
    ["a too short interval", { minIntervalMinutes: 5 }, "minIntervalMinutes: 5 is not an integer from 10"],
  ])("refuses %s, naming the field", (_name, raw, problem) => {
    const result = parseRemediationSettings(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.join("\n")).toContain(problem);
  });

  it("reports every problem at once", () => {
    const result = parseRemediationSettings({ mode: "x", maxActionsPerRun: -1, minIntervalMinutes: "60" });
    expect(result.ok ? [] : result.problems).toHaveLength(3);
  });
});
