/** The feature extraction: causal, unit-free, finite on awkward series, one row per point. */
import {
  extractSeriesFeatures,
  FEATURE_COUNT,
  FEATURE_NAMES,
} from "../../lambdas/detection/series/series-features";
import { dailySeries } from "./helpers/series-fixtures";

describe("extractSeriesFeatures", () => {
  const { timestamps, values } = dailySeries(8);

  test("one row of FEATURE_COUNT features per point", () => {
    const { features } = extractSeriesFeatures(timestamps, values);
    expect(FEATURE_NAMES).toHaveLength(FEATURE_COUNT);
    expect(features).toHaveLength(values.length * FEATURE_COUNT);
  });

  test("causal: the features of a prefix are the prefix of the features", () => {
    const full = extractSeriesFeatures(timestamps, values);
    for (const cut of [1, 2, 289, 1_000, 2_016]) {
      const prefix = extractSeriesFeatures(timestamps.subarray(0, cut), values.subarray(0, cut));
      expect(prefix.features).toEqual(full.features.subarray(0, cut * FEATURE_COUNT));
      expect(prefix.expected).toEqual(full.expected.subarray(0, cut));
    }
  });

  test("unit-free: scaling the values by any positive factor leaves the features (nearly) unchanged", () => {
    const base = extractSeriesFeatures(timestamps, values).features;
    for (const factor of [1e-3, 8, 1_048_576]) {
      const scaled = extractSeriesFeatures(
        timestamps,
        values.map((v) => v * factor),
      ).features;
      let worst = 0;
      for (let k = 0; k < base.length; k++) {
        worst = Math.max(worst, Math.abs(scaled[k] - base[k]) / Math.max(1, Math.abs(base[k])));
      }
      expect(worst).toBeLessThan(1e-4);
    }
  });

  test("the seasonal features see yesterday: a repeat of the daily pattern has small z_day", () => {
    const { features } = extractSeriesFeatures(timestamps, values);
    const zDay = FEATURE_NAMES.indexOf("z_day");
    const zMid = FEATURE_NAMES.indexOf("z_mid");
    let day = 0;
    let mid = 0;
    for (let i = 3 * 288; i < values.length; i++) {
      day += Math.abs(features[i * FEATURE_COUNT + zDay]);
      mid += Math.abs(features[i * FEATURE_COUNT + zMid]);
    }
    expect(day).toBeLessThan(mid);
  });

  test("flat series, repeated timestamps, gaps and huge values give finite features", () => {
    const n = 600;
    const t = Float64Array.from(
      { length: n },
      (_, i) => 1_000 + Math.floor(i / 3) * 60 + (i > 300 ? 86_400 : 0),
    );
    for (const v of [
      new Float64Array(n).fill(45),
      new Float64Array(n).fill(0),
      Float64Array.from({ length: n }, (_, i) => (i % 50 === 0 ? 1e300 : 1)),
      Float64Array.from({ length: n }, (_, i) => i * 1e-300),
    ]) {
      const { features, expected } = extractSeriesFeatures(t, v);
      expect(features.every(Number.isFinite)).toBe(true);
      expect(expected.every(Number.isFinite)).toBe(true);
    }
  });

  test("a constant series has zero deviations", () => {
    const n = 500;
    const t = Float64Array.from({ length: n }, (_, i) => i * 60);
    const { features } = extractSeriesFeatures(t, new Float64Array(n).fill(45));
    for (const name of ["z_slow", "z_mid", "z_step", "above_max", "below_min"] as const) {
      const k = FEATURE_NAMES.indexOf(name);
      for (let i = 0; i < n; i++) expect(features[i * FEATURE_COUNT + k]).toBe(0);
    }
  });

  test("one odd day does not become the next day's expectation (the daily reference is a median of three days)", () => {
    const { timestamps, values } = dailySeries(8);
    const odd = Float64Array.from(values, (v, i) => (i >= 5 * 288 && i < 6 * 288 ? v + 30 : v));
    const clean = extractSeriesFeatures(timestamps, values);
    const after = extractSeriesFeatures(timestamps, odd);
    // The day after the odd one: the expected values stay where the clean series has them.
    let worst = 0;
    for (let i = 6 * 288 + 144; i < 7 * 288; i++) {
      worst = Math.max(worst, Math.abs(after.expected[i] - clean.expected[i]) / clean.spread[i]);
    }
    expect(worst).toBeLessThan(3);
  });

  test("z_expected is the signed distance from the expected value in spreads; z_expected_fast follows a lasting shift, not one spike", () => {
    const { timestamps, values } = dailySeries(6);
    const at = 5 * 288;
    const spike = Float64Array.from(values, (v, i) => (i === at ? v + 40 : v));
    const shift = Float64Array.from(values, (v, i) => (i >= at ? v + 40 : v));
    const zExpected = FEATURE_NAMES.indexOf("z_expected");
    const zFast = FEATURE_NAMES.indexOf("z_expected_fast");
    const s = extractSeriesFeatures(timestamps, spike);
    expect(s.features[at * FEATURE_COUNT + zExpected]).toBeCloseTo(
      (spike[at] - s.expected[at]) / s.spread[at],
      2,
    );
    const later = at + 12; // an hour on
    const fastAfterSpike = s.features[later * FEATURE_COUNT + zFast];
    const fastInShift = extractSeriesFeatures(timestamps, shift).features[later * FEATURE_COUNT + zFast];
    expect(fastInShift).toBeGreaterThan(3);
    expect(Math.abs(fastAfterSpike)).toBeLessThan(1);
  });

  test("tail_rate learns how often a series strays beyond 4 spreads", () => {
    const { timestamps, values } = dailySeries(6);
    const rough = Float64Array.from(values, (v, i) => (i % 40 === 7 ? v + (i % 80 === 7 ? 30 : -30) : v));
    const tail = FEATURE_NAMES.indexOf("tail_rate");
    const last = (v: Float64Array) =>
      extractSeriesFeatures(timestamps, v).features[(v.length - 1) * FEATURE_COUNT + tail];
    expect(last(values)).toBeLessThan(0.005);
    expect(last(rough)).toBeGreaterThan(0.01);
  });
});
