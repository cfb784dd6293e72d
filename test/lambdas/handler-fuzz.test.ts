/**
 * Whatever a client sends, a detector answers 200 or a 4xx with {"error": "..."}: never a 500,
 * never a stack trace. Random raw bodies and JSON values go through the real handler pipeline with
 * the committed models.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { DETECTORS, REQUEST_FIELDS, routeOf } from "../../lambdas/catalog";
import { createDetectorRuntime, ENV } from "../../lambdas/runtime";
import { lambdaContext, postEvent } from "../support/lambda-events";

const root = mkdtempSync(join(tmpdir(), "helios-fuzz-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.each(DETECTORS.map((d) => [d.name, d] as const))(
  "%s handler under random input",
  (name, detector) => {
    const runtime = createDetectorRuntime(detector, {
      env: { [ENV.alertFile]: join(root, `${name}.jsonl`), [ENV.metrics]: "log" },
      writeLine: () => undefined,
    });
    const { single, batch } = REQUEST_FIELDS[detector.input.kind];
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.double(),
      fc.integer(),
      fc.constantFrom(detector.examples.anomalous, detector.examples.normal, "", -0, 1e308),
      fc.tuple(fc.integer({ min: -1, max: 30 }), fc.integer({ min: -1, max: 30 })),
      fc.string({ unit: "binary", maxLength: 40 }),
    );
    // Items the schema accepts, so that a good share of requests reaches the model.
    const validItem: fc.Arbitrary<unknown> =
      detector.input.kind === "text"
        ? fc.string({ maxLength: 30 })
        : detector.input.kind === "pair"
          ? fc.tuple(fc.nat(50), fc.nat(23))
          : fc.double({ min: 0, max: 100, noNaN: true });
    const body = fc.oneof(
      { weight: 3, arbitrary: fc.record({ [single]: validItem }).map((v) => JSON.stringify(v)) },
      fc
        .record({ [batch]: fc.array(validItem, { minLength: 1, maxLength: 6 }) })
        .map((v) => JSON.stringify(v)),
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.record({ [single]: value }).map((v) => JSON.stringify(v)),
      fc.record({ [batch]: fc.array(value, { maxLength: 6 }) }).map((v) => JSON.stringify(v)),
      fc.constantFrom(
        `{"${single}": 1e309}`,
        `{"${single}": -1e999}`,
        `{"${batch}": [NaN]}`,
        "[".repeat(5000),
      ),
    );
    const base64 = fc.boolean();

    it("answers 200 or 400/413 with a JSON error, never a 500", async () => {
      const statuses: number[] = [];
      await fc.assert(
        fc.asyncProperty(body, base64, async (raw, encode) => {
          const event = postEvent(routeOf(detector), encode ? Buffer.from(raw).toString("base64") : raw, {
            isBase64Encoded: encode,
          });
          const result = await runtime.handler(event, lambdaContext());
          expect([200, 400, 413]).toContain(result.statusCode);
          statuses.push(result.statusCode);
          const parsed = JSON.parse(result.body) as Record<string, unknown>;
          if (result.statusCode === 200) {
            expect(parsed.model).toMatch(new RegExp(`^${name}@`));
          } else {
            expect(Object.keys(parsed)).toEqual(["error"]);
            expect(parsed.error).not.toMatch(/\n\s+at /);
          }
        }),
        { numRuns: 300 },
      );
      // Both paths must be exercised: predictions through the model, and rejections.
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(20);
      expect(statuses.filter((status) => status === 400).length).toBeGreaterThan(20);
    });
  },
);
