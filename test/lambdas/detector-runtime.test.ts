/**
 * The detector runtime end to end through its handler, with the local adapters (model folder,
 * alert file, EMF/log metrics) and fixture models whose scores are known exactly:
 * number detectors score value × 0.01; login scores (a + b) × 0.01 with probability sigmoid(score);
 * content scores 0.9 for the text "spam" and 0.1 otherwise.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DETECTORS, getDetector, MAX_BODY_BYTES, routeOf } from "../../lambdas/catalog";
import { createDetectorRuntime, ENV } from "../../lambdas/runtime";
import { writeFixtureModelDir } from "../support/fixture-models";
import { lambdaContext, lineCollector, postEvent } from "../support/lambda-events";

let root: string;
let modelDir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "helios-runtime-"));
  modelDir = join(root, "models");
  writeFixtureModelDir(modelDir, DETECTORS);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function setup(name: string, env: Record<string, string> = {}) {
  const detector = getDetector(name as never);
  const alertFile = join(root, `alerts-${name}-${Math.random().toString(36).slice(2)}.jsonl`);
  const output = lineCollector();
  const runtime = createDetectorRuntime(detector, {
    env: {
      [ENV.modelSource]: "local",
      [ENV.modelDir]: modelDir,
      [ENV.alertSink]: "file",
      [ENV.alertFile]: alertFile,
      [ENV.metrics]: "emf",
      ...env,
    },
    writeLine: output.write,
  });
  const call = async (body: unknown, fields = {}) => {
    const result = await runtime.handler(postEvent(routeOf(detector), body, fields), lambdaContext("req-1"));
    return { ...result, json: JSON.parse(result.body) as Record<string, unknown> };
  };
  const alerts = () =>
    existsSync(alertFile)
      ? readFileSync(alertFile, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as Record<string, unknown>)
      : [];
  const logs = (message: string) => output.lines.filter((l) => l.message === message);
  const emf = () => output.lines.filter((l) => "_aws" in l);
  return { runtime, call, alerts, logs, emf, lines: output.lines, alertFile };
}

const manifest = () => JSON.parse(readFileSync(join(modelDir, "manifest.json"), "utf8"));
const versionOf = (name: string): string => manifest().models[name].modelVersion;

describe("detector runtime with local adapters", () => {
  it("answers a single cpu reading with the seed's fields plus score and model, and alerts once", async () => {
    const cpu = setup("cpu");
    const anomalous = await cpu.call({ value: 95 });
    expect(anomalous.statusCode).toBe(200);
    expect(anomalous.json).toEqual({
      cpu_value: 95,
      anomaly: 1,
      score: 0.95,
      model: `cpu@${versionOf("cpu")}`,
    });
    expect(anomalous.headers?.["Content-Type"]).toBe("application/json; charset=utf-8");

    const normal = await cpu.call({ value: 40 });
    // Scores are float32, printed as the shortest decimal that reads back the same (0.4 × 0.01f = 0.39999998).
    expect(normal.json).toEqual({
      cpu_value: 40,
      anomaly: 0,
      score: 0.39999998,
      model: `cpu@${versionOf("cpu")}`,
    });

    const [alert, ...more] = cpu.alerts();
    expect(more).toHaveLength(0);
    expect(alert).toMatchObject({
      subject: "Helios: cpu anomaly",
      detector: "cpu",
      message: {
        detector: "cpu",
        input: 95,
        score: 0.95,
        threshold: 0.5,
        modelVersion: versionOf("cpu"),
        requestId: "req-1",
      },
    });
    expect(Date.parse((alert!.message as { time: string }).time)).not.toBeNaN();
    expect(cpu.logs("Helios: cpu anomaly")).toHaveLength(1);
  });

  it("echoes a named resource in single and batch answers and names it in the alert and the log line", async () => {
    const cpu = setup("cpu");
    const single = await cpu.call({ value: 95, resource: "i-0abc1234" });
    expect(single.json).toEqual({
      cpu_value: 95,
      anomaly: 1,
      score: 0.95,
      model: `cpu@${versionOf("cpu")}`,
      resource: "i-0abc1234",
    });
    const batch = await cpu.call({ values: [40, 41], resource: "db-1" });
    expect(batch.json.resource).toBe("db-1");
    expect(cpu.alerts()).toEqual([
      expect.objectContaining({
        subject: "Helios: cpu anomaly on i-0abc1234",
        message: expect.objectContaining({ resource: "i-0abc1234" }),
        text: expect.stringContaining("Resource: i-0abc1234\n"),
      }),
    ]);
    expect(cpu.logs("request").map((l) => l.resource)).toEqual(["i-0abc1234", "db-1"]);
  });

  it("alerts once per detector and resource per cooldown window; the answers are unchanged", async () => {
    let now = Date.UTC(2026, 10, 28, 12);
    const detector = getDetector("cpu");
    const alertFile = join(root, "cooldown.jsonl");
    const runtime = createDetectorRuntime(detector, {
      env: {
        [ENV.modelDir]: modelDir,
        [ENV.alertFile]: alertFile,
        [ENV.alertCooldownSeconds]: "600",
        [ENV.metrics]: "log",
      },
      writeLine: () => undefined,
      now: () => now,
    });
    const call = async (body: unknown) =>
      JSON.parse((await runtime.handler(postEvent(routeOf(detector), body), lambdaContext())).body);
    const answers = [];
    for (let i = 0; i < 5; i += 1) {
      answers.push(await call({ value: 95, resource: "i-1" }));
      now += 60_000;
    }
    expect(answers.every((a) => a.anomaly === 1 && a.score === 0.95)).toBe(true);
    answers.push(await call({ values: [99, 98], resource: "i-2" }));
    now += 10 * 60_000; // 15 minutes after the first alert
    answers.push(await call({ value: 97, resource: "i-1" }));
    const alerts = readFileSync(alertFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { subject: string; message: Record<string, unknown> });
    expect(alerts.map((a) => [a.subject, a.message.suppressedBefore])).toEqual([
      ["Helios: cpu anomaly on i-1", 0],
      ["Helios: 2 cpu anomalies in a batch on i-2", 0],
      ["Helios: cpu anomaly on i-1", 4],
    ]);
  });

  it("decides with the manifest's threshold, not the graph's own label", async () => {
    const strictDir = join(root, "strict");
    writeFixtureModelDir(strictDir, [getDetector("cpu")], { cpu: 0.97 });
    const cpu = setup("cpu", { [ENV.modelDir]: strictDir });
    // The graph labels 95 anomalous (score 0.95 > 0.5); the manifest's rule (score > 0.97) does not.
    expect((await cpu.call({ value: 95 })).json.anomaly).toBe(0);
    expect((await cpu.call({ value: 98 })).json.anomaly).toBe(1);
  });

  it("answers a batch in order with one summary alert and per-item metrics", async () => {
    const storage = setup("storage");
    const result = await storage.call({ values: [95, 40, 100, 0] });
    expect(result.json).toEqual({
      results: [
        { storage_value: 95, anomaly: 1, score: 0.95 },
        { storage_value: 40, anomaly: 0, score: 0.39999998 },
        { storage_value: 100, anomaly: 1, score: 1 },
        { storage_value: 0, anomaly: 0, score: 0 },
      ],
      model: `storage@${versionOf("storage")}`,
    });
    const alerts = storage.alerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      subject: "Helios: 2 storage anomalies in a batch",
      message: {
        batchSize: 4,
        count: 2,
        notListed: 0,
        anomalies: [
          { index: 0, input: 95, score: 0.95 },
          { index: 2, input: 100, score: 1 },
        ],
      },
    });
    const [metrics] = storage.emf();
    expect(metrics).toMatchObject({ Detector: "storage", Predictions: 4, Anomalies: 2, AlertFailures: 0 });
    expect(metrics!.Latency).toEqual(expect.any(Number));
    expect(metrics!._aws).toMatchObject({
      CloudWatchMetrics: [
        {
          Namespace: "Helios",
          Dimensions: [["Detector"]],
          Metrics: expect.arrayContaining([
            { Name: "Predictions", Unit: "Count" },
            { Name: "Latency", Unit: "Milliseconds" },
          ]),
        },
      ],
    });
  });

  it("answers login with a probability and a pair echo", async () => {
    const login = setup("login");
    const result = await login.call({
      values: [
        [6, 2],
        [1, 10],
      ],
    });
    const [first, second] = result.json.results as Record<string, number>[];
    expect(first).toEqual({
      login_attempts: [6, 2],
      anomaly: 0,
      score: 0.08,
      probability: expect.closeTo(0.5199893, 7),
    });
    expect(second!.probability).toBeCloseTo(1 / (1 + Math.exp(-0.11)), 6);
  });

  it("echoes only a prefix of a long text and keeps full texts out of logs and alerts", async () => {
    const content = setup("content");
    const secret = `spam ${"x".repeat(5_000)} END-OF-TEXT`;
    const long = await content.call({ texts: ["spam", secret] });
    const results = long.json.results as Record<string, unknown>[];
    expect(results[0]).toEqual({ text: "spam", blocked: 1, score: 0.9, probability: 0.9, category: "spam" });
    expect(results[1]!.blocked).toBe(0);
    expect(results[1]!.category).toBe("none");
    expect((results[1]!.text as string).length).toBeLessThanOrEqual(65);
    expect(results[1]!.text).toMatch(/^spam x+…$/);
    const everything = JSON.stringify(content.lines) + readFileSync(content.alertFile, "utf8");
    expect(everything).not.toContain("END-OF-TEXT");
  });

  it("accepts an empty text", async () => {
    const content = setup("content");
    const result = await content.call({ text: "" });
    expect(result.statusCode).toBe(200);
    expect(result.json).toMatchObject({ text: "", blocked: 0 });
  });

  it("accepts readings beyond float32's range (the schema allows them) without a 500", async () => {
    const network = setup("network");
    const result = await network.call({ values: [1e300, 5e38] });
    expect(result.statusCode).toBe(200);
    expect((result.json.results as { anomaly: number }[]).map((r) => r.anomaly)).toEqual([1, 1]);
  });

  it("answers client mistakes with 4xx and a message, logs them, and records no metrics", async () => {
    const cpu = setup("cpu");
    const cases: [unknown, Record<string, unknown>, number, RegExp][] = [
      [
        { value: 95 },
        { headers: { "content-type": "text/plain" } },
        415,
        /Content-Type must be application\/json/,
      ],
      [{ value: 95 }, { headers: {}, multiValueHeaders: {} }, 415, /Content-Type/],
      [{ value: 95 }, { httpMethod: "PUT" }, 405, /use POST/],
      [{ value: 95 }, { resource: "/predict/gpu", path: "/predict/gpu" }, 404, /no route/],
      ["{nope", {}, 400, /not valid JSON/],
      [{ value: "95" }, {}, 400, /"value" must be a number/],
      [{ value: 1 }, { body: '{"value": 1e309}' }, 400, /"value" must be a finite number/],
      [{ text: "x".repeat(MAX_BODY_BYTES) }, {}, 413, /limit is 1048576 bytes/],
      [{ values: new Array(10_001).fill(1) }, {}, 413, /limit is 10000/],
    ];
    for (const [body, fields, status, message] of cases) {
      const result = await cpu.call(body, fields);
      expect([result.statusCode, result.json.error]).toEqual([status, expect.stringMatching(message)]);
      expect(Object.keys(result.json)).toEqual(["error"]);
    }
    expect((await cpu.call({ value: 95 }, { httpMethod: "DELETE" })).headers?.Allow).toBe("POST");
    const requests = cpu.logs("request");
    expect(requests).toHaveLength(cases.length + 1);
    expect(requests[0]).toMatchObject({
      requestId: "req-1",
      detector: "cpu",
      outcome: "rejected",
      status: 415,
    });
    expect(requests[0]!.latencyMs).toEqual(expect.any(Number));
    expect(cpu.emf()).toHaveLength(0);
  });

  it("handles a base64-encoded body as API Gateway sends binary media", async () => {
    const cpu = setup("cpu");
    const body = Buffer.from(JSON.stringify({ value: 95 })).toString("base64");
    const result = await cpu.call(body, { isBase64Encoded: true });
    expect(result.json.anomaly).toBe(1);
  });

  it("logs one structured line per request with request id, detector, outcome, status and latency", async () => {
    const cpu = setup("cpu");
    await cpu.call({ value: 95 });
    await cpu.call({ value: 40 });
    const [first, second] = cpu.logs("request");
    expect(first).toMatchObject({
      level: "info",
      requestId: "req-1",
      detector: "cpu",
      outcome: "anomaly",
      status: 200,
    });
    expect(second).toMatchObject({ outcome: "normal", status: 200, items: 1, anomalies: 0 });
    expect(typeof first!.time).toBe("string");
  });

  it("fails an invocation on a wrong configuration with a 503 and a log line, then recovers when it is fixed", async () => {
    const env: Record<string, string> = {
      [ENV.modelSource]: "ftp",
      [ENV.modelDir]: modelDir,
      [ENV.alertFile]: join(root, "misconfigured.jsonl"),
    };
    const output = lineCollector();
    const runtime = createDetectorRuntime(getDetector("cpu"), { env, writeLine: output.write });
    const first = await runtime.handler(postEvent("/predict/cpu", { value: 95 }), lambdaContext());
    expect(first.statusCode).toBe(503);
    expect(first.headers?.["Retry-After"]).toBe("60");
    expect(JSON.parse(first.body)).toEqual({ error: "the cpu detector is misconfigured; retry later" });
    expect(output.lines.find((l) => l.message === "invalid configuration")).toMatchObject({
      level: "error",
      problem: 'HELIOS_MODEL_SOURCE must be "local" or "s3"',
    });
    env[ENV.modelSource] = "local";
    const second = await runtime.handler(postEvent("/predict/cpu", { value: 95 }), lambdaContext());
    expect(second.statusCode).toBe(200);
  });

  it("follows a changed environment at the next invocation, keeping the model when only the alert file changed", async () => {
    const first = join(root, "first.jsonl");
    const second = join(root, "second.jsonl");
    const env: Record<string, string> = {
      [ENV.modelDir]: modelDir,
      [ENV.alertFile]: first,
      [ENV.metrics]: "log",
    };
    const output = lineCollector();
    const runtime = createDetectorRuntime(getDetector("cpu"), { env, writeLine: output.write });
    await runtime.handler(postEvent("/predict/cpu", { value: 95, resource: "i-a" }), lambdaContext());
    env[ENV.alertFile] = second;
    // Another resource: the cooldown of i-a does not hold this alert back.
    await runtime.handler(postEvent("/predict/cpu", { value: 96, resource: "i-b" }), lambdaContext());
    expect(readFileSync(first, "utf8").trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(readFileSync(second, "utf8")).message.input).toBe(96);
    expect(output.lines.filter((l) => l.message === "model loaded")).toHaveLength(1);
  });

  it("warms up explicitly, reporting each load phase, and reuses one session afterwards", async () => {
    const cpu = setup("cpu");
    const report = await cpu.runtime.warmUp();
    expect(report.modelVersion).toBe(versionOf("cpu"));
    for (const phase of [report.readMs, report.verifyMs, report.sessionCreateMs, report.firstRunMs]) {
      expect(phase).toBeGreaterThanOrEqual(0);
    }
    await cpu.call({ value: 95 });
    await cpu.call({ value: 96 });
    // The handler used the warmed session: no further load happened.
    expect(cpu.logs("model loaded")).toHaveLength(0);
  });

  it("serves every catalogued detector's documented examples through its fixture model", async () => {
    for (const detector of DETECTORS) {
      const runtime = setup(detector.name);
      const field = detector.input.kind === "text" ? "text" : "value";
      const result = await runtime.call({ [field]: detector.examples.normal });
      expect(result.statusCode).toBe(200);
      expect(result.json[detector.echoField]).toEqual(detector.examples.normal);
      expect(result.json.model).toBe(`${detector.name}@${versionOf(detector.name)}`);
    }
  });

  it("tolerates an alert file it cannot write: 200, alert in the log, AlertFailures counted", async () => {
    const blocker = join(root, "not-a-folder");
    writeFileSync(blocker, "a file where the alert folder should be");
    const cpu = setup("cpu", { [ENV.alertFile]: join(blocker, "alerts.jsonl") });
    const result = await cpu.call({ value: 95 });
    expect(result.statusCode).toBe(200);
    expect(result.json.anomaly).toBe(1);
    const [failure] = cpu.logs("alert not delivered; logged here instead");
    expect(failure).toMatchObject({
      level: "error",
      subject: "Helios: cpu anomaly",
      alert: { input: 95, score: 0.95 },
    });
    expect(cpu.emf()[0]).toMatchObject({ AlertFailures: 1, Anomalies: 1 });
  });
});

describe("model prefetch (Lambda's init phase)", () => {
  it("loads every model of the detector before the first request, which then loads nothing", async () => {
    const output = lineCollector();
    const runtime = createDetectorRuntime(getDetector("cpu"), {
      env: { [ENV.modelDir]: modelDir, [ENV.alertFile]: join(root, "prefetch.jsonl"), [ENV.metrics]: "log" },
      writeLine: output.write,
    });
    await runtime.prefetch();
    const loaded = () => output.lines.filter((l) => l.message === "model loaded").map((l) => l.model);
    expect(loaded()).toEqual(["cpu"]);
    const answer = await runtime.handler(postEvent("/predict/cpu", { value: 40 }), lambdaContext());
    expect(answer.statusCode).toBe(200);
    expect(loaded()).toEqual(["cpu"]);
  });
});

describe("the SNS alert sink", () => {
  it("loads the SNS client at the first alert, not when the sink is chosen", () => {
    jest.isolateModules(() => {
      const constructed: string[] = [];
      jest.doMock("../../lambdas/alerts/sns-alert-sink", () => ({
        SnsAlertSink: class {
          constructor(topicArn: string) {
            constructed.push(topicArn);
          }
          async publish() {}
        },
      }));
      const { createAlertSink } =
        require("../../lambdas/alerts/create-alert-sink") as typeof import("../../lambdas/alerts/create-alert-sink");
      const topicArn = "arn:aws:sns:us-east-1:123456789012:HeliosAlerts";
      const sink = createAlertSink({ kind: "sns", topicArn }, { log: () => undefined });
      expect(constructed).toEqual([]);
      void sink.publish({ subject: "s", detector: "cpu", message: {}, text: "t" });
      void sink.publish({ subject: "s", detector: "cpu", message: {}, text: "t" });
      expect(constructed).toEqual([topicArn]);
      jest.dontMock("../../lambdas/alerts/sns-alert-sink");
    });
  });
});
