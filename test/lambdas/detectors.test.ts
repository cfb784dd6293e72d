/**
 * Each catalogued detector through its own handler module and the committed model: the handler
 * files exist, and every detector gives the seed's documented answers with a score, a model
 * version from models/manifest.json and a decision consistent with the manifest's rule.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIGatewayProxyResult } from "aws-lambda";
import { DETECTORS, type DetectorSpec, REQUEST_FIELDS, routeOf } from "../../lambdas/catalog";
import { createDetectorRuntime, ENV, type ProxyHandler } from "../../lambdas/runtime";
import { DEFAULT_MODEL_DIR } from "../../lambdas/runtime/repo-paths";
import type { ModelManifest } from "../../models/manifest-schema";
import { lambdaContext, lineCollector, postEvent } from "../support/lambda-events";

const HANDLERS_DIR = join(__dirname, "..", "..", "lambdas", "handlers");
const manifest = JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, "manifest.json"), "utf8")) as ModelManifest;

// Created at load time: describe blocks below build their runtimes while the file is collected.
const root = mkdtempSync(join(tmpdir(), "helios-detectors-"));
const savedEnv = { ...process.env };

beforeAll(() => {
  // The handler modules read process.env at their first invocation: local mode, with alerts kept out of the repo.
  process.env[ENV.modelSource] = "local";
  process.env[ENV.alertSink] = "file";
  process.env[ENV.alertFile] = join(root, "alerts.jsonl");
  process.env[ENV.metrics] = "emf";
  delete process.env[ENV.modelDir];
});

afterAll(() => {
  process.env = savedEnv;
  rmSync(root, { recursive: true, force: true });
});

/** Calls a handler with stdout captured, returning the response and the JSON lines it wrote. */
async function quietly(handler: ProxyHandler, body: unknown, path: string) {
  const lines: Record<string, unknown>[] = [];
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    return true;
  });
  let result: APIGatewayProxyResult;
  try {
    result = await handler(postEvent(path, body), lambdaContext("req-module"));
  } finally {
    spy.mockRestore();
  }
  return { result, lines };
}

function runtimeFor(detector: DetectorSpec) {
  const output = lineCollector();
  const runtime = createDetectorRuntime(detector, {
    env: { [ENV.alertFile]: join(root, `${detector.name}.jsonl`), [ENV.metrics]: "log" },
    writeLine: output.write,
  });
  return async (body: unknown) => {
    const result = await runtime.handler(postEvent(routeOf(detector), body), lambdaContext());
    return { status: result.statusCode, json: JSON.parse(result.body) as Record<string, unknown> };
  };
}

describe("handler modules", () => {
  it("has lambdas/handlers/<name>.ts exporting a handler for every catalogued detector, and status.ts", () => {
    for (const name of [...DETECTORS.map((d) => d.name), "status"]) {
      const file = join(HANDLERS_DIR, `${name}.ts`);
      expect(existsSync(file)).toBe(true);
      expect(typeof (require(file) as { handler?: unknown }).handler).toBe("function");
    }
  });

  it.each(DETECTORS.map((d) => [d.name, d] as const))(
    "%s: its module answers the documented anomalous example from the committed model",
    async (name, detector) => {
      const { handler } = require(join(HANDLERS_DIR, name)) as { handler: ProxyHandler };
      const field = REQUEST_FIELDS[detector.input.kind].single;
      const { result, lines } = await quietly(
        handler,
        { [field]: detector.examples.anomalous },
        routeOf(detector),
      );
      expect(result.statusCode).toBe(200);
      const body = JSON.parse(result.body);
      expect(body[detector.decisionField]).toBe(1);
      expect(body.model).toBe(`${name}@${manifest.models[name]!.modelVersion}`);
      expect(lines.find((l) => l.message === "request")).toMatchObject({
        requestId: "req-module",
        detector: name,
        outcome: "anomaly",
      });
      expect(lines.find((l) => "_aws" in l)).toMatchObject({ Detector: name, Predictions: 1, Anomalies: 1 });
    },
  );
});

describe.each(DETECTORS.map((d) => [d.name, d] as const))(
  "%s detector with the committed model",
  (name, detector) => {
    const call = runtimeFor(detector);
    const { single, batch } = REQUEST_FIELDS[detector.input.kind];
    const entry = manifest.models[name]!;

    it("gives the seed's documented answers, with a score on the manifest rule's side", async () => {
      for (const [example, expected] of [
        [detector.examples.anomalous, 1],
        [detector.examples.normal, 0],
      ] as const) {
        const { status, json } = await call({ [single]: example });
        expect(status).toBe(200);
        expect(json[detector.echoField]).toEqual(example);
        expect(json[detector.decisionField]).toBe(expected);
        expect(typeof json.score).toBe("number");
        const above =
          entry.decision.operator === ">"
            ? (json.score as number) > entry.decision.threshold
            : (json.score as number) >= entry.decision.threshold;
        expect(above ? 1 : 0).toBe(expected);
        if (detector.hasProbability) {
          expect(json.probability).toBeGreaterThan(0);
          expect(json.probability).toBeLessThan(1);
          expect((json.probability as number) > 0.5).toBe(expected === 1);
        } else {
          expect(json).not.toHaveProperty("probability");
        }
      }
    });

    it("answers a batch with the same results as single requests, in order", async () => {
      const items = [detector.examples.normal, detector.examples.anomalous, detector.examples.normal];
      const { json } = await call({ [batch]: items });
      const singles = await Promise.all(items.map(async (item) => (await call({ [single]: item })).json));
      expect(json.results).toEqual(singles.map(({ model: _model, ...rest }) => rest));
      expect(json.model).toBe(`${name}@${entry.modelVersion}`);
    });
  },
);

describe("content specifics with the committed model", () => {
  const call = runtimeFor(DETECTORS.find((d) => d.name === "content")!);

  it("sees past a NUL character (ORT passes strings to the graph as C strings)", async () => {
    const { json } = await call({ text: "hi\u0000click http://spam.com" });
    expect(json.blocked).toBe(1);
    expect(json.text).toBe("hi\u0000click http://spam.com");
  });

  it("answers empty and whitespace-only texts, alone and in a batch, without a 500", async () => {
    expect(await call({ text: "" })).toMatchObject({ status: 200, json: { text: "", blocked: 0 } });
    const { status, json } = await call({ texts: ["", "   ", "click http://spam.com"] });
    expect(status).toBe(200);
    expect((json.results as { blocked: number }[]).map((r) => r.blocked)).toEqual([0, 0, 1]);
  });
});
