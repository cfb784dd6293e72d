/**
 * Faults of the services around a detector, each against a real loopback server the test controls
 * (s3rver, and scripted HTTP servers that stall, reset, trickle or answer errors):
 * - S3 unreachable, stalled, trickling or slow at cold start: a 503 with Retry-After that arrives
 *   before the invocation's deadline, no retry before Retry-After, and recovery once S3 answers;
 * - a model whose checksum is not the manifest's: refused on every retry, never served;
 * - SNS throttling, failing or stalled: the prediction is still a 200, the alert is kept in the
 *   log and AlertFailures counts it;
 * - CloudWatch failing or stalled: the response path neither waits for it nor notices.
 * aws-adapters.test.ts covers the same adapters with aws-sdk-client-mock; this file goes over
 * the wire. The clock is injected, so backoff is tested without waiting for it.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { APIGatewayProxyResult, Context } from "aws-lambda";
import * as ort from "onnxruntime-node";
import { DETECTORS, getDetector, routeOf } from "../../lambdas/catalog";
import { type LocalServer, startLocalServer } from "../../lambdas/local/server";
import { createDetectorRuntime, ENV } from "../../lambdas/runtime";
import { s3RuntimeEnvironment, saveAwsEnvironment, useDummyAwsEnvironment } from "../support/aws-environment";
import { fixtureEntry, fixtureModelBytes, writeFixtureModelDir } from "../support/fixture-models";
import { lambdaContext, lineCollector, postEvent } from "../support/lambda-events";
import { type ScriptedHttpServer, startScriptedHttpServer } from "./support/scripted-http-server";

const cpu = getDetector("cpu");
const bytes = fixtureModelBytes(cpu);
const entry = fixtureEntry(cpu, bytes);
const BUCKET = "helios-models";
const KEY = "models/cpu.onnx";
const TOPIC = "arn:aws:sns:us-east-1:000000000000:HeliosAlerts";

const restoreAwsEnvironment = saveAwsEnvironment();
const cleanups: (() => Promise<unknown> | unknown)[] = [];

beforeAll(() => useDummyAwsEnvironment());

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  restoreAwsEnvironment();
});

/** A scripted stand-in for an AWS endpoint, closed after the file. */
async function scripted(...args: Parameters<typeof startScriptedHttpServer>): Promise<ScriptedHttpServer> {
  const server = await startScriptedHttpServer(...args);
  cleanups.push(() => server.close());
  return server;
}

/** s3rver on a given port (0: any) holding the fixture cpu model; resolves with its endpoint. */
async function startS3rverWithModel(port = 0): Promise<string> {
  const S3rver: new (
    options: Record<string, unknown>,
  ) => { run(): Promise<{ port: number }>; close(): Promise<void> } = require("s3rver");
  const directory = mkdtempSync(join(tmpdir(), "helios-faults-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  const bound = await server.run();
  cleanups.push(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });
  const endpoint = `http://127.0.0.1:${bound.port}`;
  const client = new S3Client({ endpoint, forcePathStyle: true });
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: bytes }));
  client.destroy();
  return endpoint;
}

/** A port on 127.0.0.1 that nothing listens on (yet). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A Lambda context whose invocation ends `ms` from now, as Lambda's own does. */
function contextEndingIn(ms: number, requestId = "req-fault"): Context {
  const deadline = Date.now() + ms;
  return { ...lambdaContext(requestId), getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
}

/** A cpu runtime on AWS adapters with an injected clock; `env` overrides the defaults. */
function awsRuntime(env: Record<string, string> = {}) {
  const output = lineCollector();
  let clock = 1_800_000_000_000;
  const runtime = createDetectorRuntime(cpu, {
    env: { ...s3RuntimeEnvironment(BUCKET, KEY, entry), ...env },
    writeLine: output.write,
    now: () => clock,
  });
  const call = async (body: unknown, context: Context = contextEndingIn(10_000)) => {
    const started = performance.now();
    const result: APIGatewayProxyResult = await runtime.handler(postEvent(routeOf(cpu), body), context);
    return {
      status: result.statusCode,
      retryAfter: result.headers?.["Retry-After"],
      json: JSON.parse(result.body) as Record<string, unknown>,
      ms: performance.now() - started,
    };
  };
  return {
    runtime,
    call,
    lines: output.lines,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

const UNAVAILABLE = { error: "the cpu model is unavailable; retry later" };

describe("S3 at cold start", () => {
  it("unreachable (nothing listening): 503 with Retry-After, no retry before it, 200 once S3 answers", async () => {
    const port = await closedPort();
    process.env.AWS_ENDPOINT_URL_S3 = `http://127.0.0.1:${port}`;
    const { call, lines, advance } = awsRuntime();

    const first = await call({ value: 95 });
    expect(first).toMatchObject({ status: 503, retryAfter: "1", json: UNAVAILABLE });
    expect(lines.find((l) => l.message === "model unavailable")?.reason).toMatch(/ECONNREFUSED/);

    await startS3rverWithModel(port); // S3 is back, on the same endpoint
    advance(500);
    expect(await call({ value: 95 })).toMatchObject({ status: 503, retryAfter: "1" }); // still backing off
    advance(500);
    expect(await call({ value: 95 })).toMatchObject({ status: 200, json: { cpu_value: 95, anomaly: 1 } });
    expect(lines.filter((l) => l.message === "model loaded")).toHaveLength(1);
  });

  it("stalled (accepts, never answers): 503 before the invocation's deadline, then recovery", async () => {
    const s3 = await scripted({ kind: "stall" });
    process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
    const { call, lines, advance } = awsRuntime();

    // A Lambda function killed at its timeout gives the gateway a 5xx with no Retry-After, and
    // the next cold start stalls again: the handler must answer 503 itself, in time.
    const stalled = await call({ value: 95 }, contextEndingIn(2_500));
    expect(stalled).toMatchObject({ status: 503, retryAfter: "1", json: UNAVAILABLE });
    expect(stalled.ms).toBeLessThan(2_500);
    const reason = String(lines.find((l) => l.message === "model unavailable")?.reason);
    expect(reason).toMatch(new RegExp(`^Error: cannot read s3://${BUCKET}/${KEY}: TimeoutError: `));
    const attempts = s3.requests.length;
    expect(attempts).toBeGreaterThanOrEqual(1);

    s3.behave({ kind: "forward", upstream: await startS3rverWithModel() });
    advance(999);
    expect((await call({ value: 95 })).status).toBe(503);
    expect(s3.requests).toHaveLength(attempts); // no read while backing off
    advance(1);
    expect((await call({ value: 40 })).json).toMatchObject({ cpu_value: 40, anomaly: 0 });
    expect(s3.requests.slice(attempts)).toEqual([`GET /${BUCKET}/${KEY}?x-id=GetObject`]);
  });

  it("trickling its body (headers, then a byte at a time): 503 before the invocation's deadline", async () => {
    const s3 = await scripted({ kind: "trickle", bytes, intervalMs: 100 });
    process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
    const { call } = awsRuntime();
    const trickled = await call({ value: 95 }, contextEndingIn(2_500));
    expect(trickled).toMatchObject({ status: 503, retryAfter: "1", json: UNAVAILABLE });
    expect(trickled.ms).toBeLessThan(2_500);
  });

  it("slow but answering: concurrent cold requests share one read and all get 200", async () => {
    const s3 = await scripted({ kind: "forward", upstream: await startS3rverWithModel(), delayMs: 600 });
    process.env.AWS_ENDPOINT_URL_S3 = s3.endpoint;
    const { call } = awsRuntime();
    const results = await Promise.all([95, 40, 99].map((value) => call({ value })));
    expect(results.map((r) => [r.status, r.json.anomaly])).toEqual([
      [200, 1],
      [200, 0],
      [200, 1],
    ]);
    expect(Math.min(...results.map((r) => r.ms))).toBeGreaterThanOrEqual(590);
    expect(s3.requests).toHaveLength(1);
  });
});

describe("a model whose checksum is not the manifest's", () => {
  let server: LocalServer;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "helios-faults-models-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFixtureModelDir(join(dir, "models"), DETECTORS);
    // Another valid model under cpu's name: loadable, but not the one the manifest names.
    writeFileSync(join(dir, "other.onnx"), fixtureModelBytes(cpu, 0.02));
    copyFileSync(join(dir, "other.onnx"), join(dir, "models", "cpu.onnx"));
    const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        try {
          logLines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // not a log line
        }
      }
      return true;
    });
    cleanups.push(() => spy.mockRestore());
    server = await startLocalServer({
      port: 0,
      modelDir: join(dir, "models"),
      alertFile: join(dir, "alerts.jsonl"),
    });
    cleanups.push(() => server.close());
  });

  const post = (detector: string, body: unknown) =>
    fetch(`${server.url}/predict/${detector}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  it("is a model ONNX Runtime would load, so only the checksum can refuse it", async () => {
    const session = await ort.InferenceSession.create(fixtureModelBytes(cpu, 0.02));
    expect(session.outputNames).toEqual(expect.arrayContaining(["label", "score"]));
    await session.release();
  });

  it("is refused on every retry (503, Retry-After growing) and never served; other detectors serve", async () => {
    const first = await post("cpu", { value: 95 });
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("1");
    expect(await first.json()).toEqual(UNAVAILABLE);
    expect((await post("network", { value: 600 })).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 1_050)); // past Retry-After: a second load
    const second = await post("cpu", { value: 40 });
    expect(second.status).toBe(503);
    expect(second.headers.get("retry-after")).toBe("2");

    const refusals = logLines.filter((l) => l.message === "model unavailable" && l.detector === "cpu");
    expect(refusals).toHaveLength(2);
    for (const line of refusals) expect(line.reason).toMatch(/^Error: checksum mismatch for .*cpu\.onnx/);
    const cpuRequests = logLines.filter((l) => l.message === "request" && l.detector === "cpu");
    expect(cpuRequests.map((l) => l.status)).toEqual([503, 503]);
  });
});

/** SNS's Query-protocol error body. */
const snsError = (code: string, message: string) =>
  `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type>` +
  `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;

describe("SNS failing", () => {
  let s3Endpoint: string;
  beforeAll(async () => {
    s3Endpoint = await startS3rverWithModel();
  });

  function snsRuntime(sns: ScriptedHttpServer) {
    process.env.AWS_ENDPOINT_URL_S3 = s3Endpoint;
    process.env.AWS_ENDPOINT_URL_SNS = sns.endpoint;
    return awsRuntime({ [ENV.alertSink]: "sns", [ENV.alertTopicArn]: TOPIC });
  }

  /** The prediction stands, the alert is in the log in full, and the EMF record counts the failure. */
  function expectAlertKeptInLog(lines: Record<string, unknown>[], reason: RegExp) {
    const kept = lines.find((l) => l.message === "alert not delivered; logged here instead");
    expect(kept).toMatchObject({
      level: "error",
      detector: "cpu",
      subject: "Helios: cpu anomaly",
      alert: { detector: "cpu", input: 95, score: 0.95, modelVersion: entry.modelVersion },
    });
    expect(String(kept?.reason)).toMatch(reason);
    expect(lines.find((l) => "_aws" in l)).toMatchObject({ Predictions: 1, Anomalies: 1, AlertFailures: 1 });
  }

  it.each([
    ["throttling (400 Throttling)", 400, "Throttling", "Rate exceeded"],
    ["failing (500 InternalError)", 500, "InternalError", "Internal failure"],
  ])(
    "%s: 200, alert kept in the log, AlertFailures counted, retried once",
    async (_name, status, code, text) => {
      const sns = await scripted({ kind: "respond", status, body: snsError(code, text) });
      const { call, lines } = snsRuntime(sns);
      expect(await call({ value: 95 })).toMatchObject({ status: 200, json: { cpu_value: 95, anomaly: 1 } });
      expect(sns.requests).toEqual(["POST /", "POST /"]); // maxAttempts 2
      expect(sns.bodies[0]).toContain("Action=Publish");
      expect(sns.bodies[0]).toContain(`TopicArn=${encodeURIComponent(TOPIC)}`);
      expectAlertKeptInLog(lines, new RegExp(`${code}\\w*: ${text}`));
    },
  );

  it("stalled: 200 before the invocation's deadline, alert kept in the log", async () => {
    const sns = await scripted({ kind: "stall" });
    const { call, lines, runtime } = snsRuntime(sns);
    await runtime.warmUp(); // the model is loaded: only the publish can take the time
    const result = await call({ value: 95 }, contextEndingIn(1_500));
    expect(result).toMatchObject({ status: 200, json: { anomaly: 1 } });
    expect(result.ms).toBeLessThan(1_500);
    expectAlertKeptInLog(lines, /.+/);
  });

  it("normal readings publish nothing, so a broken SNS costs them nothing", async () => {
    const sns = await scripted({ kind: "stall" });
    const { call, lines } = snsRuntime(sns);
    expect((await call({ values: [40, 41, 42] })).status).toBe(200);
    expect(sns.requests).toHaveLength(0);
    expect(lines.find((l) => "_aws" in l)).toMatchObject({ Predictions: 3, Anomalies: 0, AlertFailures: 0 });
  });
});

describe("CloudWatch failing", () => {
  let s3Endpoint: string;
  beforeAll(async () => {
    s3Endpoint = await startS3rverWithModel();
  });

  function cloudWatchRuntime(cloudWatch: ScriptedHttpServer) {
    process.env.AWS_ENDPOINT_URL_S3 = s3Endpoint;
    process.env.AWS_ENDPOINT_URL_CLOUDWATCH = cloudWatch.endpoint;
    return awsRuntime({ [ENV.metrics]: "cloudwatch" });
  }

  it("answering 500: predictions are unaffected, the flush logs the dropped metrics and does not throw", async () => {
    const cloudWatch = await scripted({
      kind: "respond",
      status: 500,
      headers: { "Content-Type": "application/x-amz-json-1.0" },
      body: JSON.stringify({ __type: "InternalServiceFault", message: "Service unavailable" }),
    });
    const { call, lines, runtime } = cloudWatchRuntime(cloudWatch);
    const results = [await call({ value: 95 }), await call({ value: 40 })];
    expect(results.map((r) => [r.status, r.json.anomaly])).toEqual([
      [200, 1],
      [200, 0],
    ]);
    expect(cloudWatch.requests).toHaveLength(0); // nothing on the response path
    await expect(runtime.flushMetrics()).resolves.toBeUndefined();
    expect(cloudWatch.requests.length).toBeGreaterThanOrEqual(1);
    expect(lines.find((l) => l.message === "PutMetricData failed; these metrics are dropped")).toMatchObject({
      level: "warn",
      dropped: expect.any(Number),
    });
  });

  it("stalled: requests answer at full speed while a flush hangs on it", async () => {
    const cloudWatch = await scripted({ kind: "stall" });
    const { call, lines, runtime } = cloudWatchRuntime(cloudWatch);
    await call({ value: 95 }); // cold start and a first record
    const flushing = runtime.flushMetrics();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cloudWatch.requests).toHaveLength(1); // the flush is waiting on the stalled server
    const during = [];
    for (const value of [10, 20, 30, 95, 99]) during.push(await call({ value }));
    expect(during.every((r) => r.status === 200)).toBe(true);
    expect(Math.max(...during.map((r) => r.ms))).toBeLessThan(250);
    await cloudWatch.close(); // the connection drops: the flush fails, and says so
    await expect(flushing).resolves.toBeUndefined();
    expect(lines.some((l) => l.message === "PutMetricData failed; these metrics are dropped")).toBe(true);
  });
});
