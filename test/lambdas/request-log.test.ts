/**
 * The request log line and Lambda's logging controls: AWS_LAMBDA_LOG_LEVEL (TRACE … FATAL) drops
 * our lines below it but never the EMF metric lines, and each request's line says whether it was
 * its container's first invocation (cold_start) and carries that invocation's X-Ray trace id.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DETECTORS, getDetector, routeOf } from "../../lambdas/catalog";
import { createDetectorRuntime, createStatusHandler, ENV } from "../../lambdas/runtime";
import { TRACE_ID_VARIABLE, xrayTraceId } from "../../lambdas/runtime/invocation-fields";
import {
  createLogger,
  LOG_LEVEL_VARIABLE,
  type LogLevel,
  minimumSeverity,
} from "../../lambdas/runtime/logger";
import { writeFixtureModelDir } from "../support/fixture-models";
import { getEvent, lambdaContext, lineCollector, postEvent } from "../support/lambda-events";

const cpu = getDetector("cpu");
const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];
let root: string;
let modelDir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "helios-request-log-"));
  modelDir = join(root, "models");
  writeFixtureModelDir(modelDir, DETECTORS);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A cpu runtime over the fixture models whose environment the test can change between invocations. */
function cpuRuntime(extra: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = {
    [ENV.modelSource]: "local",
    [ENV.modelDir]: modelDir,
    [ENV.alertSink]: "file",
    [ENV.alertFile]: join(root, "alerts.jsonl"),
    [ENV.metrics]: "emf",
    ...extra,
  };
  const output = lineCollector();
  const runtime = createDetectorRuntime(cpu, { env, writeLine: output.write });
  const call = (body: unknown) => runtime.handler(postEvent(routeOf(cpu), body), lambdaContext());
  const requests = () => output.lines.filter((l) => l.message === "request");
  const emf = () => output.lines.filter((l) => "_aws" in l);
  return { env, call, requests, emf, lines: output.lines };
}

describe("AWS_LAMBDA_LOG_LEVEL", () => {
  it.each([
    ["TRACE", ["debug", "info", "warn", "error"]],
    ["DEBUG", ["debug", "info", "warn", "error"]],
    ["INFO", ["info", "warn", "error"]],
    ["info", ["info", "warn", "error"]],
    ["WARN", ["warn", "error"]],
    ["ERROR", ["error"]],
    ["FATAL", []],
    [undefined, ["debug", "info", "warn", "error"]],
    ["VERBOSE", ["debug", "info", "warn", "error"]],
  ])("%s lets through %j", (value, written) => {
    const output = lineCollector();
    const logger = createLogger(output.write, value === undefined ? {} : { [LOG_LEVEL_VARIABLE]: value });
    for (const level of LEVELS) logger.log(level, `a ${level} line`);
    expect(output.lines.map((l) => l.level)).toEqual(written);
  });

  it("ranks Lambda's levels", () => {
    expect(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"].map(minimumSeverity)).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
  });

  it("filters the runtime's lines but never its EMF metric lines", async () => {
    const quiet = cpuRuntime({ [LOG_LEVEL_VARIABLE]: "ERROR" });
    expect((await quiet.call({ value: 40 })).statusCode).toBe(200);
    expect((await quiet.call({ value: "x" })).statusCode).toBe(400);
    expect(quiet.requests()).toEqual([]); // info lines, below ERROR
    expect(quiet.emf()).toHaveLength(1); // the prediction's metrics still reach CloudWatch

    const warn = cpuRuntime({ [LOG_LEVEL_VARIABLE]: "WARN", [ENV.modelSource]: "nowhere" });
    expect((await warn.call({ value: 40 })).statusCode).toBe(503);
    expect(warn.requests().map((l) => l.level)).toEqual(["warn"]); // an unavailable answer is a warning
  });
});

describe("the request line", () => {
  it("says cold_start on the container's first invocation only", async () => {
    const { call, requests } = cpuRuntime();
    await call({ value: 40 });
    await call({ value: 95 });
    await call({ value: "not a number" });
    expect(requests().map((l) => l.cold_start)).toEqual([true, false, false]);
  });

  it("carries each invocation's X-Ray trace id, and none without one", async () => {
    const { env, call, requests } = cpuRuntime();
    env[TRACE_ID_VARIABLE] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    await call({ value: 40 });
    env[TRACE_ID_VARIABLE] = "Root=1-6a1b2c3d-0123456789abcdef01234567;Parent=1111111111111111;Sampled=0";
    await call({ value: 40 });
    delete env[TRACE_ID_VARIABLE];
    await call({ value: 40 });
    expect(requests().map((l) => l.xray_trace_id)).toEqual([
      "1-5759e988-bd862e3fe1be46a994272793",
      "1-6a1b2c3d-0123456789abcdef01234567",
      undefined,
    ]);
  });

  it("of the status function carries them too", async () => {
    const output = lineCollector();
    const handler = createStatusHandler({
      env: {
        [ENV.modelDir]: modelDir,
        [TRACE_ID_VARIABLE]: "Root=1-00000001-000000000000000000000001",
      },
      writeLine: output.write,
    });
    await handler(getEvent("/"), lambdaContext());
    await handler(getEvent("/"), lambdaContext());
    expect(output.lines.map((l) => [l.cold_start, l.xray_trace_id])).toEqual([
      [true, "1-00000001-000000000000000000000001"],
      [false, "1-00000001-000000000000000000000001"],
    ]);
  });
});

describe("xrayTraceId", () => {
  it.each([
    [
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
      "1-5759e988-bd862e3fe1be46a994272793",
    ],
    [
      "Parent=53995c3f42cd8ad8; Root=1-5759e988-bd862e3fe1be46a994272793",
      "1-5759e988-bd862e3fe1be46a994272793",
    ],
    ["Root=", undefined],
    ["Sampled=1", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%j -> %j", (header, id) => {
    expect(xrayTraceId(header)).toBe(id);
  });
});
