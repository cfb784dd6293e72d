/**
 * The OpenAPI document's sign-in events form: examples valid against the request schema (the issue's
 * event among them), answers that validate against their schemas and only theirs, and an event form
 * described in the operation.
 */
import { DETECTORS, routeOf } from "../../lambdas/catalog";
import { buildOpenApiDocument } from "../../lambdas/catalog/openapi";
import { eventsFormOf } from "../../lambdas/runtime/forms/events-request";
import { openApiValidators } from "./openapi-validators";

const doc = buildOpenApiDocument();
const { ajv, id, validator } = openApiValidators(doc);
type Json = Record<string, unknown>;
const at = (value: unknown, ...keys: string[]): Json =>
  keys.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], value) as Json;

const detector = DETECTORS.find((d) => eventsFormOf(d))!;
const operation = at(doc.paths[routeOf(detector)], "post");
const media = at(operation, "requestBody", "content", "application/json");
const validRequest = validator(String(at(media, "schema").$ref));

describe("sign-in events form in the OpenAPI document", () => {
  it("is the login detector's, described in its operation", () => {
    expect(detector.name).toBe("login");
    expect(String(operation.description)).toContain('`{"event": {...}}` or `{"events": [...]}` (up to 1000');
  });

  it("has the issue's event as an example, and a list of events, both valid requests", () => {
    const examples = at(media, "examples");
    expect(at(examples, "signInEvent").value).toEqual({
      event: expect.objectContaining({
        user: "alice",
        time: "2026-11-28T03:12:00Z",
        source_ip: "203.0.113.7",
        success: false,
        mfa: true,
      }),
    });
    expect((at(examples, "signInEvents", "value").events as unknown[]).length).toBe(3);
    for (const name of ["signInEvent", "signInEvents"])
      expect([name, validRequest(at(examples, name).value)]).toEqual([name, true]);
  });

  it("refuses events the gateway can tell are wrong: missing fields, unknown fields, a time without a zone", () => {
    const event = { user: "alice", time: "2026-11-28T03:12:00Z", source_ip: "203.0.113.7", success: false };
    expect(validRequest({ event })).toBe(true);
    expect(validRequest({ event: { ...event, success: undefined } })).toBe(false);
    expect(validRequest({ event: { ...event, password: "x" } })).toBe(false);
    expect(validRequest({ event: { ...event, time: "2026-11-28T03:12:00" } })).toBe(false);
    expect(validRequest({ events: [] })).toBe(false);
    expect(validRequest({ event, events: [event] })).toBe(false);
    expect(validRequest({ event, resource: "corp-console" })).toBe(true);
  });

  it("describes a sign-in answer and a list of them, each matching exactly one answer schema", () => {
    const schema = at(operation, "responses", "200", "content", "application/json", "schema");
    const either = ajv.compile({
      oneOf: (schema.oneOf as Json[]).map((s) => ({ $ref: `${id}${String(s.$ref)}` })),
    });
    const result = {
      user: "alice",
      time: "2026-11-28T03:12:00Z",
      anomaly: 1,
      probability: 0.97,
      reasons: ["9 failures in 4 minutes"],
    };
    expect(either({ ...result, model: "login@1.0.0+9630254d" })).toBe(true);
    expect(
      either({ results: [result, { ...result, anomaly: 0, reasons: [] }], model: "login@1.0.0+9630254d" }),
    ).toBe(true);
    expect(either({ ...result, anomaly: 2, model: "login@1.0.0+9630254d" })).toBe(false);
    expect(either({ ...result, reasons: "x", model: "login@1.0.0+9630254d" })).toBe(false);
  });
});
