/**
 * The series form of cpu, network and storage through the Lambda handler, with the committed
 * models: the answer's shape, causality through the API (a property), the seed's reading form
 * untouched, every malformed series answered 400 (413 over the limit) naming the problem, and one
 * alert per request naming each incident.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { getDetector } from "../../lambdas/catalog";
import { MAX_SERIES_POINTS } from "../../lambdas/detection/series/series-input";
import { ANOMALY_AT, dailySeries, withAnomaly } from "../detection/helpers/series-fixtures";
import { runtimeHarness } from "../support/runtime-harness";

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "helios-series-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A runtime of one of the series detectors with the committed models. */
const setup = (detectorName: "cpu" | "network" | "storage" = "cpu") =>
  runtimeHarness(getDetector(detectorName), root, {}, "req-series");

type Point = { t: number | string; value: number; score: number; anomaly: 0 | 1; expected: [number, number] };
const asArrays = (s: { timestamps: Float64Array; values: Float64Array }) => ({
  timestamps: [...s.timestamps],
  values: [...s.values],
});

describe("the series form through the handler", () => {
  it("answers one result per point with t, value, score, anomaly and the expected range, plus threshold and model", async () => {
    const { call } = setup();
    const series = asArrays(withAnomaly("spike"));
    const { status, json } = await call({ series, resource: "i-0abc1234" });
    expect(status).toBe(200);
    const results = json.results as Point[];
    expect(results).toHaveLength(series.values.length);
    expect(json.resource).toBe("i-0abc1234");
    expect(json.model).toMatch(/^cpu@1\.0\.0\+[0-9a-f]{8}$/);
    const threshold = json.threshold as number;
    expect(threshold).toBeGreaterThan(0);
    expect(threshold).toBeLessThan(1);
    for (const [i, point] of results.entries()) {
      expect(point.t).toBe(series.timestamps[i]);
      expect(point.value).toBe(series.values[i]);
      expect(point.anomaly).toBe(point.score >= threshold ? 1 : 0);
      expect(point.expected[0]).toBeLessThanOrEqual(point.expected[1]);
      expect(point.expected[0]).toBeGreaterThanOrEqual(0);
      expect(point.expected[1]).toBeLessThanOrEqual(100); // a cpu band never passes 100 %
    }
    expect(results[ANOMALY_AT]!.anomaly).toBe(1);
    expect(results.filter((p) => p.anomaly === 1).length).toBeLessThan(10);
  });

  it("answers from score_from on, echoing ISO-8601 timestamps as sent", async () => {
    const { call } = setup();
    const { timestamps, values } = dailySeries(2);
    const iso = [...timestamps].map((t) => new Date(t * 1000).toISOString());
    const from = iso[500]!;
    const { status, json } = await call({
      series: { timestamps: iso, values: [...values] },
      score_from: from,
    });
    expect(status).toBe(200);
    const results = json.results as Point[];
    expect(results).toHaveLength(iso.length - 500);
    expect(results[0]!.t).toBe(from);
    const whole = (await call({ series: { timestamps: iso, values: [...values] } })).json.results as Point[];
    expect(results).toEqual(whole.slice(500));
  });

  it("is causal through the API: the answers for points 0..i do not change when later points are sent", async () => {
    const { call } = setup("network");
    const { timestamps, values } = asArrays(dailySeries(3, 5));
    const full = (await call({ series: { timestamps, values: values.map((v) => v * 1e6) } })).json
      .results as Point[];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: timestamps.length - 1 }), async (cut) => {
        const prefix = await call({
          series: { timestamps: timestamps.slice(0, cut), values: values.slice(0, cut).map((v) => v * 1e6) },
        });
        expect(prefix.json.results).toEqual(full.slice(0, cut));
      }),
      { numRuns: 8 },
    );
  });

  it("keeps the seed's reading form as it was", async () => {
    const { call } = setup();
    expect((await call({ value: 95 })).json).toMatchObject({ cpu_value: 95, anomaly: 1 });
    expect((await call({ values: [40, 95] })).json.results).toHaveLength(2);
  });

  it.each([
    [
      { series: { timestamps: [1, 2, 3], values: [1, 2] } },
      400,
      /series\.timestamps has 3 items but series\.values has 2/,
    ],
    [
      { series: { timestamps: [10, 5], values: [1, 2] } },
      400,
      /series\.timestamps must not decrease: item 1/,
    ],
    [{ series: { timestamps: [1, 2], values: [1, "NaN"] } }, 400, /series\.values/],
    [{ series: { timestamps: [1, 2], values: [1, null] } }, 400, /series\.values/],
    [{ series: { timestamps: [1, 2], values: [1, 101] } }, 400, /series\.values.*101/],
    [{ series: { timestamps: [1, "2026-11-28T00:00:00Z"], values: [1, 2] } }, 400, /series\.timestamps/],
    [{ series: { timestamps: [], values: [] } }, 400, /series\.timestamps is empty/],
    [{ series: { timestamps: [1700000000000], values: [1] } }, 400, /milliseconds/],
    [
      { series: { timestamps: [1], values: [1] }, score_from: 5 },
      400,
      /score_from is after the last timestamp/,
    ],
    [{ series: { timestamps: [1], values: [1], extra: 1 } }, 400, /unknown field "series\.extra"/],
    [{ series: { timestamps: [1] } }, 400, /missing field "series\.values"/],
    [{ series: [1, 2] }, 400, /"series" must be an object/],
    [{ series: { timestamps: [1], values: [1] }, value: 5 }, 400, /unknown field "value" next to "series"/],
    [{ score_from: 1 }, 400, /missing field "series"/],
  ])("refuses %j with %i naming the problem", async (body, status, message) => {
    const { call } = setup();
    const answer = await call(body);
    expect(answer.status).toBe(status);
    expect(answer.json.error).toMatch(message);
  });

  it("answers 413 naming the limit for a series over 20,160 points", async () => {
    const { call } = setup();
    const n = MAX_SERIES_POINTS + 1;
    const answer = await call({
      series: { timestamps: Array.from({ length: n }, (_, i) => i * 60), values: new Array(n).fill(1) },
    });
    expect(answer.status).toBe(413);
    expect(answer.json.error).toMatch(/at most 20,160/);
  });

  it("alerts once per request, naming each incident with its time, value, expected range and score", async () => {
    const { call, alerts } = setup("storage");
    const series = asArrays(withAnomaly("drop-to-zero"));
    await call({ series, resource: "vol-0abc" });
    const [alert, ...more] = alerts();
    expect(more).toHaveLength(0);
    expect(alert!.subject).toMatch(/^Helios: \d+ storage incidents? in a series on vol-0abc$/);
    const incidents = alert!.message.incidents as {
      start: string;
      peak: { value: number; expected: number[] };
    }[];
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents[0]!.start).toBe(new Date(series.timestamps[ANOMALY_AT]! * 1000).toISOString());
    expect(alert!.text).toContain("Resource:  vol-0abc");
    expect(alert!.text).toMatch(/expected [\d.]+ to [\d.]+ MB, score 0\.\d+/);
    // A clean series alerts nothing.
    const quiet = setup("storage");
    await quiet.call({ series: asArrays(dailySeries(7)), resource: "vol-quiet" });
    expect(quiet.alerts()).toEqual([]);
  });
});
