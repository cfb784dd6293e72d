import { fromProxyResult, MalformedProxyResultError } from "../../lambdas/local/proxy-response";

describe("proxy result to HTTP response", () => {
  it("sends the status, headers and text body", () => {
    const parts = fromProxyResult({
      statusCode: 201,
      headers: { "Content-Type": "application/json; charset=utf-8", "X-Count": 3, "X-Flag": true },
      body: '{"ok":1}',
    });
    expect(parts.statusCode).toBe(201);
    expect(parts.headers).toEqual({
      "Content-Type": ["application/json; charset=utf-8"],
      "X-Count": ["3"],
      "X-Flag": ["true"],
    });
    expect(parts.body.toString("utf8")).toBe('{"ok":1}');
  });

  it("decodes a base64 body when isBase64Encoded is set", () => {
    const bytes = Buffer.from([0, 255, 16, 32]);
    const parts = fromProxyResult({ statusCode: 200, body: bytes.toString("base64"), isBase64Encoded: true });
    expect(parts.body.equals(bytes)).toBe(true);
  });

  it("merges multiValueHeaders over headers of the same name, case-insensitively", () => {
    const parts = fromProxyResult({
      statusCode: 200,
      headers: { "set-cookie": "single", "X-Only-Single": "s" },
      multiValueHeaders: { "Set-Cookie": ["a=1", "b=2"] },
      body: "",
    });
    expect(parts.headers["Set-Cookie"]).toEqual(["a=1", "b=2"]);
    expect(parts.headers["set-cookie"]).toBeUndefined();
    expect(parts.headers["X-Only-Single"]).toEqual(["s"]);
  });

  it("labels a response without a content type as JSON, as the gateway does", () => {
    expect(fromProxyResult({ statusCode: 204 }).headers["Content-Type"]).toEqual(["application/json"]);
    expect(fromProxyResult({ statusCode: 204 }).body.length).toBe(0);
  });

  it.each([
    ["no result", undefined],
    ["a string", "ok"],
    ["no status", { body: "{}" }],
    ["a status out of range", { statusCode: 99, body: "" }],
    ["a fractional status", { statusCode: 200.5, body: "" }],
    ["an object body", { statusCode: 200, body: { a: 1 } }],
    ["an object header", { statusCode: 200, headers: { "X-A": { b: 1 } }, body: "" }],
    [
      "a header with a line break",
      { statusCode: 200, headers: { "X-A": "a\r\nSet-Cookie: evil" }, body: "" },
    ],
    ["multi-value header not a list", { statusCode: 200, multiValueHeaders: { "X-A": "a" }, body: "" }],
  ])("rejects %s as malformed", (_label, result) => {
    expect(() => fromProxyResult(result)).toThrow(MalformedProxyResultError);
  });
});
