/**
 * The AWS adapters behind the handler, with aws-sdk-client-mock: the S3 model source (including a
 * pinned version, S3 unreachable and a wrong checksum), the SNS alert sink (including throttling)
 * and the CloudWatch metrics sink (including a failing PutMetricData).
 */
import { Readable } from "node:stream";
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { sdkStreamMixin } from "@smithy/core/serde";
import { mockClient } from "aws-sdk-client-mock";
import { getDetector, routeOf } from "../../lambdas/catalog";
import { CloudWatchMetricsSink } from "../../lambdas/metrics/cloudwatch-metrics-sink";
import { createDetectorRuntime, ENV } from "../../lambdas/runtime";
import { createLogger } from "../../lambdas/runtime/logger";
import { s3ModelsVariable } from "../support/aws-environment";
import { fixtureEntry, fixtureModelBytes } from "../support/fixture-models";
import { lambdaContext, lineCollector, postEvent } from "../support/lambda-events";

const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const cloudWatch = mockClient(CloudWatchClient);

const cpu = getDetector("cpu");
const bytes = fixtureModelBytes(cpu);
const entry = fixtureEntry(cpu, bytes);
const TOPIC = "arn:aws:sns:us-east-1:123456789012:HeliosAlerts";
const savedRegion = process.env.AWS_REGION;

beforeAll(() => {
  process.env.AWS_REGION = "us-east-1";
});

afterAll(() => {
  if (savedRegion === undefined) delete process.env.AWS_REGION;
  else process.env.AWS_REGION = savedRegion;
  s3.restore();
  sns.restore();
  cloudWatch.restore();
});

beforeEach(() => {
  s3.reset();
  sns.reset();
  cloudWatch.reset();
});

function objectBody(data: Uint8Array) {
  return sdkStreamMixin(Readable.from([Buffer.from(data)]));
}

function awsRuntime(env: Record<string, string> = {}) {
  const output = lineCollector();
  const runtime = createDetectorRuntime(cpu, {
    env: {
      [ENV.modelSource]: "s3",
      [ENV.modelBucket]: "helios-models",
      ...s3ModelsVariable("cpu", "models/cpu.onnx", entry),
      [ENV.alertSink]: "sns",
      [ENV.alertTopicArn]: TOPIC,
      [ENV.metrics]: "emf",
      ...env,
    },
    writeLine: output.write,
  });
  const call = async (body: unknown) => {
    const result = await runtime.handler(postEvent(routeOf(cpu), body), lambdaContext("req-aws"));
    return {
      status: result.statusCode,
      headers: result.headers,
      json: JSON.parse(result.body) as Record<string, unknown>,
    };
  };
  return { runtime, call, lines: output.lines };
}

describe("S3 model source", () => {
  it("loads the pinned object version and serves predictions from it", async () => {
    s3.on(GetObjectCommand).rejects(new Error("NoSuchVersion"));
    s3.on(GetObjectCommand, { Bucket: "helios-models", Key: "models/cpu.onnx", VersionId: "v2" }).resolves({
      Body: objectBody(bytes),
    });
    const { call } = awsRuntime({
      ...s3ModelsVariable("cpu", "models/cpu.onnx", entry, "v2"),
      [ENV.alertSink]: "file",
      [ENV.alertFile]: "/dev/null",
    });
    const result = await call({ value: 40 });
    expect(result.status).toBe(200);
    expect(result.json.model).toBe(`cpu@${entry.modelVersion}`);
    await call({ value: 41 });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1); // one load per container
  });

  it("answers 503 with Retry-After when S3 is unreachable, and logs why", async () => {
    s3.on(GetObjectCommand).rejects(
      Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { name: "TimeoutError" }),
    );
    const { call, lines } = awsRuntime();
    const result = await call({ value: 95 });
    expect(result.status).toBe(503);
    expect(result.headers?.["Retry-After"]).toBe("1");
    expect(result.json).toEqual({ error: "the cpu model is unavailable; retry later" });
    const failure = lines.find((l) => l.message === "model unavailable");
    expect(failure?.reason).toBe(
      "Error: cannot read s3://helios-models/models/cpu.onnx: TimeoutError: connect ECONNREFUSED 10.0.0.1:443",
    );
    expect(lines.find((l) => "_aws" in l)).toMatchObject({ Detector: "cpu", ModelLoadFailures: 1 });
  });

  it("answers 503 when the object's checksum is not the manifest's (never a wrong model)", async () => {
    const otherModel = fixtureModelBytes(cpu, 0.02);
    s3.on(GetObjectCommand).resolves({ Body: objectBody(otherModel) });
    const { call, lines } = awsRuntime();
    expect((await call({ value: 95 })).status).toBe(503);
    expect(lines.find((l) => l.message === "model unavailable")?.reason).toMatch(/checksum mismatch/);
  });

  it("rejects a malformed model entry in HELIOS_MODELS as misconfiguration, without calling S3", async () => {
    const { call, lines } = awsRuntime(
      s3ModelsVariable("cpu", "models/cpu.onnx", { ...entry, sha256: "abc" }),
    );
    expect((await call({ value: 95 })).status).toBe(503);
    expect(lines.find((l) => l.message === "invalid configuration")?.problem).toBe(
      "HELIOS_MODELS.cpu.entry: model entry field 'sha256' must be 64 lowercase hex digits",
    );
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });
});

describe("SNS alert sink", () => {
  beforeEach(() => {
    s3.on(GetObjectCommand).resolves({ Body: objectBody(bytes) });
  });

  it("publishes one alert per anomalous request with subject, JSON message and detector attribute", async () => {
    sns.on(PublishCommand).resolves({ MessageId: "m-1" });
    const { call } = awsRuntime();
    await call({ value: 40 });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    await call({ value: 95 });
    const [publish, ...more] = sns.commandCalls(PublishCommand);
    expect(more).toHaveLength(0);
    const input = publish!.args[0].input;
    expect(input.TopicArn).toBe(TOPIC);
    expect(input.Subject).toBe("Helios: cpu anomaly");
    expect(input.MessageAttributes).toEqual({ detector: { DataType: "String", StringValue: "cpu" } });
    expect(input.MessageStructure).toBe("json");
    const perProtocol = JSON.parse(input.Message!) as { default: string; email: string };
    expect(perProtocol.email).toContain("Helios flagged a cpu utilisation reading as anomalous.");
    expect(perProtocol.email).toMatch(/Value: +95 percent\n/);
    expect(JSON.parse(perProtocol.default)).toMatchObject({
      detector: "cpu",
      input: 95,
      score: 0.95,
      threshold: 0.5,
      modelVersion: entry.modelVersion,
      requestId: "req-aws",
    });
  });

  it("summarises a batch in one publish", async () => {
    sns.on(PublishCommand).resolves({ MessageId: "m-2" });
    const { call } = awsRuntime();
    await call({ values: [95, 10, 99, 100] });
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const message = JSON.parse(JSON.parse(calls[0]!.args[0].input.Message!).default);
    expect(message).toMatchObject({ count: 3, batchSize: 4 });
    expect(message.anomalies.map((a: { index: number }) => a.index)).toEqual([0, 2, 3]);
  });

  it("still answers 200 when SNS throttles: the alert goes to the log in full and AlertFailures counts it", async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error("Rate exceeded"), { name: "Throttling" }));
    const { call, lines } = awsRuntime();
    const result = await call({ value: 95 });
    expect(result.status).toBe(200);
    expect(result.json.anomaly).toBe(1);
    const logged = lines.find((l) => l.message === "alert not delivered; logged here instead");
    expect(logged).toMatchObject({
      level: "error",
      requestId: "req-aws",
      reason: "Throttling: Rate exceeded",
      subject: "Helios: cpu anomaly",
      alert: { detector: "cpu", input: 95, score: 0.95, modelVersion: entry.modelVersion },
    });
    expect(lines.find((l) => "_aws" in l)).toMatchObject({ Predictions: 1, Anomalies: 1, AlertFailures: 1 });
    expect(lines.find((l) => l.message === "request")).toMatchObject({ outcome: "anomaly", status: 200 });
  });
});

describe("CloudWatch metrics sink", () => {
  it("aggregates records into one batched PutMetricData with statistic sets", async () => {
    cloudWatch.on(PutMetricDataCommand).resolves({});
    const sink = new CloudWatchMetricsSink(
      createLogger(() => undefined),
      { client: new CloudWatchClient({}) },
    );
    sink.record({ detector: "cpu", predictions: 1, anomalies: 1, latency: 4 });
    sink.record({ detector: "cpu", predictions: 3, anomalies: 0, latency: 2 });
    sink.record({ detector: "login", predictions: 2 });
    expect(cloudWatch.commandCalls(PutMetricDataCommand)).toHaveLength(0); // nothing on the request path
    await sink.flush();
    const calls = cloudWatch.commandCalls(PutMetricDataCommand);
    expect(calls).toHaveLength(1);
    const { Namespace, MetricData } = calls[0]!.args[0].input;
    expect(Namespace).toBe("Helios");
    const find = (detector: string, name: string) =>
      MetricData!.find((d) => d.MetricName === name && d.Dimensions?.[0]?.Value === detector);
    expect(find("cpu", "Predictions")?.StatisticValues).toEqual({
      SampleCount: 2,
      Sum: 4,
      Minimum: 1,
      Maximum: 3,
    });
    expect(find("cpu", "Latency")).toMatchObject({
      Unit: "Milliseconds",
      StatisticValues: { SampleCount: 2, Sum: 6, Minimum: 2, Maximum: 4 },
    });
    expect(find("login", "Predictions")?.Dimensions).toEqual([{ Name: "Detector", Value: "login" }]);
    expect(MetricData).toHaveLength(4);
  });

  it("flushes on its timer, and a failing CloudWatch is logged without throwing", async () => {
    cloudWatch
      .on(PutMetricDataCommand)
      .rejects(Object.assign(new Error("Service unavailable"), { name: "InternalServiceFault" }));
    const output = lineCollector();
    const sink = new CloudWatchMetricsSink(createLogger(output.write), {
      client: new CloudWatchClient({}),
      flushIntervalMs: 10,
    });
    sink.record({ detector: "cpu", predictions: 1 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(cloudWatch.commandCalls(PutMetricDataCommand)).toHaveLength(1);
    expect(output.lines[0]).toMatchObject({
      level: "warn",
      message: "PutMetricData failed; these metrics are dropped",
      error: "InternalServiceFault: Service unavailable",
      dropped: 1,
    });
  });

  it("is what HELIOS_METRICS=cloudwatch selects, off the response path", async () => {
    s3.on(GetObjectCommand).resolves({ Body: objectBody(bytes) });
    cloudWatch.on(PutMetricDataCommand).resolves({});
    const { runtime, call } = awsRuntime({
      [ENV.metrics]: "cloudwatch",
      [ENV.alertSink]: "file",
      [ENV.alertFile]: "/dev/null",
    });
    await call({ value: 40 });
    expect(cloudWatch.commandCalls(PutMetricDataCommand)).toHaveLength(0);
    await runtime.flushMetrics();
    const data = cloudWatch.commandCalls(PutMetricDataCommand)[0]!.args[0].input.MetricData!;
    expect(data.find((d) => d.MetricName === "Predictions")?.StatisticValues?.Sum).toBe(1);
  });
});
