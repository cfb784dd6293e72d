/**
 * The sign-in events form at the API's edge: validateRequest picks it from the fields sent, names
 * the field in every refusal, answers 413 past the form's limit, and accepts exactly what the
 * request schema accepts plus what only the handler can check (a real date, a parsable address,
 * time order), property-based.
 */
import Ajv from "ajv";
import fc from "fast-check";
import { getDetector, requestSchema } from "../../lambdas/catalog";
import { parseSourceAddress } from "../../lambdas/detection/login/ip-address";
import { parseEventTime } from "../../lambdas/detection/login/sign-in-event";
import { eventsFormOf } from "../../lambdas/runtime/forms/events-request";
import { validateRequest } from "../../lambdas/runtime/validate-request";

const login = getDetector("login");
const form = eventsFormOf(login)!;
const ajv = new Ajv({ strict: false, strictNumbers: true });
const event = { user: "alice", time: "2026-11-28T03:12:00Z", source_ip: "203.0.113.7", success: false };

function errorOf(body: unknown) {
  const result = validateRequest(body, login);
  if (result.ok) throw new Error(`expected a rejection of ${JSON.stringify(body)}`);
  return result.error;
}

describe("validateRequest: sign-in events form", () => {
  it("takes one event or a list, with an optional resource, and keeps the seed's pair form", () => {
    const one = validateRequest({ event }, login);
    expect(one.ok && one.value).toMatchObject({
      form: "events",
      mode: "single",
      events: [{ user: "alice", success: false }],
    });
    const list = validateRequest(
      { events: [event, { ...event, success: true }], resource: "console" },
      login,
    );
    expect(list.ok && list.value).toMatchObject({ form: "events", mode: "batch", resource: "console" });
    expect(list.ok && list.value.form === "events" && list.value.events).toHaveLength(2);
    const pair = validateRequest({ value: [6, 2] }, login);
    expect(pair.ok && pair.value.form).toBe("reading");
  });

  it("names the field that is wrong", () => {
    expect(errorOf({ event: { ...event, source_ip: "300.1.1.1" } })).toEqual({
      status: 400,
      message: '"event.source_ip" must be an IPv4 or IPv6 address, got "300.1.1.1"',
    });
    expect(errorOf({ events: [event, { ...event, time: "2026-11-28T03:11:00Z" }] }).message).toBe(
      '"events[1].time" is earlier than "events[0].time": send events in time order',
    );
    expect(errorOf({ event, value: [1, 2] }).message).toBe(
      'unknown field "value" next to "event"/"events"; send one of them',
    );
    expect(errorOf({ event, events: [event] }).message).toBe('send either "event" or "events", not both');
    expect(errorOf({}).message).toContain('or "event" (one sign-in event) or "events" (a list of them)');
  });

  it("answers 413 past the form's limit of events", () => {
    const error = errorOf({ events: new Array(form.maxEvents + 1).fill(event) });
    expect(error.status).toBe(413);
    expect(error.message).toBe(
      `"events" has ${form.maxEvents + 1} events; the limit is ${form.maxEvents} per request: split the list`,
    );
    expect(validateRequest({ events: new Array(form.maxEvents).fill(event) }, login).ok).toBe(true);
  });

  it("does not offer the events form to a detector without one", () => {
    const cpu = getDetector("cpu");
    const result = validateRequest({ event }, cpu);
    expect(result.ok ? "" : result.error.message).toBe(
      'unknown field "event"; send "value" (one item) or "values" (a list of items), or "series" ({"timestamps": [...], "values": [...]})',
    );
  });
});

/** One field's values: mostly valid ones, sometimes wrong or odd. */
function field<T>(valid: fc.Arbitrary<T>, odd: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: odd });
}

/** Events near the boundary of valid: each field right, wrong, missing or odd. */
const nearEvent = fc
  .record({
    user: field(
      fc.constantFrom("alice", "bob", "HIDDEN_DUE_TO_SECURITY_REASONS", "é".repeat(3), "😀".repeat(300)),
      fc.oneof(fc.constantFrom("", "a\u0000b", "x".repeat(513), "😀".repeat(513)), fc.integer()),
    ),
    time: field(
      fc.constantFrom(
        "2026-11-28T03:12:00Z",
        "2026-11-28T03:12Z",
        "2026-11-28T04:12:00.5+01:00",
        "2026-11-28T03:12:00-00:30",
      ),
      fc.oneof(
        fc.constantFrom(
          "2026-02-30T00:00:00Z",
          "2026-11-28T03:12:00",
          "1999-12-31T23:59:59Z",
          "2026-11-28T25:00:00Z",
          "2026-13-01T00:00:00Z",
          "2026-11-28T03:12:00+24:00",
        ),
        fc.string({ maxLength: 5 }),
      ),
    ),
    source_ip: field(
      fc.oneof(fc.constantFrom("203.0.113.7", "2001:db8::1", "::ffff:1.2.3.4", "::"), fc.ipV4(), fc.ipV6()),
      fc.constantFrom("1.2.3", "256.1.1.1", "fe80::1%eth0", "abc", "1.2.3.4.5", "", "01.2.3.4", ":::"),
    ),
    success: field(fc.boolean(), fc.constantFrom("true", 1, null)),
    mfa: field(fc.oneof(fc.boolean(), fc.constant(null)), fc.constantFrom("yes", 0)),
    user_agent: field(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null)),
      fc.constantFrom(7, "u".repeat(1025)),
    ),
  })
  .chain((record) =>
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(record as Record<string, unknown>) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...Object.keys(record))
          .map((k) => Object.fromEntries(Object.entries(record).filter(([name]) => name !== k))),
      },
      { weight: 1, arbitrary: fc.constant({ ...record, extra: 1 } as Record<string, unknown>) },
    ),
  );

function handlerOnlyChecksPass(events: readonly Record<string, unknown>[]): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    const at = parseEventTime(String(e.time));
    if (at === undefined || parseSourceAddress(String(e.source_ip)) === undefined || at < previous)
      return false;
    previous = at;
  }
  return true;
}

describe("validateRequest against the request schema, sign-in events (property-based)", () => {
  it("accepts exactly what the schema accepts and the handler's own checks pass", () => {
    const schemaAccepts = ajv.compile(requestSchema(login));
    const seen = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ event: nearEvent }),
          fc.record({ events: fc.array(nearEvent, { minLength: 0, maxLength: 3 }) }),
          fc.record({ event: fc.constant(event), events: fc.constant([event]) }),
        ),
        (body) => {
          const events =
            "events" in body && Array.isArray(body.events)
              ? body.events
              : "event" in body
                ? [body.event]
                : [];
          const expected = schemaAccepts(body) && handlerOnlyChecksPass(events as Record<string, unknown>[]);
          const result = validateRequest(body, login);
          expect(result.ok).toBe(expected);
          seen[result.ok ? "accepted" : "rejected"] += 1;
        },
      ),
      { numRuns: 3000 },
    );
    expect(seen.accepted).toBeGreaterThan(30);
    expect(seen.rejected).toBeGreaterThan(300);
  });
});
