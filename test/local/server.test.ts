import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIGatewayProxyEvent, Context } from "aws-lambda";
import { MAX_BODY_BYTES } from "../../lambdas/catalog";
import type { ApiFunction } from "../../lambdas/local/api-functions";
import { type LocalServer, startLocalServer } from "../../lambdas/local/server";
import { ENV } from "../../lambdas/runtime/environment-names";
import type { Logger, LogLevel } from "../../lambdas/runtime/logger";

interface LogLine {
  level: LogLevel;
  message: string;
  fields: Record<string, unknown>;
}

/** What the fake handlers saw, to compare with what the client sent. */
const seen: { event: APIGatewayProxyEvent; context: Context }[] = [];
/** The slow handler announces it has started, then waits to be released. */
let slowStarted: () => void = () => {};
let releaseSlow: () => void = () => {};

const fakeFunctions: ApiFunction[] = [
  {
    name: "echo",
    method: "POST",
    path: "/predict/echo",
    handler: async (event, context) => {
      seen.push({ event, context });
      return {
        statusCode: 200,
        headers: { "Content-Type": "application/json", "Content-Length": "1", Connection: "upgrade" },
        body: JSON.stringify({ body: event.body, remaining: context.getRemainingTimeInMillis() }),
      };
    },
  },
  {
    name: "throws",
    method: "POST",
    path: "/predict/throws",
    handler: async () => {
      throw new Error("secret detail at /work/main/lambdas/handlers/throws.ts:12");
    },
  },
  {
    name: "malformed",
    method: "POST",
    path: "/predict/malformed",
    handler: async () => ({ statusCode: "ok" }) as never,
  },
  {
    name: "hangs",
    method: "POST",
    path: "/predict/hangs",
    handler: () => new Promise(() => {}),
  },
  {
    name: "binary",
    method: "GET",
    path: "/binary",
    handler: async () => ({
      statusCode: 200,
      headers: { "Content-Type": "application/octet-stream" },
      body: Buffer.from([1, 2, 3, 250]).toString("base64"),
      isBase64Encoded: true,
    }),
  },
  {
    name: "slow",
    method: "POST",
    path: "/predict/slow",
    handler: () =>
      new Promise((resolve) => {
        releaseSlow = () => resolve({ statusCode: 200, body: '{"slow":true}' });
        slowStarted();
      }),
  },
];

let server: LocalServer;
let dir: string;
const logs: LogLine[] = [];
const logger: Logger = {
  log: (level, message, fields = {}) => logs.push({ level, message, fields: { ...fields } }),
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "helios-server-"));
  server = await startLocalServer({
    port: 0,
    functions: fakeFunctions,
    logger,
    alertFile: join(dir, "alerts.jsonl"),
    functionTimeoutMs: 300,
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  seen.length = 0;
  logs.length = 0;
});

const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json", ...headers },
  });

/** Sends a raw chunked upload (no Content-Length), as a streaming client would. */
function postChunked(path: string, chunk: Buffer, times: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
    });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += c.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    let sent = 0;
    const pump = () => {
      while (sent < times) {
        sent += 1;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe("local server", () => {
  it("listens on loopback on the port it was given (0: a free one)", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    expect(server.url.endsWith(`:${server.port}`)).toBe(true);
  });

  it("sets the local-mode environment before any handler runs", () => {
    expect(process.env[ENV.alertFile]).toBe(join(dir, "alerts.jsonl"));
    expect(server.settings.alertFile).toBe(join(dir, "alerts.jsonl"));
    expect(process.env[ENV.alertSink]).toBe(server.settings.alertSink);
    expect(process.env[ENV.modelSource]).toBe(server.settings.modelSource);
  });

  it("hands the handler a proxy event and context for the request, and returns its result", async () => {
    const response = await post("/predict/echo?x=1", '{"value": 95}', { "X-Trace": "t1" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { body: string; remaining: number };
    expect(body.body).toBe('{"value": 95}');
    expect(body.remaining).toBeGreaterThan(0);
    expect(body.remaining).toBeLessThanOrEqual(300);
    expect(seen).toHaveLength(1);
    const { event, context } = seen[0]!;
    expect(event.httpMethod).toBe("POST");
    expect(event.resource).toBe("/predict/echo");
    expect(event.headers["X-Trace"]).toBe("t1");
    expect(event.queryStringParameters).toEqual({ x: "1" });
    expect(event.requestContext.identity.sourceIp).toMatch(/127\.0\.0\.1/);
    expect(context.functionName).toBe("helios-echo-local");
    expect(context.awsRequestId).toBe(event.requestContext.requestId);
    expect(response.headers.get("x-amzn-requestid")).toBe(event.requestContext.requestId);
  });

  it("frames the response itself, ignoring a handler's Content-Length and Connection", async () => {
    const response = await post("/predict/echo", "{}");
    const text = await response.text();
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(response.headers.get("connection")).not.toBe("upgrade");
  });

  it("answers 404 with a JSON error for an unknown route", async () => {
    const response = await fetch(`${server.url}/predict/gpu`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await response.json()) as { error: string }).error).toMatch(/no route/);
  });

  it("answers 405 with an Allow header for a known route and the wrong method", async () => {
    const response = await fetch(`${server.url}/predict/echo`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(((await response.json()) as { error: string }).error).toMatch(/GET is not allowed.*use POST/);
    expect(seen).toHaveLength(0);
  });

  it("accepts a body of exactly the limit and refuses one byte more with 413", async () => {
    const atLimit = await post("/predict/echo", Buffer.alloc(MAX_BODY_BYTES, 32));
    expect(atLimit.status).toBe(200);
    await atLimit.text();
    const over = await post("/predict/echo", Buffer.alloc(MAX_BODY_BYTES + 1, 32));
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: string }).error).toContain(String(MAX_BODY_BYTES));
    expect(seen).toHaveLength(1);
  });

  it("stops reading a chunked upload at the limit and answers 413 without calling the handler", async () => {
    const result = await postChunked("/predict/echo", Buffer.alloc(64 * 1024, 32), 64);
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({ error: expect.stringContaining("limit") });
    expect(seen).toHaveLength(0);
  });

  it("refuses an over-limit body announced with Expect: 100-continue before the client sends it", async () => {
    const outcome = await new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
      let continued = false;
      const req = request(`${server.url}/predict/echo`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Content-Length": String(MAX_BODY_BYTES * 2),
          Expect: "100-continue",
        },
      });
      req.on("continue", () => {
        continued = true;
      });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, continued }));
        req.destroy();
      });
      req.on("error", reject);
      req.flushHeaders();
    });
    expect(outcome).toEqual({ status: 413, continued: false });
    expect(seen).toHaveLength(0);
  });

  it("turns a throwing handler into a JSON 500 with no details, and logs the reason", async () => {
    const response = await post("/predict/throws", "{}");
    expect(response.status).toBe(500);
    const text = await response.text();
    const requestId = response.headers.get("x-amzn-requestid");
    expect(JSON.parse(text)).toEqual({ error: `internal error; quote request id ${requestId}` });
    expect(text).not.toMatch(/secret|\/work\/|\.ts/);
    const line = logs.find((l) => l.fields.path === "/predict/throws");
    expect(line?.level).toBe("error");
    expect(String(line?.fields.error)).toContain("secret detail");
  });

  it("answers 502 for a result the gateway would reject as malformed", async () => {
    const response = await post("/predict/malformed", "{}");
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: `internal error; quote request id ${response.headers.get("x-amzn-requestid")}`,
    });
  });

  it("answers 504 when a handler runs past the function timeout", async () => {
    const started = Date.now();
    const response = await post("/predict/hangs", "{}");
    expect(response.status).toBe(504);
    expect(((await response.json()) as { error: string }).error).toMatch(/hangs function did not answer/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("decodes a base64 result into the raw bytes", async () => {
    const response = await fetch(`${server.url}/binary`);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([1, 2, 3, 250]));
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
  });

  it("logs one structured line for each request the gateway layer answered, none over a handler's own", async () => {
    await (await post("/predict/echo", "{}")).text();
    await (await fetch(`${server.url}/nowhere`)).text();
    await (await post("/predict/echo", Buffer.alloc(MAX_BODY_BYTES + 1, 32))).text();
    // The handler answered the first request, and Helios's handlers write their own line.
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({
      level: "info",
      message: "request",
      fields: { method: "GET", path: "/nowhere", status: 404 },
    });
    expect(logs[0]!.fields.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof logs[0]!.fields.durationMs).toBe("number");
    expect(logs[1]!.fields).toMatchObject({ method: "POST", path: "/predict/echo", status: 413 });
  });
});

describe("local server shutdown", () => {
  it("lets an in-flight request finish, then stops accepting connections", async () => {
    const own = await startLocalServer({
      port: 0,
      functions: fakeFunctions,
      logger,
      alertFile: join(dir, "a.jsonl"),
    });
    const started = new Promise<void>((resolve) => {
      slowStarted = resolve;
    });
    const inFlight = fetch(`${own.url}/predict/slow`, { method: "POST", body: "{}" });
    await started;
    const order: string[] = [];
    const closed = own.close().then(() => order.push("closed"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual([]);
    order.push("released");
    releaseSlow();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ slow: true });
    await closed;
    expect(order).toEqual(["released", "closed"]);
    await expect(fetch(`${own.url}/`)).rejects.toThrow();
  });
});
