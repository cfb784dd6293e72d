/**
 * Property-based tests for every route, through the handler and over local HTTP at once: random
 * requests (method, path, Content-Type, body) where the body is arbitrary bytes, an arbitrary JSON
 * value, or the detector's own fields holding huge numbers, deep nesting, long strings, wrong
 * types and extra fields. Whatever arrives:
 * - over HTTP the answer is a 200 or a 4xx with a JSON {"error"} body and nothing internal in it;
 *   never a 5xx, never a hang (each request has a deadline);
 * - the handler, given the REST proxy event of the same request, answers likewise; and when the
 *   server routes the request to it, both answers are the same, byte for byte.
 * Two exact properties follow: any extra field is a 400 naming it, and content texts are accepted
 * up to the catalog's byte limit and refused beyond it. Last, raw bytes on a socket (broken
 * request lines, headers and framing) get a clean answer or none, and leave the server serving.
 * handler-fuzz.test.ts fuzzes the handler alone with shallower values; this file adds HTTP, the
 * nastier values and the parity.
 */
import fc from "fast-check";
import { DETECTORS, type DetectorSpec, REQUEST_FIELDS, routeOf } from "../../lambdas/catalog";
import { toProxyEvent } from "../../lambdas/local/proxy-event";
import { eventsFormOf } from "../../lambdas/runtime/forms/events-request";
import { seriesFormOf } from "../../lambdas/runtime/forms/series-request";
import { type CapturedLocalServer, startCapturedLocalServer } from "../support/captured-local-server";
import { lambdaContext } from "../support/lambda-events";
import { type RawRequest, rawRequest } from "./support/raw-http";
import { sendRaw } from "./support/raw-socket";
import { safeErrorMessage } from "./support/safe-error-body";

/** Runs per detector and property: enough to mix every generator, small enough for a few seconds. */
const RUNS = 120;

let local: CapturedLocalServer;

beforeAll(async () => {
  // One JSON log line per request: kept out of the test output, and unread.
  local = await startCapturedLocalServer({ tempPrefix: "helios-properties-", keepLogLines: false });
});

afterAll(() => local?.close());

const json = (value: unknown) => JSON.stringify(value);

/** Items the detector accepts, so that a good share of requests reaches the model. */
function validItem(detector: DetectorSpec): fc.Arbitrary<unknown> {
  const { input } = detector;
  switch (input.kind) {
    case "text":
      return fc.string({ maxLength: 40, unit: "grapheme" });
    case "pair":
      return fc.tuple(
        ...input.parts.map((part) => fc.integer({ min: part.minimum, max: part.maximum ?? 1_000 })),
      );
    case "number":
      return fc.double({ min: input.minimum, max: input.maximum ?? 1e6, noNaN: true });
  }
}

/** The JSON text of one item: valid, or any of the ways a value goes wrong. */
function itemText(detector: DetectorSpec): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 10, arbitrary: validItem(detector).map(json) },
    fc.jsonValue({ maxDepth: 3 }).map(json), // wrong types
    fc.double().map(json), // NaN and ±Infinity serialise as null
    fc.constantFrom(
      "1e309",
      "-1e309",
      "1e-400",
      `1${"0".repeat(400)}`,
      "-0",
      "1.7976931348623157e308",
      "5e-324",
      "9007199254740993",
    ),
    fc.integer({ min: 1, max: 20_000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
    fc.integer({ min: 1, max: 5_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 4, unit: "grapheme" }), fc.integer({ min: 1, max: 25_000 }))
      .map(([unit, times]) => json(unit.repeat(times))), // long strings, up to ~100 KB of UTF-8
    fc.tuple(fc.integer({ min: -5, max: 60 }), fc.integer({ min: -5, max: 60 })).map(json),
    fc.array(fc.double(), { maxLength: 4 }).map(json),
  );
}

/** Field names that are not the detector's, including the awkward ones. */
const extraKey = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom("__proto__", "constructor", "toString", "", "VALUE", "value ", "debug"),
);

/** A request body: the detector's fields with nasty items, extra fields, any JSON, or any bytes. */
function bodyBytes(detector: DetectorSpec): fc.Arbitrary<Uint8Array | undefined> {
  const { single, batch } = REQUEST_FIELDS[detector.input.kind];
  const item = itemText(detector);
  const text = fc.oneof(
    { weight: 4, arbitrary: item.map((i) => `{"${single}":${i}}`) },
    {
      weight: 2,
      arbitrary: fc.array(item, { maxLength: 4 }).map((items) => `{"${batch}":[${items.join(",")}]}`),
    },
    fc.tuple(item, extraKey, item).map(([i, key, other]) => `{"${single}":${i},${json(key)}:${other}}`),
    fc.jsonValue({ maxDepth: 4 }).map(json),
    fc.string({ unit: "binary", maxLength: 120 }),
  );
  return fc.oneof(
    { weight: 12, arbitrary: text.map((t) => Buffer.from(t, "utf8")) },
    fc.uint8Array({ maxLength: 300 }), // arbitrary bytes, invalid UTF-8 included
    fc.constant(undefined), // no body at all
  );
}

/** Anything a client could put on the request line and headers for this detector's route. */
function rawRequestFor(detector: DetectorSpec): fc.Arbitrary<RawRequest> {
  const route = routeOf(detector);
  const method = fc.oneof(
    { weight: 10, arbitrary: fc.constant("POST") },
    fc.constantFrom("GET", "PUT", "DELETE", "PATCH", "OPTIONS"),
  );
  const path = fc.oneof(
    { weight: 10, arbitrary: fc.constant(route) },
    fc.constantFrom(
      `${route}/`,
      route.toUpperCase(),
      `${route}?debug=1&value=5`,
      `${route}/x`,
      "/predict",
      "/",
    ),
    fc.webPath().map((p) => (p.startsWith("/") ? p : `/${p}`)),
  );
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constant<string | undefined>("application/json") },
    fc.constantFrom<string | undefined>(
      undefined,
      "application/json; charset=utf-8",
      "Application/JSON; Charset=UTF-8",
      "application/json; charset=utf-16",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "",
    ),
    fc.stringMatching(/^[ -~]{0,40}$/),
  );
  const body = bodyBytes(detector);
  // Half the requests are well formed up to the body, so that the body's variety gets through.
  const wellFormed = body.map((bytes) => ({
    method: "POST",
    path: route,
    headers: { "Content-Type": "application/json" },
    ...(bytes === undefined ? {} : { body: bytes }),
  }));
  const anything = fc
    .record({ method, path, contentType, body })
    .map(({ method, path, contentType, body }) => ({
      method,
      path,
      headers: contentType === undefined ? {} : ({ "Content-Type": contentType } as Record<string, string>),
      ...(body === undefined ? {} : { body }),
    }));
  return fc.oneof(wellFormed, anything);
}

/** The proxy event the gateway would send for `request`, resource being its path. */
function eventFor(request: RawRequest) {
  const path = request.path.split("?")[0]!;
  return toProxyEvent(
    {
      method: request.method,
      url: request.path,
      rawHeaders: Object.entries(request.headers ?? {}).flat(),
      body: request.body === undefined ? null : Buffer.from(request.body),
      sourceIp: "127.0.0.1",
      receivedAt: Date.now(),
    },
    { resource: path, stage: "test", requestId: "property" },
  );
}

/** Checks one answer: a prediction for this detector, or a clean 4xx. Returns its status. */
function checkAnswer(detector: DetectorSpec, status: number, text: string, isPrediction: boolean): number {
  if (status >= 400 && status < 500) {
    safeErrorMessage(text);
    return status;
  }
  if (status !== 200) throw new Error(`status ${status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as Record<string, unknown>;
  if (isPrediction) {
    expect(String(body.model)).toMatch(new RegExp(`^${detector.name}@`));
    const results = (body.results as Record<string, unknown>[] | undefined) ?? [body];
    for (const result of results) expect([0, 1]).toContain(result[detector.decisionField]);
  }
  return status;
}

describe.each(DETECTORS.map((d) => [d.name, d] as const))(
  "%s route under random requests",
  (name, detector) => {
    const fn = () => local.functions.find((f) => f.name === name)!;
    const route = routeOf(detector);

    it("answers 200 or a clean 4xx over HTTP and through the handler, the same when routed alike", async () => {
      const statuses: number[] = [];
      await fc.assert(
        fc.asyncProperty(rawRequestFor(detector), async (request) => {
          const overHttp = await rawRequest(local.server.url, request, 10_000);
          const path = request.path.split("?")[0]!;
          const routed = request.method === "POST" && path === route;
          statuses.push(checkAnswer(detector, overHttp.status, overHttp.text, routed));

          const direct = await fn().handler(eventFor(request), lambdaContext("property"));
          checkAnswer(detector, direct.statusCode, direct.body, routed);
          if (routed)
            expect({ status: direct.statusCode, body: direct.body }).toEqual({
              status: overHttp.status,
              body: overHttp.text,
            });
        }),
        { numRuns: RUNS },
      );
      // Both paths were exercised: predictions through the model, and rejections.
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(RUNS / 20);
      expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(RUNS / 20);
    });

    it("refuses any extra field with a 400 that names it", async () => {
      const { single } = REQUEST_FIELDS[detector.input.kind];
      // A detector with an extra form also names its fields (and takes them: they are not extra).
      const formFields = eventsFormOf(detector)
        ? ', or "event" (one sign-in event) or "events" (a list of them)'
        : seriesFormOf(detector)
          ? ', or "series" ({"timestamps": [...], "values": [...]})'
          : "";
      const extra = extraKey.filter(
        (key) =>
          key !== single &&
          key !== REQUEST_FIELDS[detector.input.kind].batch &&
          !(eventsFormOf(detector) && (key === "event" || key === "events")) &&
          !(seriesFormOf(detector) && (key === "series" || key === "score_from")),
      );
      await fc.assert(
        fc.asyncProperty(
          validItem(detector),
          extra,
          fc.jsonValue({ maxDepth: 2 }),
          async (item, key, value) => {
            const body = `{"${single}":${json(item)},${json(key)}:${json(value)}}`;
            const response = await rawRequest(local.server.url, {
              method: "POST",
              path: route,
              headers: { "Content-Type": "application/json" },
              body,
            });
            expect(response.status).toBe(400);
            expect(safeErrorMessage(response.text)).toBe(
              `unknown field "${key.slice(0, 64)}"; send "${single}" (one item) or "${REQUEST_FIELDS[detector.input.kind].batch}" (a list of items)${formFields}`,
            );
          },
        ),
        { numRuns: RUNS / 4 },
      );
    });
  },
);

describe.each(
  DETECTORS.flatMap((d) => (d.input.kind === "text" ? [[d.name, d, d.input.maxBytes] as const] : [])),
)("%s texts", (_name, detector, maxBytes) => {
  it("are accepted up to the byte limit and refused beyond it, counted in UTF-8 bytes", async () => {
    const { single } = REQUEST_FIELDS[detector.input.kind];
    // Characters of 1 to 4 UTF-8 bytes, repeated to land within a few bytes of the limit.
    const text = fc
      .tuple(fc.constantFrom("a", "é", "€", "😀"), fc.integer({ min: -8, max: 8 }))
      .map(([char, offset]) => char.repeat(Math.floor((maxBytes + offset) / Buffer.byteLength(char))));
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const bytes = Buffer.byteLength(value, "utf8");
        const response = await rawRequest(local.server.url, {
          method: "POST",
          path: routeOf(detector),
          headers: { "Content-Type": "application/json" },
          body: json({ [single]: value }),
        });
        if (bytes <= maxBytes) {
          expect(response.status).toBe(200);
        } else {
          expect(response.status).toBe(400);
          expect(safeErrorMessage(response.text)).toBe(
            `"${single}" must be at most ${maxBytes} bytes of UTF-8, got ${bytes}`,
          );
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("raw bytes on the socket", () => {
  const route = routeOf(DETECTORS[0]);
  const requestLine = fc.oneof(
    fc.constantFrom(
      `POST ${route} HTTP/1.1`,
      `POST ${route} HTTP/1.0`,
      "GET / HTTP/1.1",
      `BREW ${route} HTTP/1.1`,
      `POST ${route} HTTP/9.9`,
      `POST ${route}`,
      `POST  ${route} HTTP/1.1`,
      "",
    ),
    fc.stringMatching(/^[ -~]{0,40}$/),
  );
  const headerLine = fc.oneof(
    fc.constantFrom(
      "Host: 127.0.0.1",
      "Content-Type: application/json",
      "Content-Length: 13",
      "Content-Length: -1",
      "Content-Length: 99999999999",
      "Content-Length: 1\r\nContent-Length: 2",
      "Transfer-Encoding: chunked",
      "Transfer-Encoding: gzip, chunked",
      "Expect: 100-continue",
      `X-Long: ${"a".repeat(20_000)}`,
      "Bad Header: x",
      "X-Nul: a\u0000b",
    ),
    fc.stringMatching(/^[ -~]{0,40}$/),
  );
  const message = fc
    .tuple(
      requestLine,
      fc.array(headerLine, { maxLength: 6 }),
      fc.oneof(
        fc.constant('{"value": 95}'),
        fc.constantFrom("5\r\nabcde\r\n0\r\n\r\n", "zz\r\n"),
        fc.string({ maxLength: 40 }),
      ),
      fc.boolean(),
    )
    .map(([line, headers, body, blankLine]) =>
      Buffer.from(`${line}\r\n${headers.join("\r\n")}${blankLine ? "\r\n\r\n" : "\r\n"}${body}`, "latin1"),
    );

  it.each([
    ["a request line that is not HTTP", "HELLO\r\n\r\n", 400, "malformed HTTP request"],
    [
      "an invalid header name",
      `POST ${route} HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n`,
      400,
      "malformed HTTP request",
    ],
    [
      "20 KB of headers",
      `POST ${route} HTTP/1.1\r\nHost: x\r\nX-Long: ${"a".repeat(20_000)}\r\n\r\n`,
      431,
      "the request headers are too large",
    ],
    [
      "no Host header (served as usual)",
      `POST ${route} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 13\r\nConnection: close\r\n\r\n{"value": 95}`,
      200,
      undefined,
    ],
  ])("%s", async (_name, raw, status, error) => {
    const answer = await sendRaw(local.server.url, Buffer.from(raw, "latin1"), false);
    expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    const body = answer.slice(answer.indexOf("\r\n\r\n") + 4);
    if (error) expect(safeErrorMessage(body)).toBe(error);
    else expect(JSON.parse(body)).toMatchObject({ cpu_value: 95, anomaly: 1 });
  });

  it("get a status line of 200 or 4xx with a JSON error body, or no answer; never a 5xx or a hang", async () => {
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(message, async (bytes) => {
        // An interim "100 Continue" is not the answer.
        const answer = (await sendRaw(local.server.url, bytes)).replace(
          /^(HTTP\/1\.1 1\d\d [^\r]*\r\n\r\n)+/,
          "",
        );
        if (answer === "") return;
        // Only the first answer counts: a pipelined second request is the same check again.
        const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1]);
        statuses.push(status);
        const headerEnd = answer.indexOf("\r\n\r\n");
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(answer.slice(0, headerEnd))?.[1] ?? -1);
        const body = answer.slice(headerEnd + 4, headerEnd + 4 + Math.max(0, length));
        if (status !== 200) {
          expect(status).toBeGreaterThanOrEqual(400);
          expect(status).toBeLessThan(500);
          safeErrorMessage(Buffer.from(body, "latin1").toString("utf8"));
        }
      }),
      { numRuns: 150 },
    );
    expect(statuses.length).toBeGreaterThan(20);
    const after = await rawRequest(local.server.url, {
      method: "POST",
      path: route,
      headers: { "Content-Type": "application/json" },
      body: json({ value: DETECTORS[0].examples.normal }),
    });
    expect(after.status).toBe(200);
  });
});
