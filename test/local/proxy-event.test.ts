import { formatRequestTime, type LocalHttpRequest, toProxyEvent } from "../../lambdas/local/proxy-event";

const RECEIVED_AT = Date.UTC(2026, 3, 9, 12, 34, 56, 789);

function request(overrides: Partial<LocalHttpRequest> = {}): LocalHttpRequest {
  return {
    method: "POST",
    url: "/predict/cpu",
    rawHeaders: ["Host", "127.0.0.1:3000", "Content-Type", "application/json", "User-Agent", "curl/8.0"],
    body: Buffer.from('{"value": 95}'),
    sourceIp: "127.0.0.1",
    receivedAt: RECEIVED_AT,
    ...overrides,
  };
}

describe("HTTP request to API Gateway REST proxy event", () => {
  it("carries the route, method, body and request context the gateway sends", () => {
    const event = toProxyEvent(request(), { resource: "/predict/cpu", stage: "local", requestId: "req-1" });
    expect(event.resource).toBe("/predict/cpu");
    expect(event.path).toBe("/predict/cpu");
    expect(event.httpMethod).toBe("POST");
    expect(event.body).toBe('{"value": 95}');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.pathParameters).toBeNull();
    expect(event.stageVariables).toBeNull();
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.requestContext).toMatchObject({
      requestId: "req-1",
      stage: "local",
      path: "/local/predict/cpu",
      resourcePath: "/predict/cpu",
      httpMethod: "POST",
      protocol: "HTTP/1.1",
      requestTimeEpoch: RECEIVED_AT,
      requestTime: "09/Apr/2026:12:34:56 +0000",
      domainName: "127.0.0.1:3000",
    });
    expect(event.requestContext.identity.sourceIp).toBe("127.0.0.1");
    expect(event.requestContext.identity.userAgent).toBe("curl/8.0");
  });

  it("keeps the client's header spelling, every value in multiValueHeaders and the last in headers", () => {
    const event = toProxyEvent(
      request({ rawHeaders: ["Content-Type", "application/json", "X-Tag", "a", "x-tag", "b"] }),
      { resource: "/predict/cpu", stage: "prod" },
    );
    expect(event.headers["Content-Type"]).toBe("application/json");
    expect(event.multiValueHeaders["X-Tag"]).toEqual(["a", "b"]);
    expect(event.headers["X-Tag"]).toBe("b");
    expect(event.headers["x-tag"]).toBeUndefined();
  });

  it("adds the forwarding headers the gateway adds, appending to an existing X-Forwarded-For", () => {
    const plain = toProxyEvent(request({ sourceIp: "10.1.2.3" }), { resource: "/", stage: "prod" });
    expect(plain.headers["X-Forwarded-For"]).toBe("10.1.2.3");
    expect(plain.headers["X-Forwarded-Proto"]).toBe("http");
    const proxied = toProxyEvent(
      request({ rawHeaders: ["x-forwarded-for", "192.0.2.7"], sourceIp: "10.1.2.3" }),
      {
        resource: "/",
        stage: "prod",
      },
    );
    expect(proxied.headers["x-forwarded-for"]).toBe("192.0.2.7, 10.1.2.3");
  });

  it("decodes query parameters into single- and multi-value maps, path kept apart", () => {
    const event = toProxyEvent(request({ url: "/predict/cpu?tag=a&tag=b%20c&debug=" }), {
      resource: "/predict/cpu",
      stage: "prod",
    });
    expect(event.path).toBe("/predict/cpu");
    expect(event.multiValueQueryStringParameters).toEqual({ tag: ["a", "b c"], debug: [""] });
    expect(event.queryStringParameters).toEqual({ tag: "b c", debug: "" });
  });

  it("treats a leading double slash as a path, not a host", () => {
    const event = toProxyEvent(request({ url: "//evil.example/predict/cpu" }), {
      resource: "/",
      stage: "prod",
    });
    expect(event.path).toBe("//evil.example/predict/cpu");
  });

  it("sends a null body for an empty request and text for any other", () => {
    expect(toProxyEvent(request({ body: null }), { resource: "/", stage: "prod" }).body).toBeNull();
    const utf8 = toProxyEvent(request({ body: Buffer.from('{"text":"héllo ✓"}') }), {
      resource: "/",
      stage: "p",
    });
    expect(utf8.body).toBe('{"text":"héllo ✓"}');
  });

  it("gives each event a fresh request id unless one is given", () => {
    const a = toProxyEvent(request(), { resource: "/", stage: "prod" });
    const b = toProxyEvent(request(), { resource: "/", stage: "prod" });
    expect(a.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.requestContext.requestId).not.toBe(b.requestContext.requestId);
  });

  it("formats requestTime as the gateway does, zero-padded and in UTC", () => {
    expect(formatRequestTime(Date.UTC(2027, 0, 2, 3, 4, 5))).toBe("02/Jan/2027:03:04:05 +0000");
  });
});
