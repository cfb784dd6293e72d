import type { APIGatewayProxyEvent } from "aws-lambda";
import { checkRoute, isJsonContentType, readJsonBody } from "../../lambdas/runtime/read-request";

function event(fields: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent {
  return {
    resource: "/predict/cpu",
    path: "/predict/cpu",
    httpMethod: "POST",
    headers: { "Content-Type": "application/json" },
    multiValueHeaders: {},
    body: '{"value": 95}',
    isBase64Encoded: false,
    ...fields,
  } as APIGatewayProxyEvent;
}

const route = { method: "POST", path: "/predict/cpu" } as const;

describe("checkRoute", () => {
  it("accepts the handler's own route, with or without a trailing slash", () => {
    expect(checkRoute(event({}), route).ok).toBe(true);
    expect(checkRoute(event({ resource: "/predict/cpu/", path: "/predict/cpu/" }), route).ok).toBe(true);
  });

  it("answers 404 for another path and 405 with Allow for another method", () => {
    expect(checkRoute(event({ resource: "/predict/gpu", path: "/predict/gpu" }), route)).toEqual({
      ok: false,
      error: { status: 404, message: "no route POST /predict/gpu" },
    });
    expect(checkRoute(event({ httpMethod: "GET" }), route)).toEqual({
      ok: false,
      error: {
        status: 405,
        message: "method GET is not allowed on /predict/cpu; use POST",
        headers: { Allow: "POST" },
      },
    });
  });

  it("falls back to the path when the resource is a greedy template", () => {
    expect(checkRoute(event({ resource: "/{proxy+}", path: "/predict/cpu" }), route).ok).toBe(true);
    expect(checkRoute(event({ resource: "/{proxy+}", path: "/predict/other" }), route).ok).toBe(false);
  });
});

describe("isJsonContentType", () => {
  it.each([
    ["application/json", true],
    ["Application/JSON", true],
    ["application/json; charset=utf-8", true],
    ["application/json;charset=UTF-8", true],
    ['application/json; charset="utf-8"', true],
    ["application/json; charset=latin1", false],
    ["application/json; boundary=x", false],
    ["text/plain", false],
    ["application/jsonp", false],
    ["application/x-www-form-urlencoded", false],
    ["", false],
    [undefined, false],
  ])("%s -> %s", (value, expected) => {
    expect(isJsonContentType(value)).toBe(expected);
  });
});

describe("readJsonBody", () => {
  const limit = 1024;

  it("parses a JSON body and finds Content-Type whatever its spelling, also among multi-value headers", () => {
    expect(readJsonBody(event({}), limit)).toEqual({ ok: true, value: { value: 95 } });
    expect(readJsonBody(event({ headers: { "CONTENT-TYPE": "application/json" } }), limit).ok).toBe(true);
    expect(
      readJsonBody(event({ headers: {}, multiValueHeaders: { "content-type": ["application/json"] } }), limit)
        .ok,
    ).toBe(true);
  });

  it("answers 415 when Content-Type is missing or not JSON", () => {
    for (const headers of [{}, { "content-type": "text/plain" }]) {
      expect(readJsonBody(event({ headers }), limit)).toEqual({
        ok: false,
        error: { status: 415, message: "Content-Type must be application/json" },
      });
    }
    expect(readJsonBody(event({ headers: null as never, multiValueHeaders: null as never }), limit).ok).toBe(
      false,
    );
  });

  it("decodes base64 bodies and rejects invalid UTF-8 in them", () => {
    const encoded = Buffer.from('{"value": 40}').toString("base64");
    expect(readJsonBody(event({ body: encoded, isBase64Encoded: true }), limit)).toEqual({
      ok: true,
      value: { value: 40 },
    });
    const invalid = Buffer.from([0x7b, 0xff, 0x7d]).toString("base64");
    expect(readJsonBody(event({ body: invalid, isBase64Encoded: true }), limit)).toEqual({
      ok: false,
      error: { status: 400, message: "request body is not valid UTF-8" },
    });
  });

  it("answers 413 above the limit in bytes (plain and base64), and accepts exactly the limit", () => {
    const atLimit = `{"text": "${"a".repeat(limit - 12)}"}`;
    expect(Buffer.byteLength(atLimit)).toBe(limit);
    expect(readJsonBody(event({ body: atLimit }), limit).ok).toBe(true);
    const over = `{"text": "${"é".repeat(limit)}"}`;
    expect(readJsonBody(event({ body: over }), limit)).toEqual({
      ok: false,
      error: {
        status: 413,
        message: `request body is too large (${Buffer.byteLength(over)} bytes); the limit is ${limit} bytes`,
      },
    });
    const encoded = Buffer.from(`{"text": "${"a".repeat(limit)}"}`).toString("base64");
    const result = readJsonBody(event({ body: encoded, isBase64Encoded: true }), limit);
    expect(result.ok ? 200 : result.error.status).toBe(413);
  });

  it("answers 400 for an empty or malformed body, without a stack trace", () => {
    for (const body of [null, "", "   "]) {
      expect(readJsonBody(event({ body }), limit)).toEqual({
        ok: false,
        error: { status: 400, message: "request body is empty; send a JSON object" },
      });
    }
    const malformed = readJsonBody(event({ body: '{"value": 9' }), limit);
    expect(malformed.ok).toBe(false);
    if (!malformed.ok) {
      expect(malformed.error.status).toBe(400);
      expect(malformed.error.message).toMatch(/^request body is not valid JSON: /);
      expect(malformed.error.message).not.toMatch(/\n\s+at /);
    }
  });

  it("parses 1e309 to Infinity (the validator rejects it) and survives deep nesting", () => {
    expect(readJsonBody(event({ body: '{"value": 1e309}' }), limit)).toEqual({
      ok: true,
      value: { value: Number.POSITIVE_INFINITY },
    });
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const result = readJsonBody(event({ body: deep }), 1024 * 1024);
    expect(result.ok).toBe(true);
  });
});
