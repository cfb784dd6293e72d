/** Configuration from the environment: defaults, validation messages naming the variable. */
import { isAbsolute } from "node:path";
import { getDetector } from "../../lambdas/catalog";
import { ENV } from "../../lambdas/runtime";
import { DEFAULT_ALERT_FILE, DEFAULT_MODEL_DIR, REPO_ROOT } from "../../lambdas/runtime/repo-paths";
import { readRuntimeConfig } from "../../lambdas/runtime/runtime-config";
import { loadModelManifest, runtimeEntryOf } from "../../lib/model-manifest";
import { fixtureEntry, fixtureModelBytes } from "../support/fixture-models";

const cpu = getDetector("cpu");
const entry = fixtureEntry(cpu, fixtureModelBytes(cpu));
/** The committed entry of cpu's series form model, as the stack passes it. */
const seriesEntry = runtimeEntryOf(loadModelManifest().get("cpu-series")!);
const seriesObject = { key: "models/series.onnx", entry: seriesEntry };
/** HELIOS_MODELS with cpu's reading model (its entry changed as given) and its series model. */
const models = (changed: Record<string, unknown> = {}, object: Record<string, unknown> = {}) =>
  JSON.stringify({
    cpu: { key: "models/cpu.onnx", entry: { ...entry, ...changed }, ...object },
    "cpu-series": seriesObject,
  });
const s3 = {
  [ENV.modelSource]: "s3",
  [ENV.modelBucket]: "bucket",
  [ENV.models]: models(),
};

describe("readRuntimeConfig", () => {
  it("defaults to local mode: the repo's models/ (found from the source, not the working directory), file alerts, log metrics", () => {
    expect(readRuntimeConfig({}, cpu)).toEqual({
      ok: true,
      config: {
        model: { kind: "local", dir: DEFAULT_MODEL_DIR },
        alerts: { kind: "file", file: DEFAULT_ALERT_FILE },
        alertCooldownSeconds: 900,
        state: { kind: "memory" },
        metrics: "log",
      },
    });
    expect(DEFAULT_MODEL_DIR).toBe(`${REPO_ROOT}/models`);
    expect(isAbsolute(DEFAULT_MODEL_DIR)).toBe(true);
  });

  it("reads the S3 source with an optional version id, SNS, the cooldown, DynamoDB state and EMF", () => {
    const result = readRuntimeConfig(
      {
        ...s3,
        [ENV.models]: models({}, { versionId: "3HL4kqtJlcpXroDTDmJ" }),
        [ENV.alertSink]: "sns",
        [ENV.alertCooldownSeconds]: "300",
        [ENV.stateStore]: "dynamodb",
        [ENV.stateTable]: "HeliosStack-StateTable-1ABC",
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
          objects: {
            cpu: { key: "models/cpu.onnx", versionId: "3HL4kqtJlcpXroDTDmJ", entry },
            "cpu-series": seriesObject,
          },
        },
        alerts: { kind: "sns", topicArn: "arn:aws:sns:eu-west-1:123456789012:HeliosAlerts" },
        alertCooldownSeconds: 300,
        state: { kind: "dynamodb", table: "HeliosStack-StateTable-1ABC" },
        metrics: "emf",
      },
    });
  });

  it.each([
    [{ [ENV.modelSource]: "ftp" }, 'HELIOS_MODEL_SOURCE must be "local" or "s3"'],
    [{ ...s3, [ENV.modelBucket]: "" }, "HELIOS_MODEL_BUCKET is required when HELIOS_MODEL_SOURCE=s3"],
    [{ ...s3, [ENV.models]: " " }, "HELIOS_MODELS is required when HELIOS_MODEL_SOURCE=s3"],
    [{ ...s3, [ENV.models]: "{" }, "HELIOS_MODELS is not valid JSON"],
    [{ ...s3, [ENV.models]: "[]" }, "HELIOS_MODELS must be a JSON object of model id to model"],
    [{ ...s3, [ENV.models]: '{"network":{}}' }, "HELIOS_MODELS.cpu is missing"],
    [
      { ...s3, [ENV.models]: JSON.stringify({ cpu: { key: "models/cpu.onnx", entry } }) },
      "HELIOS_MODELS.cpu-series is missing",
    ],
    [
      {
        ...s3,
        [ENV.models]: JSON.stringify({
          cpu: { key: "models/cpu.onnx", entry },
          "cpu-series": { ...seriesObject, entry: { ...seriesEntry, series: undefined } },
        }),
      },
      "HELIOS_MODELS.cpu-series.entry: model entry field 'series' (the series core's parameters) is missing",
    ],
    [{ ...s3, [ENV.models]: models({}, { key: "" }) }, "HELIOS_MODELS.cpu.key must be an S3 key"],
    [
      { ...s3, [ENV.models]: models({}, { versionId: 7 }) },
      "HELIOS_MODELS.cpu.versionId must be an S3 version id",
    ],
    [
      { ...s3, [ENV.models]: models({ file: "../../etc/passwd.onnx" }) },
      "HELIOS_MODELS.cpu.entry: model entry field 'file' must be a bare .onnx file name",
    ],
    [
      { ...s3, [ENV.models]: models({ inputs: [{ name: "input", type: "string", shape: ["N"] }] }) },
      "HELIOS_MODELS.cpu.entry: model input must be float32 [N, 1]",
    ],
    [
      { ...s3, [ENV.models]: models({ decision: { ...entry.decision, operator: "<" } }) },
      "HELIOS_MODELS.cpu.entry: model entry field 'decision.operator' must be '>' or '>='",
    ],
    [
      { ...s3, [ENV.models]: models({ expected: [70, 5] }) },
      "HELIOS_MODELS.cpu.entry: model entry field 'expected' must be [low, high], two finite numbers in order",
    ],
    [
      { [ENV.alertCooldownSeconds]: "15m" },
      "HELIOS_ALERT_COOLDOWN_SECONDS must be a whole number of seconds from 0 to 86400",
    ],
    [
      { [ENV.stateStore]: "dynamodb" },
      "HELIOS_STATE_TABLE must name a DynamoDB table when HELIOS_STATE_STORE=dynamodb",
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
    const loginModels = JSON.stringify({ login: { key: "models/login.onnx", entry: withoutProbability } });
    expect(readRuntimeConfig({ ...s3, [ENV.models]: loginModels }, login)).toEqual({
      ok: false,
      problem: "HELIOS_MODELS.login.entry: model must have a float32 output 'probability'",
    });
  });
});
