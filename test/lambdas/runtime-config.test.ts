/** Configuration from the environment: defaults, validation messages naming the variable. */
import { isAbsolute } from "node:path";
import { getDetector } from "../../lambdas/catalog";
import { ENV } from "../../lambdas/runtime";
import { DEFAULT_ALERT_FILE, DEFAULT_MODEL_DIR, REPO_ROOT } from "../../lambdas/runtime/repo-paths";
import { readRuntimeConfig } from "../../lambdas/runtime/runtime-config";
import { fixtureEntry, fixtureModelBytes } from "../support/fixture-models";

const cpu = getDetector("cpu");
const entry = fixtureEntry(cpu, fixtureModelBytes(cpu));
const s3 = {
  [ENV.modelSource]: "s3",
  [ENV.modelBucket]: "bucket",
  [ENV.modelKey]: "models/cpu.onnx",
  [ENV.modelEntry]: JSON.stringify(entry),
};

describe("readRuntimeConfig", () => {
  it("defaults to local mode: the repo's models/ (found from the source, not the working directory), file alerts, log metrics", () => {
    expect(readRuntimeConfig({}, cpu)).toEqual({
      ok: true,
      config: {
        model: { kind: "local", dir: DEFAULT_MODEL_DIR },
        alerts: { kind: "file", file: DEFAULT_ALERT_FILE },
        metrics: "log",
      },
    });
    expect(DEFAULT_MODEL_DIR).toBe(`${REPO_ROOT}/models`);
    expect(isAbsolute(DEFAULT_MODEL_DIR)).toBe(true);
  });

  it("reads the S3 source with an optional version id, and SNS + EMF", () => {
    const result = readRuntimeConfig(
      {
        ...s3,
        [ENV.modelVersionId]: "3HL4kqtJlcpXroDTDmJ",
        [ENV.alertSink]: "sns",
        [ENV.alertTopicArn]: "arn:aws:sns:eu-west-1:123456789012:HeliosAlerts",
        [ENV.metrics]: "emf",
      },
      cpu,
    );
    expect(result).toEqual({
      ok: true,
      config: {
        model: {
          kind: "s3",
          bucket: "bucket",
          key: "models/cpu.onnx",
          versionId: "3HL4kqtJlcpXroDTDmJ",
          entry,
        },
        alerts: { kind: "sns", topicArn: "arn:aws:sns:eu-west-1:123456789012:HeliosAlerts" },
        metrics: "emf",
      },
    });
  });

  it.each([
    [{ [ENV.modelSource]: "ftp" }, 'HELIOS_MODEL_SOURCE must be "local" or "s3"'],
    [{ ...s3, [ENV.modelBucket]: "" }, "HELIOS_MODEL_BUCKET is required when HELIOS_MODEL_SOURCE=s3"],
    [{ ...s3, [ENV.modelKey]: " " }, "HELIOS_MODEL_KEY is required when HELIOS_MODEL_SOURCE=s3"],
    [{ ...s3, [ENV.modelEntry]: "{" }, "HELIOS_MODEL_ENTRY is not valid JSON"],
    [
      { ...s3, [ENV.modelEntry]: JSON.stringify({ ...entry, file: "../../etc/passwd.onnx" }) },
      "HELIOS_MODEL_ENTRY: model entry field 'file' must be a bare .onnx file name",
    ],
    [
      {
        ...s3,
        [ENV.modelEntry]: JSON.stringify({
          ...entry,
          inputs: [{ name: "input", type: "string", shape: ["N"] }],
        }),
      },
      "HELIOS_MODEL_ENTRY: model input must be float32 [N, 1] for detector cpu",
    ],
    [
      {
        ...s3,
        [ENV.modelEntry]: JSON.stringify({ ...entry, decision: { ...entry.decision, operator: "<" } }),
      },
      "HELIOS_MODEL_ENTRY: model entry field 'decision.operator' must be '>' or '>='",
    ],
    [
      { [ENV.alertSink]: "sns" },
      "HELIOS_ALERT_TOPIC_ARN must be an SNS topic ARN when HELIOS_ALERT_SINK=sns",
    ],
    [
      { [ENV.alertSink]: "sns", [ENV.alertTopicArn]: "arn:aws:sns:us-east-1:123:*" },
      "HELIOS_ALERT_TOPIC_ARN must be an SNS topic ARN when HELIOS_ALERT_SINK=sns",
    ],
    [{ [ENV.alertSink]: "email" }, 'HELIOS_ALERT_SINK must be "file" or "sns"'],
    [{ [ENV.metrics]: "statsd" }, 'HELIOS_METRICS must be "log", "emf" or "cloudwatch"'],
  ])("rejects %j: %s", (env, problem) => {
    expect(readRuntimeConfig(env, cpu)).toEqual({ ok: false, problem });
  });

  it("accepts a FIFO topic ARN and other partitions", () => {
    for (const topicArn of [
      "arn:aws:sns:us-east-1:123456789012:HeliosAlerts.fifo",
      "arn:aws-us-gov:sns:us-gov-west-1:123456789012:HeliosAlerts",
    ]) {
      const result = readRuntimeConfig({ [ENV.alertSink]: "sns", [ENV.alertTopicArn]: topicArn }, cpu);
      expect(result.ok && result.config.alerts).toEqual({ kind: "sns", topicArn });
    }
  });

  it("requires a probability output for detectors that report one", () => {
    const login = getDetector("login");
    const loginEntry = fixtureEntry(login, fixtureModelBytes(login));
    const withoutProbability = {
      ...loginEntry,
      outputs: loginEntry.outputs.filter((o) => o.name !== "probability"),
    };
    expect(readRuntimeConfig({ ...s3, [ENV.modelEntry]: JSON.stringify(withoutProbability) }, login)).toEqual(
      {
        ok: false,
        problem: "HELIOS_MODEL_ENTRY: model must have a float32 output 'probability'",
      },
    );
  });
});
