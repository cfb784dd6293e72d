/**
 * End to end over real HTTP: the local server on an ephemeral port, the real handlers, the
 * committed models, and a temporary alerts file. Every route and every error status the API
 * documents, the seed's ten checks, batches, and the alerts an anomaly (and only an anomaly) writes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DETECTORS, type DetectorSpec, MAX_BODY_BYTES, REQUEST_FIELDS, routeOf } from "../../lambdas/catalog";
import { buildOpenApiDocument } from "../../lambdas/catalog/openapi";
import type { ModelManifest } from "../../models/manifest-schema";
import { openApiValidators } from "../local/openapi-validators";
import { type CapturedLocalServer, startCapturedLocalServer } from "../support/captured-local-server";

const manifest = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "models", "manifest.json"), "utf8"),
) as ModelManifest;
const validators = openApiValidators(buildOpenApiDocument());
const stem = (d: DetectorSpec) => d.name.charAt(0).toUpperCase() + d.name.slice(1);
const validate = (ref: string, body: unknown) => {
  const validator = validators.validator(ref);
  const valid = validator(body);
  return valid ? "valid" : validators.ajv.errorsText(validator.errors);
};

let local: CapturedLocalServer;

beforeAll(async () => {
  local = await startCapturedLocalServer({ tempPrefix: "helios-e2e-" });
});

afterAll(() => local?.close());

/** The alerts written so far, parsed. */
function alerts(): { subject: string; detector: string; message: Record<string, unknown> }[] {
  let text = "";
  try {
    text = readFileSync(local.alertFile, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

async function post(path: string, body: string, contentType = "application/json") {
  const response = await fetch(`${local.server.url}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": contentType },
  });
  const text = await response.text();
  return { response, status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

const postJson = (path: string, body: unknown) => post(path, JSON.stringify(body));

describe("local API end to end", () => {
  it("GET / reports every detector with the committed model's version", async () => {
    const response = await fetch(`${local.server.url}/`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      detectors: { name: string; modelVersion: string }[];
    };
    expect(validate("#/components/schemas/Status", body)).toBe("valid");
    expect(body.status).toBe("ok");
    expect(body.detectors.map((d) => [d.name, d.modelVersion])).toEqual(
      DETECTORS.map((d) => [d.name, manifest.models[d.name]!.modelVersion]),
    );
  });

  it("GET /openapi.json serves the catalog's document with this server's URL", async () => {
    const response = await fetch(`${local.server.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = (await response.json()) as { paths: Record<string, unknown> };
    expect(doc).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument({ serverUrl: local.server.url }))));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(DETECTORS.map(routeOf)));
  });

  describe.each(DETECTORS.map((d) => [d.name, d] as const))("%s", (_name, detector) => {
    const fields = REQUEST_FIELDS[detector.input.kind];
    const { anomalous, normal } = detector.examples;
    const model = `${detector.name}@${manifest.models[detector.name]!.modelVersion}`;

    it("flags the seed's anomalous check, answers in the seed's fields, and writes one alert", async () => {
      const before = alerts().length;
      const { response, status, json } = await postJson(routeOf(detector), { [fields.single]: anomalous });
      expect(status).toBe(200);
      const body = json();
      expect(validate(`#/components/schemas/${stem(detector)}Prediction`, body)).toBe("valid");
      expect(body[detector.echoField]).toEqual(anomalous);
      expect(body[detector.decisionField]).toBe(1);
      expect(body.model).toBe(model);

      const written = alerts().slice(before);
      expect(written).toHaveLength(1);
      const category = "categories" in detector ? body.category : undefined;
      if ("categories" in detector) expect(category).toBe("spam");
      expect(written[0]).toMatchObject({
        detector: detector.name,
        subject: `Helios: ${detector.name} ${detector.decisionField === "blocked" ? "blocked text" : "anomaly"}${category ? ` (${category})` : ""}`,
      });
      expect(written[0]!.message).toMatchObject({
        input: anomalous,
        score: body.score,
        ...(category ? { category } : {}),
        model,
        requestId: response.headers.get("x-amzn-requestid"),
      });
    });

    it("passes the seed's normal check and writes no alert", async () => {
      const before = alerts().length;
      const { status, json } = await postJson(routeOf(detector), { [fields.single]: normal });
      expect(status).toBe(200);
      const body = json();
      expect(validate(`#/components/schemas/${stem(detector)}Prediction`, body)).toBe("valid");
      expect(body[detector.echoField]).toEqual(normal);
      expect(body[detector.decisionField]).toBe(0);
      if ("categories" in detector) expect(body.category).toBe("none");
      expect(alerts()).toHaveLength(before);
    });

    it("answers a batch in request order and summarises its anomalies in one alert", async () => {
      const before = alerts().length;
      const items = [normal, anomalous, normal, anomalous];
      // Its own resource: the single reading above started the cooldown of the unnamed one.
      const resource = `batch-${detector.name}`;
      const { status, json } = await postJson(routeOf(detector), { [fields.batch]: items, resource });
      expect(status).toBe(200);
      const body = json() as { results: Record<string, unknown>[]; model: string };
      expect(validate(`#/components/schemas/${stem(detector)}BatchResponse`, body)).toBe("valid");
      expect(body.model).toBe(model);
      expect(body.results.map((r) => r[detector.echoField])).toEqual(items);
      expect(body.results.map((r) => r[detector.decisionField])).toEqual([0, 1, 0, 1]);
      expect((body as { resource?: string }).resource).toBe(resource);
      const written = alerts().slice(before);
      expect(written).toHaveLength(1);
      expect(written[0]!.message).toMatchObject({ batchSize: 4, count: 2, resource });
      // A second anomalous request on the same resource within the cooldown: answered, not alerted.
      const again = await postJson(routeOf(detector), { [fields.single]: anomalous, resource });
      expect((again.json() as Record<string, unknown>)[detector.decisionField]).toBe(1);
      expect(alerts()).toHaveLength(before + 1);
    });

    it("answers 413 for a batch one item over the limit", async () => {
      const items = Array.from({ length: detector.maxBatchItems + 1 }, () => normal);
      const { status, json } = await postJson(routeOf(detector), { [fields.batch]: items });
      expect(status).toBe(413);
      expect(json().error).toContain(String(detector.maxBatchItems));
    });
  });

  describe("errors, each a JSON {error} body with no internals", () => {
    const cpu = DETECTORS[0];
    const expectError = (status: number, text: string) => {
      const body = JSON.parse(text);
      expect(validate("#/components/schemas/Error", body)).toBe("valid");
      expect(Object.keys(body)).toEqual(["error"]);
      expect(text).not.toMatch(/\bat .*\(|node_modules|\/work\/|\.ts\b/);
      return { status, error: String(body.error) };
    };

    it("400 for malformed JSON and for a body that breaks the schema, naming the field", async () => {
      const malformed = await post(routeOf(cpu), '{"value":');
      expect(expectError(malformed.status, malformed.text)).toMatchObject({ status: 400 });
      const wrongType = await postJson(routeOf(cpu), { value: "abc" });
      expect(expectError(wrongType.status, wrongType.text)).toMatchObject({
        status: 400,
        error: expect.stringContaining("value"),
      });
      const empty = await postJson(routeOf(cpu), {});
      expect(empty.status).toBe(400);
    });

    it("404 for an unknown route", async () => {
      const response = await fetch(`${local.server.url}/predict/gpu`, { method: "POST", body: "{}" });
      expect(expectError(response.status, await response.text())).toMatchObject({ status: 404 });
    });

    it("405 with Allow for a wrong method on a known route", async () => {
      const onPredict = await fetch(`${local.server.url}${routeOf(cpu)}`);
      expect(onPredict.headers.get("allow")).toBe("POST");
      expect(expectError(onPredict.status, await onPredict.text())).toMatchObject({ status: 405 });
      const onStatus = await fetch(`${local.server.url}/`, { method: "DELETE" });
      expect(onStatus.status).toBe(405);
      expect(onStatus.headers.get("allow")).toBe("GET");
    });

    it("413 for a body over the limit", async () => {
      const huge = await post(routeOf(cpu), `{"value": 1${" ".repeat(MAX_BODY_BYTES)}}`);
      expect(expectError(huge.status, huge.text)).toMatchObject({ status: 413 });
    });

    it("415 for a content type other than JSON", async () => {
      const plain = await post(routeOf(cpu), '{"value": 95}', "text/plain");
      expect(expectError(plain.status, plain.text)).toMatchObject({ status: 415 });
    });
  });

  it("logs one line per request, and an alert in the log as well as the file", async () => {
    const { response } = await postJson(routeOf(DETECTORS[0]), {
      value: DETECTORS[0].examples.anomalous,
      resource: "log-test", // a resource of its own, out of the other tests' cooldowns
    });
    const requestId = response.headers.get("x-amzn-requestid");
    const lines = local.logLines.filter((line) => line.requestId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ message: "request", status: 200, outcome: "anomaly" });
    const alertLine = local.logLines.find(
      (line) => (line.alert as { requestId?: string } | undefined)?.requestId === requestId,
    );
    expect(alertLine).toMatchObject({ alertFile: local.alertFile });
  });
});
