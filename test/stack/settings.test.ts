/** Reading the stack's settings from CDK context: defaults, command-line strings, and clear errors. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DETECTORS } from "../../lambdas/catalog";
import { createHeliosApp } from "../../lib/helios-app";
import {
  DEFAULT_SETTINGS,
  readSettings,
  SETTING_KEYS,
  SettingsError,
} from "../../lib/settings/helios-settings";
import { testContext } from "./support/synth";

/** readSettings over a plain object, as `-c key=value` (strings) or cdk.json (JSON values) give it. */
const read = (context: Record<string, unknown>) => readSettings(context);

/** The problems readSettings reports for a context, or [] when it accepts it. */
function problemsOf(context: Record<string, unknown>): readonly string[] {
  try {
    read(context);
    return [];
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
}

describe("readSettings", () => {
  it("applies every documented default when nothing is set", () => {
    expect(read({})).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      cpuAlarmThreshold: 80,
      architecture: "x86_64",
      throttleRateLimit: 50,
      throttleBurstLimit: 100,
    });
  });

  it("parses command-line strings into numbers, booleans and JSON", () => {
    const settings = read({
      namePrefix: "staging",
      alertEmail: " ops@example.com ",
      monitoredInstanceId: "i-0123456789abcdef0",
      cpuAlarmThreshold: "92.5",
      anomalyAlarmThreshold: "3",
      throttleRateLimit: "12.5",
      throttleBurstLimit: "20",
      memorySize: "2048",
      timeoutSeconds: "15",
      architecture: "arm64",
      logRetentionDays: "90",
      modelVersionIds: '{"cpu":"3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"}',
      pinnedModelManifest: "/tmp/manifest.json",
      apiGatewayCloudWatchRole: "false",
    });
    expect(settings).toEqual({
      alertCooldownMinutes: 15,
      namePrefix: "staging",
      alertEmail: "ops@example.com",
      monitoredInstanceId: "i-0123456789abcdef0",
      cpuAlarmThreshold: 92.5,
      anomalyAlarmThreshold: 3,
      throttleRateLimit: 12.5,
      throttleBurstLimit: 20,
      memorySize: 2048,
      timeoutSeconds: 15,
      architecture: "arm64",
      logRetentionDays: 90,
      modelVersionIds: { cpu: "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY" },
      pinnedModelManifest: "/tmp/manifest.json",
      apiGatewayCloudWatchRole: false,
      watchSchedule: 5,
      watchHistoryDays: 7,
    });
  });

  it("accepts JSON values from cdk.json as they are", () => {
    expect(
      read({
        cpuAlarmThreshold: 70,
        apiGatewayCloudWatchRole: false,
        modelVersionIds: { login: "null" },
        pinnedModelManifest: "old.json",
      }),
    ).toMatchObject({
      cpuAlarmThreshold: 70,
      apiGatewayCloudWatchRole: false,
      modelVersionIds: { login: "null" },
    });
  });

  it("treats an empty -c value as unset", () => {
    expect(read({ alertEmail: "", cpuAlarmThreshold: "" })).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    [
      "namePrefix",
      "-staging",
      /namePrefix: "-staging" is not a name prefix: 1-20 letters, digits and hyphens/,
    ],
    ["namePrefix", "1staging", /is not a name prefix/],
    ["namePrefix", "staging-", /is not a name prefix/],
    ["namePrefix", "stag_ing", /is not a name prefix/],
    ["namePrefix", "s".repeat(21), /is not a name prefix/],
    // The default copy's alarm rule and topic policy would match Helios2-Helios-* names.
    ["namePrefix", "Helios2", /starting with a letter but not with Helios/],
    ["alertEmail", "ops.example.com", /alertEmail: "ops.example.com" is not an email address/],
    ["alertEmail", "a b@example.com", /is not an email address/],
    ["monitoredInstanceId", "i-123", /monitoredInstanceId: "i-123" is not an EC2 instance id/],
    ["monitoredInstanceId", "i-0123456789ABCDEF0", /is not an EC2 instance id/],
    ["cpuAlarmThreshold", "150", /cpuAlarmThreshold: "150" is not a number from 1 to 100 \(a percentage\)/],
    ["cpuAlarmThreshold", "1%", /is not a number/],
    ["cpuAlarmThreshold", "Infinity", /is not a number/],
    ["anomalyAlarmThreshold", "0.5", /anomalyAlarmThreshold: "0.5" is not an integer from 1/],
    ["throttleRateLimit", "0", /throttleRateLimit: "0" is not a number from 1 to 10000/],
    ["throttleBurstLimit", "5001", /throttleBurstLimit: "5001" is not an integer from 1 to 5000/],
    ["memorySize", "128", /memorySize: "128" is not an integer from 256 to 10240 \(ONNX Runtime/],
    ["timeoutSeconds", "30", /timeoutSeconds: "30" is not an integer from 3 to 29/],
    ["architecture", "x64", /architecture: "x64" is not one of x86_64, arm64/],
    ["logRetentionDays", "31", /logRetentionDays: "31" is not one of 1, 3, 5/],
    ["modelVersionIds", "cpu=abc", /modelVersionIds: is not JSON/],
    ["modelVersionIds", "[]", /expected a JSON object of model id to S3 version id/],
    ["modelVersionIds", '{"gpu":"abc"}', /"gpu" is not a model id \(known: cpu, cpu-series, network/],
    ["modelVersionIds", '{"cpu":"a b"}', /the version id for "cpu" must be an S3 version id/],
    ["modelVersionIds", '{"cpu":7}', /the version id for "cpu" must be an S3 version id/],
    ["apiGatewayCloudWatchRole", "yes", /apiGatewayCloudWatchRole: "yes" is not true or false/],
  ])("rejects %s=%s with a message naming the key", (key, value, message) => {
    const problems = problemsOf({ [key]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it("reads remediation as JSON, as its mode alone, or off", () => {
    expect(read({ remediation: '{"mode":"act","runbooks":["AWS-RestartEC2Instance"]}' }).remediation).toEqual(
      {
        mode: "act",
        runbooks: ["AWS-RestartEC2Instance"],
        maxActionsPerRun: 3,
        minIntervalMinutes: 60,
      },
    );
    expect(read({ remediation: { mode: "act" } }).remediation?.mode).toBe("act");
    expect(read({ remediation: "dry-run" }).remediation?.mode).toBe("dry-run");
    expect(read({ remediation: "off" }).remediation).toBeUndefined();
    expect(read({}).remediation).toBeUndefined();
  });

  it("names the remediation field that is wrong, and asks for a role for a runbook it cannot grant", () => {
    expect(problemsOf({ remediation: '{"mode":"on","maxActionsPerRun":0}' })).toEqual([
      'remediation: mode: "on" is not "dry-run" or "act"',
      "remediation: maxActionsPerRun: 0 is not an integer from 1 to 50",
    ]);
    expect(problemsOf({ remediation: '{"runbooks":["Team-Failover"]}' })).toEqual([
      "remediation: runbook Team-Failover needs automationAssumeRole, the ARN of a role SSM Automation runs it as " +
        "(without one a runbook runs with the remediator's own permissions, which Helios only knows for AWS-RestartEC2Instance)",
    ]);
    expect(
      problemsOf({
        remediation: {
          runbooks: ["Team-Failover"],
          automationAssumeRole: "arn:aws:iam::123456789012:role/Runbooks",
        },
      }),
    ).toEqual([]);
  });

  it("requires modelVersionIds when a pinned manifest is given", () => {
    expect(problemsOf({ pinnedModelManifest: "old.json" })).toEqual([
      "pinnedModelManifest: only applies together with modelVersionIds",
    ]);
  });

  it("reports every problem at once", () => {
    const error = (() => {
      try {
        read({ alertEmail: "nope", monitoredInstanceId: "i-xyz", cpuAlarmThreshold: "0" });
      } catch (e) {
        return e as SettingsError;
      }
      throw new Error("expected a SettingsError");
    })();
    expect(error.problems).toHaveLength(3);
    expect(error.message).toMatch(/^Invalid Helios context settings:\n {2}- alertEmail/);
    expect(error.message).toContain("monitoredInstanceId");
    expect(error.message).toContain("cpuAlarmThreshold");
  });

  it("lists every setting key once, and the version ids accept every catalogued detector", () => {
    expect(new Set(SETTING_KEYS).size).toBe(SETTING_KEYS.length);
    const ids = Object.fromEntries(DETECTORS.map((d, i) => [d.name, `v${i}`]));
    const pinned = read({ modelVersionIds: JSON.stringify(ids), pinnedModelManifest: "old.json" });
    expect(pinned.modelVersionIds).toEqual(ids);
  });
});

describe("context traps", () => {
  it.each([
    ["alertemail", "alertEmail"],
    ["AlertEmail", "alertEmail"],
    ["alert-email", "alertEmail"],
    ["alert_email", "alertEmail"],
    ["cpuAlarmTreshold", "cpuAlarmThreshold"],
    ["throttleburstlimit", "throttleBurstLimit"],
    ["nameprefix", "namePrefix"],
  ])("refuses the mistyped key %s, suggesting %s", (key, meant) => {
    expect(problemsOf({ [key]: "ops@example.com" })).toEqual([
      `${key}: is not a Helios setting; did you mean ${meant}? (setting names are case-sensitive)`,
    ]);
  });

  it("refuses a camelCase key that is no setting, listing the settings", () => {
    const [problem] = problemsOf({ alarmTopic: "x" });
    expect(problem).toMatch(
      /^alarmTopic: is not a Helios setting; the settings are namePrefix, alertEmail, /,
    );
  });

  it("lets the CDK's own context keys through: feature flags, aws:cdk:*, lookups, acknowledgements", () => {
    expect(
      problemsOf({
        "@aws-cdk/core:checkSecretUsage": true,
        "aws:cdk:bundling-stacks": [],
        "aws-cdk:enableDiffNoFail": true,
        "availability-zones:account=123456789012:region=eu-west-1": ["eu-west-1a"],
        "acknowledged-issue-numbers": [32775],
        "assets-ecr-repository-name": "x",
      }),
    ).toEqual([]);
    // and cdk.json as a whole
    expect(problemsOf(testContext())).toEqual([]);
  });

  it("knows a setting by its definition: every key the reader reads, in the docs' order", () => {
    expect(SETTING_KEYS[0]).toBe("namePrefix");
    for (const key of Object.keys(DEFAULT_SETTINGS)) expect(SETTING_KEYS).toContain(key);
    for (const key of SETTING_KEYS) expect(problemsOf({ [key]: "" })).toEqual([]);
  });

  it("refuses pinned model versions without the manifest that describes them", () => {
    const [problem] = problemsOf({ modelVersionIds: '{"cpu":"abc","login":"def"}' });
    expect(problem).toMatch(
      /^modelVersionIds: pinning cpu, login also needs pinnedModelManifest=<the manifest.json uploaded with those versions>/,
    );
    expect(problem).toMatch(/every request is a 503$/);
  });

  it.each([
    [
      { throttleBurstLimit: "20" },
      /^throttleBurstLimit: 20 is below throttleRateLimit 50: .* at least 50, or lower/,
    ],
    [
      { throttleRateLimit: "200" },
      /^throttleBurstLimit: 100 is below throttleRateLimit 200: .* at least 200/,
    ],
    [{ throttleRateLimit: "10.5", throttleBurstLimit: "10" }, /at least 11/],
  ])("refuses a burst limit below the rate limit: %j", (context, message) => {
    const problems = problemsOf(context);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it("accepts a burst equal to the rate", () => {
    expect(read({ throttleRateLimit: "80", throttleBurstLimit: "80" })).toMatchObject({
      throttleRateLimit: 80,
      throttleBurstLimit: 80,
    });
  });
});

describe("the watcher's settings", () => {
  const CPU = {
    detector: "cpu",
    namespace: "AWS/EC2",
    metricName: "CPUUtilization",
    dimensions: { InstanceId: "i-0123456789abcdef0" },
  };

  it("reads watch, watchTag, watchSchedule and watchHistoryDays from -c strings", () => {
    expect(
      read({
        watch: JSON.stringify([CPU]),
        watchTag: "team=web",
        watchSchedule: "rate(15 minutes)",
        watchHistoryDays: "3",
      }),
    ).toMatchObject({
      watch: [{ ...CPU, stat: "Average", period: 300 }],
      watchTag: { key: "team", value: "web" },
      watchSchedule: 15,
      watchHistoryDays: 3,
    });
  });

  it("accepts watch as a JSON value from cdk.json", () => {
    expect(read({ watch: [CPU] }).watch).toEqual([{ ...CPU, stat: "Average", period: 300 }]);
  });

  it.each([
    [{ watch: "[{" }, /^watch: is not JSON/],
    [
      { watch: JSON.stringify([{ ...CPU, detector: "content" }]) },
      /^watch\[0\]\.detector must be one of cpu, network, storage$/,
    ],
    [{ watchTag: "team" }, /^watchTag: "team" is not key=value/],
    [
      { watchSchedule: "cron(0 * * * ? *)" },
      /^watchSchedule: "cron\(0 \* \* \* \? \*\)" is not a whole number of minutes/,
    ],
    [{ watchHistoryDays: "30" }, /^watchHistoryDays: "30" is not an integer from 1 to 14/],
    [
      { watch: JSON.stringify([{ ...CPU, period: 86_400 }]), watchHistoryDays: "1" },
      /^watch: CPUUtilization: period 86400 s leaves fewer than 2 points in the history$/,
    ],
    [
      { watchTag: "a=b", watchSchedule: "1440", watchHistoryDays: "1" },
      /^watchSchedule: runs must come at least twice per watchHistoryDays$/,
    ],
  ])("rejects %j", (context, message) => {
    const problems = problemsOf(context);
    if (problems.length === 0) throw new Error("expected a problem");
    expect(problems.join("\n")).toMatch(message);
  });
});

describe.each([["docs/deploy.md"], ["README.md"]])("%s", (file) => {
  const doc = readFileSync(join(__dirname, "..", "..", file), "utf8");

  it.each(SETTING_KEYS.map((key) => [key]))("documents %s with its default in the settings table", (key) => {
    const row = doc.split("\n").find((line) => line.startsWith(`| \`${key}\` |`));
    expect(row).toBeDefined();
    const defaultCell = row!.split("|")[2]!;
    if (key in DEFAULT_SETTINGS) {
      const value = DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS];
      expect(defaultCell).toContain(typeof value === "object" ? JSON.stringify(value) : String(value));
    } else {
      expect(defaultCell).toMatch(/none|current/);
    }
  });
});

describe("createHeliosApp", () => {
  it("fails before building anything when a context setting is malformed", () => {
    expect(() => createHeliosApp({ context: testContext({ alertEmail: "not-an-email" }) })).toThrow(
      SettingsError,
    );
  });

  it("fails on a mistyped key given as -c (all of the app's context is checked)", () => {
    expect(() => createHeliosApp({ context: testContext({ alertemail: "ops@example.com" }) })).toThrow(
      /alertemail: is not a Helios setting; did you mean alertEmail\?/,
    );
  });
});
