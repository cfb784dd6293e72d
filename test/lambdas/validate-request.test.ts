import Ajv from "ajv";
import fc from "fast-check";
import {
  DETECTORS,
  type DetectorSpec,
  getDetector,
  REQUEST_FIELDS,
  requestSchema,
} from "../../lambdas/catalog";
import { validateRequest } from "../../lambdas/runtime/validate-request";

// strictNumbers: JSON.parse("1e309") is Infinity, which the schema's "number" must not accept.
const ajv = new Ajv({ strict: false, strictNumbers: true });

const cpu = getDetector("cpu");
const login = getDetector("login");
const content = getDetector("content");

function errorOf(body: unknown, detector: DetectorSpec) {
  const result = validateRequest(body, detector);
  if (result.ok) throw new Error(`expected a rejection of ${JSON.stringify(body)}`);
  return result.error;
}

describe("validateRequest", () => {
  it("accepts the seed's documented requests for every detector, alone and in a batch", () => {
    for (const detector of DETECTORS) {
      const { single, batch } = REQUEST_FIELDS[detector.input.kind];
      const { anomalous, normal } = detector.examples;
      expect(validateRequest({ [single]: anomalous }, detector)).toEqual({
        ok: true,
        value: { form: "reading", mode: "single", items: [anomalous] },
      });
      expect(validateRequest({ [batch]: [anomalous, normal] }, detector)).toEqual({
        ok: true,
        value: { form: "reading", mode: "batch", items: [anomalous, normal] },
      });
    }
  });

  it("takes an optional resource with any form and checks it", () => {
    const cpu = DETECTORS[0];
    expect(validateRequest({ value: 95, resource: "i-0abc" }, cpu)).toEqual({
      ok: true,
      value: { form: "reading", mode: "single", items: [95], resource: "i-0abc" },
    });
    expect(validateRequest({ resource: "フォーム 1", values: [1] }, cpu)).toMatchObject({ ok: true });
    const problem = (resource: unknown) => {
      const result = validateRequest({ value: 95, resource }, cpu);
      return result.ok ? "accepted" : result.error.message;
    };
    expect(problem(7)).toBe('"resource" must be a string naming what the readings are about, got a number');
    expect(problem("")).toBe('"resource" must be 1 to 256 characters, got 0');
    expect(problem("x".repeat(257))).toBe('"resource" must be 1 to 256 characters, got 257');
    expect(problem("😀".repeat(256))).toBe("accepted");
    expect(problem("a\nb")).toBe('"resource" must not contain control characters or start with whitespace');
    expect(problem(" i-1")).toBe('"resource" must not contain control characters or start with whitespace');
    expect(validateRequest({ resource: "i-1" }, cpu)).toMatchObject({
      ok: false,
      error: {
        status: 400,
        message:
          'missing field: send "value" (one item) or "values" (a list of items), or "series" ({"timestamps": [...], "values": [...]})',
      },
    });
  });

  it.each([
    [
      {},
      'missing field: send "value" (one item) or "values" (a list of items), or "series" ({"timestamps": [...], "values": [...]})',
    ],
    [{ value: "95" }, '"value" must be a number (percent), got a string'],
    [{ value: null }, '"value" must be a number (percent), got null'],
    [{ value: true }, '"value" must be a number (percent), got a boolean'],
    [{ value: [95] }, '"value" must be a number (percent), got a list'],
    [{ value: Number.POSITIVE_INFINITY }, '"value" must be a finite number'],
    [{ value: 100.5 }, '"value" must be between 0 and 100 (percent), got 100.5'],
    [{ value: -1 }, '"value" must be between 0 and 100 (percent), got -1'],
    [
      { value: 5, extra: 1 },
      'unknown field "extra"; send "value" (one item) or "values" (a list of items), or "series" ({"timestamps": [...], "values": [...]})',
    ],
    [{ value: 5, values: [5] }, 'send either "value" or "values", not both'],
    [{ values: [] }, '"values" must hold at least one item'],
    [{ values: 5 }, '"values" must be a list, got a number'],
    [{ values: [1, 2, "x"] }, '"values[2]" must be a number (percent), got a string'],
    [
      [95],
      'request body must be a JSON object with "value" (one item) or "values" (a list of items), or "series" ({"timestamps": [...], "values": [...]}), got a list',
    ],
    [
      null,
      'request body must be a JSON object with "value" (one item) or "values" (a list of items), or "series" ({"timestamps": [...], "values": [...]}), got null',
    ],
  ])("rejects cpu body %j with 400: %s", (body, message) => {
    expect(errorOf(body, cpu)).toEqual({ status: 400, message });
  });

  it("names the pair element and its meaning for login", () => {
    expect(errorOf({ value: [6, 24] }, login).message).toBe(
      '"value[1]" (hour) must be an integer between 0 and 23, got 24',
    );
    expect(errorOf({ value: [6.5, 2] }, login).message).toBe(
      '"value[0]" (failed_attempts) must be an integer, got 6.5',
    );
    expect(errorOf({ value: [6] }, login).message).toBe(
      '"value" must be a list of 2 integers [failed_attempts, hour], got a list of 1',
    );
    expect(
      errorOf(
        {
          values: [
            [1, 2],
            [3, -1],
          ],
        },
        login,
      ).message,
    ).toBe('"values[1][1]" (hour) must be an integer between 0 and 23, got -1');
  });

  it("bounds texts in UTF-8 bytes, not characters", () => {
    const maxBytes = 64 * 1024;
    expect(validateRequest({ text: "a".repeat(maxBytes) }, content).ok).toBe(true);
    expect(errorOf({ text: "a".repeat(maxBytes + 1) }, content).message).toBe(
      `"text" must be at most ${maxBytes} bytes of UTF-8, got ${maxBytes + 1}`,
    );
    // 30,000 euro signs are 30,000 characters (within the schema's maxLength) but 90,000 bytes.
    expect(errorOf({ texts: ["ok", "€".repeat(30_000)] }, content).message).toBe(
      `"texts[1]" must be at most ${maxBytes} bytes of UTF-8, got 90000`,
    );
  });

  it("answers an over-long batch with 413 naming the limit, for the detector's own limit", () => {
    const tooMany = errorOf({ values: new Array(10_001).fill(50) }, cpu);
    expect(tooMany).toEqual({
      status: 413,
      message: '"values" has 10001 items; the limit is 10000 per request: split the batch',
    });
    expect(validateRequest({ values: new Array(10_000).fill(50) }, cpu).ok).toBe(true);
    expect(errorOf({ texts: new Array(1_001).fill("hi") }, content).status).toBe(413);
    expect(validateRequest({ texts: new Array(1_000).fill("hi") }, content).ok).toBe(true);
  });

  it("does not let __proto__ or other inherited names through as fields", () => {
    const body = JSON.parse('{"__proto__": {"value": 5}}');
    expect(errorOf(body, cpu).message).toMatch(/^unknown field "__proto__"/);
  });
});

/** Arbitrary values near a detector's request shape, so that both acceptance and rejection are common. */
function nearItems(detector: DetectorSpec): fc.Arbitrary<unknown> {
  const numbers = fc.oneof(
    fc.integer({ min: -5, max: 130 }),
    fc.double({ min: -10, max: 1e6, noNaN: true }),
    fc.constantFrom(
      0,
      -0,
      100,
      23,
      24,
      1e300,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
    ),
  );
  const anything = fc.oneof(fc.constant(null), fc.boolean(), fc.string({ maxLength: 4 }), fc.constant({}));
  switch (detector.input.kind) {
    case "number":
      return fc.oneof({ weight: 5, arbitrary: numbers }, anything, fc.array(numbers, { maxLength: 2 }));
    case "pair":
      return fc.oneof(
        {
          weight: 5,
          arbitrary: fc.tuple(fc.integer({ min: -2, max: 30 }), fc.integer({ min: -2, max: 26 })),
        },
        fc.array(numbers, { minLength: 1, maxLength: 3 }),
        fc.array(fc.oneof(numbers, anything), { maxLength: 3 }),
        numbers,
        anything,
      );
    case "text":
      return fc.oneof(
        { weight: 5, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
        fc.string({ unit: "binary", maxLength: 12 }),
        numbers,
        anything,
      );
  }
}

function nearBodies(detector: DetectorSpec): fc.Arbitrary<unknown> {
  const { single, batch } = REQUEST_FIELDS[detector.input.kind];
  const item = nearItems(detector);
  const field = fc.constantFrom(single, batch, "extra", "__proto__", "Value");
  return fc.oneof(
    fc.record({ [single]: item }),
    fc.record({ [batch]: fc.array(item, { maxLength: 4 }) }),
    fc.record({ [batch]: item }),
    fc.dictionary(field, fc.oneof(item, fc.array(item, { maxLength: 3 })), { maxKeys: 3 }),
    fc.jsonValue({ maxDepth: 2 }),
  );
}

function utf8Bytes(value: unknown): number {
  return typeof value === "string" ? Buffer.byteLength(value, "utf8") : 0;
}

describe("validateRequest against the catalog's JSON Schema (property-based)", () => {
  // A narrow text detector makes the bytes-versus-characters difference easy for the generator to hit.
  const narrowText: DetectorSpec = { ...content, name: "narrow", input: { kind: "text", maxBytes: 8 } };

  it.each([...DETECTORS, narrowText].map((d) => [d.name, d] as const))(
    "%s: accepts exactly what requestSchema accepts (texts also within maxBytes)",
    (_name, detector) => {
      const schemaAccepts = ajv.compile(requestSchema(detector));
      const { single, batch } = REQUEST_FIELDS[detector.input.kind];
      const seen = { accepted: 0, rejected: 0 };
      fc.assert(
        fc.property(nearBodies(detector), (body) => {
          const result = validateRequest(body, detector);
          let expected = schemaAccepts(body);
          if (expected && detector.input.kind === "text") {
            const record = body as Record<string, unknown>;
            const texts = single in record ? [record[single]] : (record[batch] as unknown[]);
            expected = texts.every(
              (text) => utf8Bytes(text) <= (detector.input as { maxBytes: number }).maxBytes,
            );
          }
          expect(result.ok).toBe(expected);
          if (!result.ok) expect(result.error.status).toBe(400);
          seen[result.ok ? "accepted" : "rejected"] += 1;
        }),
        { numRuns: 1000 },
      );
      // The generator must exercise both sides of the boundary, or the property proves little.
      expect(seen.accepted).toBeGreaterThan(50);
      expect(seen.rejected).toBeGreaterThan(50);
    },
  );
});
