/**
 * The table of named bad inputs (support/named-bad-inputs.ts), each sent twice: straight to the
 * deployed handler module (as a REST proxy event built the way the gateway builds it) and over
 * HTTP to the local server. Each answer must carry the table's status and message, as a JSON
 * {"error"} body with nothing internal in it, and no request may reach a model or write an alert.
 */
import { existsSync } from "node:fs";
import { DETECTORS, routeOf } from "../../lambdas/catalog";
import { toProxyEvent } from "../../lambdas/local/proxy-event";
import { type CapturedLocalServer, startCapturedLocalServer } from "../support/captured-local-server";
import { lambdaContext } from "../support/lambda-events";
import { type ExpectedAnswer, NAMED_BAD_INPUTS, type NamedBadInput } from "./support/named-bad-inputs";
import { type RawRequest, rawRequest } from "./support/raw-http";
import { safeErrorMessage } from "./support/safe-error-body";

let local: CapturedLocalServer;

beforeAll(async () => {
  local = await startCapturedLocalServer({ tempPrefix: "helios-bad-inputs-" });
});

afterAll(() => local?.close());

/** The REST proxy event API Gateway would send the detector's function for this request. */
function eventFor(request: RawRequest) {
  const rawHeaders = Object.entries(request.headers ?? {}).flat();
  const body = request.body === undefined ? null : Buffer.from(request.body);
  return toProxyEvent(
    {
      method: request.method,
      url: request.path,
      rawHeaders,
      body,
      sourceIp: "127.0.0.1",
      receivedAt: Date.now(),
    },
    { resource: request.path, stage: "test", requestId: "bad-input" },
  );
}

function expectAnswer(
  actual: { status: number; headers: Readonly<Record<string, unknown>>; text: string },
  expected: ExpectedAnswer,
) {
  const message = safeErrorMessage(actual.text);
  expect({ status: actual.status, message }).toEqual({
    status: expected.status,
    message:
      typeof expected.message === "string" ? expected.message : expect.stringMatching(expected.message),
  });
  const headers = Object.fromEntries(Object.entries(actual.headers).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [name, value] of Object.entries(expected.headers ?? {})) expect(headers[name]).toBe(value);
}

const table = NAMED_BAD_INPUTS.map((input) => [input.name, input] as const);

describe.each(table)("%s", (_name, input: NamedBadInput) => {
  it("through the handler", async () => {
    const fn = local.functions.find((f) => f.name === input.detector.name)!;
    const result = await fn.handler(eventFor(input.request), lambdaContext("bad-input"));
    expectAnswer({ status: result.statusCode, headers: result.headers ?? {}, text: result.body }, input);
  });

  it("over HTTP", async () => {
    const response = await rawRequest(local.server.url, input.request);
    expectAnswer(response, input.overHttp ?? input);
  });
});

describe("the table as a whole", () => {
  it("covers every detector's route", () => {
    const routes = new Set(NAMED_BAD_INPUTS.map((input) => input.request.path));
    for (const detector of DETECTORS) expect(routes).toContain(routeOf(detector));
  });

  it("reached no model and wrote no alert: every answer was a rejection", () => {
    const requests = local.logLines.filter((line) => line.message === "request");
    // One log line per request of the table over HTTP and through the handler; none predicted.
    expect(requests.length).toBeGreaterThanOrEqual(NAMED_BAD_INPUTS.length);
    expect(requests.filter((line) => line.status === 200)).toEqual([]);
    expect(local.logLines.filter((line) => line.message === "model loaded")).toEqual([]);
    expect(existsSync(local.alertFile)).toBe(false);
  });

  it("leaves the server answering normally", async () => {
    const response = await rawRequest(local.server.url, {
      method: "POST",
      path: routeOf(DETECTORS[0]),
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ value: DETECTORS[0].examples.normal }),
    });
    expect(response.status).toBe(200);
  });
});
