/** The decision stage on hand-built raw scores: likelihood, new extreme, red filter, quiet period. */
import {
  applyThreshold,
  beyondRange,
  DAY_S,
  DailyHighs,
  decideSeries,
  float32Below,
  likelihoodScore,
  logBelowRange,
  medianInPlace,
  pointEvidence,
  RecordJumps,
  STEP_CLIP,
  STEP_HALF_LIFE_S,
  StepSize,
} from "../../lambdas/detection/series/series-decision";
import {
  SERIES_DECISION_PARAMETERS,
  type SeriesSettings,
} from "../../lambdas/detection/series/series-settings";
import { log10NormalTail } from "../../lambdas/detection/series/tail-probability";
import { SeededRandom } from "../../models/training/random";

describe("log10NormalTail", () => {
  test.each([
    [0, Math.log10(0.5)],
    [1.959963984540054, Math.log10(0.025)],
    [3, Math.log10(0.0013498980316301)],
    [4.264890793922825, -5],
    [-3, Math.log10(1 - 0.0013498980316301)],
  ])("log10 Q(%d) = %d", (z, expected) => {
    expect(Math.abs(log10NormalTail(z) - expected)).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected)));
  });

  test("stays finite far out in the tail, where Q itself underflows (Mills ratio asymptote)", () => {
    for (const z of [20, 40, 100, 1e4]) {
      const asymptote = -((z * z) / 2 + Math.log(z * Math.sqrt(2 * Math.PI))) / Math.LN10;
      expect(Number.isFinite(log10NormalTail(z))).toBe(true);
      expect(Math.abs(log10NormalTail(z) - asymptote)).toBeLessThan(1e-2 * Math.abs(asymptote));
    }
  });

  test("is decreasing in z", () => {
    let previous = 0;
    for (let z = -10; z <= 30; z += 0.05) {
      const value = log10NormalTail(z);
      expect(value).toBeLessThanOrEqual(previous + 1e-12);
      previous = value;
    }
  });
});

describe("building blocks", () => {
  test("a tail of 1e-5 scores 0.5 at scale 5; the mean scores 0.057", () => {
    expect(likelihoodScore(4.264890793922825, 0, 1, 5)).toBeCloseTo(0.5, 6);
    expect(likelihoodScore(0, 0, 1, 5)).toBeCloseTo(0.30103 / 5.30103, 5);
    expect(likelihoodScore(-100, 0, 1, 5)).toBe(0);
  });

  test("beyondRange is the excess as a share of the range", () => {
    expect(beyondRange(5, 0, 10)).toBe(0);
    expect(beyondRange(11, 0, 10)).toBeCloseTo(0.1, 12);
    expect(beyondRange(-2, 0, 10)).toBeCloseTo(0.2, 12);
    expect(beyondRange(3, 2, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(beyondRange(2, 2, 2)).toBe(0);
  });

  test("logBelowRange is how far below a positive range on a log scale, as a share of its log-width", () => {
    // range 100..10,000 spans two decades; 10 is one decade below: half the width
    expect(logBelowRange(10, 100, 10_000)).toBeCloseTo(0.5, 12);
    expect(logBelowRange(1, 100, 10_000)).toBeCloseTo(1, 12);
    expect(logBelowRange(100, 100, 10_000)).toBe(0);
    expect(logBelowRange(50_000, 100, 10_000)).toBe(0);
    expect(logBelowRange(0, 100, 10_000)).toBe(Number.POSITIVE_INFINITY);
    expect(logBelowRange(-1, 100, 10_000)).toBe(Number.POSITIVE_INFINITY);
    expect(logBelowRange(5, 10, 10)).toBe(Number.POSITIVE_INFINITY);
    // no positive minimum, no log scale
    expect(logBelowRange(-5, 0, 10)).toBe(0);
    expect(logBelowRange(-5, -1, 10)).toBe(0);
  });

  test("float32Below is the next float32 down", () => {
    const t = Math.fround(0.59);
    const below = float32Below(t);
    expect(Math.fround(below)).toBe(below);
    expect(below).toBeLessThan(t);
    expect(new Float32Array([below, t])[1] - below).toBeLessThan(1e-7);
  });
});

/**
 * A flat-ish series of n points, 5 minutes apart, with raw scores `raw` (default -6) and an expected
 * value of 53 with a spread of `spread` (default 1) at every point.
 */
function input(
  n: number,
  raw: (i: number) => number = () => -6,
  value: (i: number) => number = (i) => 50 + (i % 7),
  spread = 1,
) {
  const timestamps = Float64Array.from({ length: n }, (_, i) => 1_700_000_000 + i * 300);
  const values = Float64Array.from({ length: n }, (_, i) => value(i));
  return {
    timestamps,
    values,
    rawScores: Float32Array.from({ length: n }, (_, i) => raw(i)),
    deviation: Float64Array.from(values, (v) => Math.abs(v - 53) / spread),
  };
}

const SETTINGS: SeriesSettings = { ...SERIES_DECISION_PARAMETERS, threshold: Math.fround(0.59) };

describe("decideSeries", () => {
  test("quiet raw scores never flag; scores are float32 values in [0, 1)", () => {
    const scores = decideSeries(input(2_000), SETTINGS);
    expect(scores.every((s) => s >= 0 && s < SETTINGS.threshold)).toBe(true);
    expect(scores).toBeInstanceOf(Float32Array);
  });

  test("a burst of high raw scores after the learning period is flagged once (red filter)", () => {
    const burst = (i: number) => (i >= 1_000 && i < 1_010 ? 8 : -6);
    const scores = decideSeries(input(2_000, burst), SETTINGS);
    const flags = [...scores.keys()].filter((i) => scores[i] >= SETTINGS.threshold);
    expect(flags).toEqual([1_000]);
    expect(scores[1_001]).toBe(float32Below(SETTINGS.threshold));
  });

  test("the likelihood flags from historyFromPoints + learningPoints on (about 20 hours at 5 minutes)", () => {
    // 144 + 100 = 244 points: a burst at point 300 (25 hours in) is flagged; before the warm-up was
    // shortened (288 + 200 = 488 points, 41 hours) it was not.
    const start = SETTINGS.historyFromPoints + SETTINGS.learningPoints;
    expect(start).toBe(244);
    const burst = (i: number) => (i >= 300 && i < 310 ? 8 : -6);
    const scores = decideSeries(input(2_000, burst), SETTINGS);
    expect([...scores.keys()].filter((i) => scores[i] >= SETTINGS.threshold)).toEqual([300]);
  });

  test("the same burst inside the learning period is not flagged", () => {
    const early = (i: number) => (i >= 100 && i < 110 ? 8 : -6);
    const scores = decideSeries(input(2_000, early), SETTINGS);
    expect(Math.max(...scores)).toBeLessThan(SETTINGS.threshold);
  });

  test("the quiet period suppresses a second burst less than quietS later, not one after it", () => {
    // The evidence averages averageS: with a shorter average the first burst has left it by the time
    // the quiet period ends, so the second burst is a new rising edge, not a continuation (red filter).
    const settings: SeriesSettings = { ...SETTINGS, averageS: 600 };
    const gapPoints = settings.quietS / 300;
    const two = (at: number) => (i: number) => (i === 1_000 || i === at ? 12 : -6);
    const close = decideSeries(input(2_000, two(1_000 + gapPoints - 2)), settings);
    const far = decideSeries(input(2_000, two(1_000 + gapPoints + 2)), settings);
    const flags = (s: Float32Array) => [...s.keys()].filter((i) => s[i] >= settings.threshold);
    expect(flags(close)).toEqual([1_000]);
    expect(flags(far)).toEqual([1_000, 1_000 + gapPoints + 2]);
  });

  test("an incident holds while its likelihood stays at holdShare of the threshold: what comes then is the same incident", () => {
    // Five-minute points; a flag at 10 (likelihood 0.7), then the likelihood stays at 0.4 (above
    // 0.5 x 0.56) until point 40 and falls to 0.1; new extremes at 30 (100 minutes after the flag,
    // past the plain quiet period) and at 54 (14 points, 70 minutes, after the hold ended).
    const n = 80;
    const timestamps = Float64Array.from({ length: n }, (_, i) => 1_700_000_000 + 300 * i);
    const likelihood = Float64Array.from({ length: n }, (_, i) =>
      i === 10 ? 0.7 : i > 10 && i <= 40 ? 0.4 : 0.1,
    );
    const extreme = Float64Array.from({ length: n }, (_, i) => (i === 30 || i === 54 ? 0.2 : 0));
    const flags = (holdShare: number) => {
      const scores = applyThreshold({ likelihood, extreme }, timestamps, 0.56, { quietS: 3_600, holdShare });
      return [...scores.keys()].filter((i) => scores[i] >= 0.56);
    };
    expect(flags(0.5)).toEqual([10, 54]);
    // Without the hold the quiet period ends an hour after the flag.
    expect(flags(0)).toEqual([10, 30, 54]);
    // A hold the likelihood never reaches (0.4 < 0.8 x 0.56) is no hold.
    expect(flags(0.8)).toEqual([10, 30, 54]);
  });

  test("a burst's evidence stays red for averageS, so a second burst inside that stretch is the same incident", () => {
    const gapPoints = SETTINGS.quietS / 300 + 2;
    expect(gapPoints * 300).toBeLessThan(SETTINGS.averageS);
    const two = (i: number) => (i === 1_000 || i === 1_000 + gapPoints ? 12 : -6);
    const scores = decideSeries(input(2_000, two), SETTINGS);
    expect([...scores.keys()].filter((i) => scores[i] >= SETTINGS.threshold)).toEqual([1_000]);
  });

  test("a new extreme outside the expected band is flagged, after the warm-up only", () => {
    const spikeAt =
      (at: number, x = 200) =>
      (i: number) =>
        i === at ? x : 50 + (i % 7);
    const late = decideSeries(input(2_000, undefined, spikeAt(1_500)), SETTINGS);
    expect(late[1_500]).toBeGreaterThanOrEqual(SETTINGS.threshold);
    // 56.5 is beyond the range 50..56 by 8 % of it, but only 0.13 spreads of 27 from the expected 53:
    // inside the band, and not a large new extreme (25 % of the range): not flagged.
    const wide = decideSeries(input(2_000, undefined, spikeAt(1_500, 56.5), 27), SETTINGS);
    expect(wide[1_500]).toBeLessThan(SETTINGS.threshold);
    const early = decideSeries(input(2_000, undefined, spikeAt(50)), SETTINGS);
    expect(early[50]).toBeLessThan(SETTINGS.threshold);
  });

  test("a large new extreme (a quarter of the range or more past it) needs no expected-band condition", () => {
    // Spread 27: everything below 188 is within 5 spreads of 53. Range 50..56 (6): 1.5 past it is 25 %.
    const at = (x: number) =>
      decideSeries(
        input(2_000, undefined, (i) => (i === 1_500 ? x : 50 + (i % 7)), 27),
        SETTINGS,
      )[1_500];
    expect(at(57.4)).toBeLessThan(SETTINGS.threshold);
    expect(at(57.6)).toBeGreaterThanOrEqual(SETTINGS.threshold);
    expect(at(48.4)).toBeGreaterThanOrEqual(SETTINGS.threshold);
    expect(at(120)).toBeGreaterThanOrEqual(SETTINGS.threshold);
  });

  test("a mid-size new extreme (15 % of the range past it) needs 3 spreads only", () => {
    // Range 50..56 (6), expected 53: 57 is 17 % of the range past it and 4 spreads of 1 out.
    const at = (x: number, spread: number, settings: SeriesSettings = SETTINGS) =>
      decideSeries(
        input(2_000, undefined, (i) => (i === 1_500 ? x : 50 + (i % 7)), spread),
        settings,
      )[1_500];
    expect(at(57, 1)).toBeGreaterThanOrEqual(SETTINGS.threshold);
    // 13 % past the range at 3.8 spreads: neither mid-size nor 5 spreads out.
    expect(at(56.8, 1)).toBeLessThan(SETTINGS.threshold);
    // 20 % past it but 2.8 spreads of 1.5 from the expected value: inside the mid-size clause's band.
    expect(at(57.2, 1.5)).toBeLessThan(SETTINGS.threshold);
    // Without the clause, 57 waits for 5 spreads or a quarter of the range.
    expect(at(57, 1, { ...SETTINGS, extremeMidShare: 0 })).toBeLessThan(SETTINGS.threshold);
  });

  test("new extremes are measured against the last two weeks: an older outlier no longer widens the range", () => {
    // 50..56 with one outlier of 200 at point 300; 120 is 67 spreads from the expected 53, beyond
    // 50..56 but inside 50..200. Ten days after the outlier it is inside the range (not flagged);
    // 14 days and 200 points after it, the outlier has left the range and 120 is a new extreme.
    expect(SETTINGS.extremeRangeS).toBe(14 * 86_400);
    const twoWeeks = SETTINGS.extremeRangeS / 300;
    const series = (at: number) => (i: number) => (i === 300 ? 200 : i === at ? 120 : 50 + (i % 7));
    const scoreAt = (at: number, settings: SeriesSettings = SETTINGS) =>
      decideSeries(input(6_000, undefined, series(at)), settings)[at];
    expect(scoreAt(300 + 10 * 288)).toBeLessThan(SETTINGS.threshold);
    expect(scoreAt(300 + twoWeeks + 200)).toBeGreaterThanOrEqual(SETTINGS.threshold);
    // With an all-time range (as before), the old outlier hides it for ever.
    const allTime = { ...SETTINGS, extremeRangeS: Number.POSITIVE_INFINITY };
    expect(scoreAt(300 + twoWeeks + 200, allTime)).toBeLessThan(SETTINGS.threshold);
  });

  test("after a gap longer than extremeRangeS there is no range to leave", () => {
    const n = 2_000;
    const base = input(n);
    const timestamps = Float64Array.from(base.timestamps, (t, i) => (i >= 1_500 ? t + 15 * 86_400 : t));
    const values = Float64Array.from(base.values, (v, i) => (i === 1_500 ? 200 : v));
    const scores = decideSeries({ ...base, timestamps, values, deviation: base.deviation }, SETTINGS);
    expect(scores[1_500]).toBeLessThan(SETTINGS.threshold);
    expect(scores[1_501]).toBeLessThan(SETTINGS.threshold);
  });

  test("a record is flagged only past the series' usual record jumps (extremeJumpFactor)", () => {
    // Bursts set records at points 400, 700, 1000 and 1300 (80, 100, 125, 155): past their ranges by
    // 4, 0.67, 0.5 and 0.4 of them. The lower quartile of those jumps is 0.5, a quarter of it 0.125:
    // 160 at point 1600 (past 50..155 by 0.048 of it, 107 spreads from the expected 53) is an
    // ordinary record for this series; 200 (0.43) is not. Without the earlier records, 160 is flagged.
    expect(SETTINGS.extremeJumpFactor).toBe(0.25);
    const records = new Map([
      [400, 80],
      [700, 100],
      [1_000, 125],
      [1_300, 155],
    ]);
    const at = (x: number, withRecords = true) =>
      decideSeries(
        input(2_000, undefined, (i) =>
          i === 1_600 ? x : ((withRecords ? records.get(i) : undefined) ?? 50 + (i % 7)),
        ),
        SETTINGS,
      )[1_600];
    expect(at(160)).toBeLessThan(SETTINGS.threshold);
    expect(at(200)).toBeGreaterThanOrEqual(SETTINGS.threshold);
    expect(at(160, false)).toBeGreaterThanOrEqual(SETTINGS.threshold);
    expect(
      decideSeries(
        input(2_000, undefined, (i) => (i === 1_600 ? 160 : (records.get(i) ?? 50 + (i % 7)))),
        { ...SETTINGS, extremeJumpFactor: 0 },
      )[1_600],
    ).toBeGreaterThanOrEqual(SETTINGS.threshold);
  });

  test("RecordJumps keeps the jumps of its stretch and returns their lower quartile", () => {
    const jumps = new RecordJumps();
    expect(jumps.typical()).toBe(0);
    const held: [number, number][] = [
      [1, 0.4],
      [2, 0.1],
      [3, 0.9],
      [4, 0.3],
      [5, 0.2],
    ];
    for (const [t, share] of held) jumps.push(t, share);
    // Sorted 0.1 0.2 0.3 0.4 0.9: the lower quartile is the one at index floor(5 / 4) = 1.
    expect(jumps.typical()).toBe(0.2);
    jumps.forget(3); // drops the jumps at t <= 3: 0.3 0.2 are left, index 0
    expect(jumps.typical()).toBe(0.2);
    jumps.forget(4);
    expect(jumps.typical()).toBe(0.2);
    jumps.forget(5);
    expect(jumps.typical()).toBe(0);
  });

  test("RecordJumps' quartile equals sorting the held jumps, under random pushes and expiries", () => {
    const random = new SeededRandom(3);
    const jumps = new RecordJumps();
    const held: [number, number][] = [];
    for (let t = 1; t <= 2_000; t++) {
      // Ties on purpose: shares from a small set.
      const share = Math.round(random.nextDouble() * 20) / 10;
      jumps.push(t, share);
      held.push([t, share]);
      if (random.nextDouble() < 0.5) {
        const since = t - 1 - random.nextInt(300);
        jumps.forget(since);
        while (held.length > 0 && held[0][0] <= since) held.shift();
      }
      const sorted = held.map(([, x]) => x).sort((a, b) => a - b);
      expect(jumps.typical()).toBe(sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 4)]);
    }
  });

  test("a series that sets a record at every point is decided fast (no sorting per point)", () => {
    // 20,160 points (the API's limit) alternating new highs and new lows 2.5 % past the range, all
    // far from the expected value: every point is a candidate new extreme. Sorting the held jumps at
    // each took 15 s; the sorted structure takes milliseconds.
    const n = 20_160;
    const timestamps = Float64Array.from({ length: n }, (_, i) => 1_700_000_000 + i * 60);
    const values = Float64Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * 1.05 ** (i / 2));
    const started = performance.now();
    decideSeries(
      { timestamps, values, rawScores: new Float32Array(n), deviation: new Float64Array(n).fill(10) },
      SETTINGS,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test("a drop to a fraction of a positive range's lowest value is flagged, however small a share of the range it is", () => {
    // Range 0.2..58 (a CPU idling at 0.2 % between bursts): 0 or 0.01 is a hair below it on a linear
    // scale (less than extremeTolerance of it), but far below on a log scale (an outage).
    const at = (x: number, settings: SeriesSettings = SETTINGS) =>
      decideSeries(
        input(2_000, undefined, (i) => (i === 1_500 ? x : i % 7 === 0 ? 0.2 : 10 + (i % 7) * 8), 30),
        settings,
      )[1_500];
    expect(beyondRange(0, 0.2, 58)).toBeLessThan(SETTINGS.extremeTolerance);
    expect(at(0)).toBeGreaterThanOrEqual(SETTINGS.threshold);
    expect(at(0.01)).toBeGreaterThanOrEqual(SETTINGS.threshold);
    // A quarter of the log-width below 0.2 is 0.049: 0.06 is not far enough, nor 0.19.
    expect(at(0.06)).toBeLessThan(SETTINGS.threshold);
    expect(at(0.19)).toBeLessThan(SETTINGS.threshold);
    // Without the log-scale clause the linear tolerance holds the outage back.
    expect(at(0, { ...SETTINGS, extremeLogShare: 0 })).toBeLessThan(SETTINGS.threshold);
  });

  test("a deviation record (the two-hour median deviation past every earlier one) is flagged, not a repeat of one", () => {
    // Values inside their range throughout, the scorer silent: only the deviations move.
    const withDeviation = (periods: readonly [number, number][]) => {
      const series = input(3_000);
      const deviation = Float64Array.from(series.deviation, () => 0.5);
      for (const [from, size] of periods) deviation.fill(size, from, from + 36);
      return decideSeries({ ...series, deviation }, SETTINGS);
    };
    const flags = (scores: Float32Array) => [...scores.keys()].filter((i) => scores[i] >= SETTINGS.threshold);
    // Five spreads off for three hours from point 2,000: flagged once half the two-hour window is off.
    const once = flags(withDeviation([[2_000, 5]]));
    expect(once).toHaveLength(1);
    expect(once[0]).toBeGreaterThanOrEqual(2_000);
    expect(once[0]).toBeLessThanOrEqual(2_000 + 13);
    // Below deviationRecord spreads: nothing.
    expect(flags(withDeviation([[2_000, SETTINGS.deviationRecord - 0.5]]))).toEqual([]);
    // The same five spreads two days after six: no record, so only the first is flagged.
    const twice = flags(
      withDeviation([
        [1_400, 6],
        [2_000, 5],
      ]),
    );
    expect(twice).toHaveLength(1);
    expect(twice[0]).toBeLessThan(1_500);
    // Without the rule nothing is flagged.
    expect(
      flags(
        decideSeries(
          { ...input(3_000), deviation: new Float64Array(3_000).fill(0.5).fill(5, 2_000, 2_036) },
          { ...SETTINGS, deviationRecord: 0 },
        ),
      ),
    ).toEqual([]);
  });

  test("a value stuck for flatFactor times the longest earlier run (and an hour) is flagged; a series resting at its lowest is not", () => {
    // 50..56, never the same value twice in a row; from point 1,500 stuck at 53 for four hours.
    const stuckAt = (x: number, step = 300) => {
      const series = input(2_000, undefined, (i) => (i >= 1_500 && i < 1_548 ? x : 50 + (i % 7)));
      const timestamps = Float64Array.from(series.timestamps, (_, i) => 1_700_000_000 + i * step);
      return decideSeries({ ...series, timestamps }, SETTINGS);
    };
    const flags = (scores: Float32Array) => [...scores.keys()].filter((i) => scores[i] >= SETTINGS.threshold);
    // Flagged once it has lasted flatMinS (12 points of 5 minutes).
    expect(flags(stuckAt(53))).toEqual([1_500 + SETTINGS.flatMinS / 300]);
    // At the range's minimum it is a series at rest (an idle disk at 0), not a stuck agent.
    expect(flags(stuckAt(50))).toEqual([]);
    // Hourly readings: an hour is two of them; flagged after flatMinPoints points.
    expect(flags(stuckAt(53, 3_600))).toEqual([1_500 + SETTINGS.flatMinPoints - 1]);
    // A series whose value normally holds for two hours: a four-hour run is not three times that.
    // (runs of 24 points: 23 steps of 5 minutes, 6,900 s; three times that is 69 steps).
    const steps = (hold: number) => (i: number) =>
      i >= 1_500 && i < 1_500 + hold ? 53.5 : 50 + (Math.floor(i / 24) % 7);
    const held = (hold: number) => flags(decideSeries(input(2_000, undefined, steps(hold)), SETTINGS));
    expect(held(48)).toEqual([]);
    expect(held(84)).toEqual([1_500 + (SETTINGS.flatFactor * 23 * 300) / 300]);
    expect(
      flags(
        decideSeries(
          input(2_000, undefined, (i) => (i >= 1_500 && i < 1_548 ? 53 : 50 + (i % 7))),
          { ...SETTINGS, flatFactor: 0 },
        ),
      ),
    ).toEqual([]);
  });

  test("a level halved against the same hours of the previous days is flagged once, inside the range (a seasonal shift)", () => {
    // A daily swing from 10 to 90 over eight days; the scorer silent, the deviations small: only the
    // seasonal-shift rule can flag. Day 6 from 10:00 to 18:00 (the swing's top) at `factor` times.
    const day = 288;
    const start = 6 * day + 120;
    const swing = (i: number) => 50 - 40 * Math.cos((2 * Math.PI * (i % day)) / day) + (i % 3) * 0.1;
    const shifted = (factor: number, days: readonly number[] = [6]) =>
      input(8 * day, undefined, (i) =>
        days.some((d) => i >= d * day + 120 && i < d * day + 216) ? swing(i) * factor : swing(i),
      );
    const flags = (series: ReturnType<typeof input>, settings = SETTINGS) =>
      [
        ...decideSeries(
          { ...series, deviation: new Float64Array(series.values.length).fill(0.5) },
          settings,
        ).entries(),
      ]
        .filter(([, score]) => score >= settings.threshold)
        .map(([i]) => i);
    // Halved: 45 instead of 90 at the top, inside the 10..90 range. Flagged once, within the hour in
    // which the two-hour median has crossed 1/1.5 of the previous days'.
    const halved = flags(shifted(0.5));
    expect(halved).toHaveLength(1);
    expect(halved[0]).toBeGreaterThanOrEqual(start);
    expect(halved[0]).toBeLessThan(start + 24);
    expect(Math.min(...shifted(0.5).values.slice(start, start + 96))).toBeGreaterThan(10);
    // A fifth down is not a factor of 1.5: nothing. Nor without the rule.
    expect(flags(shifted(0.8))).toEqual([]);
    expect(flags(shifted(0.5), { ...SETTINGS, shiftFactor: 0 })).toEqual([]);
    // Halved on days 2 and 4 already: day 6's halving is no further off than those, so only theirs
    // are flagged (from five days of ratios on, the highest day is set aside: one earlier halving
    // alone would not hide it, two do).
    const thrice = flags(shifted(0.5, [2, 4, 6]));
    expect(thrice).toHaveLength(2);
    expect(thrice[0]).toBeLessThan(3 * day);
    expect(thrice[1]).toBeGreaterThanOrEqual(4 * day);
    expect(thrice[1]).toBeLessThan(5 * day);
    // A clean week raises nothing.
    expect(flags(shifted(1))).toEqual([]);
  });

  test("an earlier incident does not hide a later seasonal shift: the shift record sets its highest day aside", () => {
    // A daily swing from 10 to 90 over ten days, the scorer silent, the deviations small. Day 3 from
    // 10:00 to 18:00 at three times the swing (a surge past the range: a new extreme), day 8 the same
    // hours halved (inside the range).
    const day = 288;
    const swing = (i: number) => 50 - 40 * Math.cos((2 * Math.PI * (i % day)) / day) + (i % 3) * 0.1;
    const during = (i: number, d: number) => i >= d * day + 120 && i < d * day + 216;
    const series = input(10 * day, undefined, (i) =>
      during(i, 3) ? swing(i) * 3 : during(i, 8) ? swing(i) * 0.5 : swing(i),
    );
    const ruled = (shiftSpareDays: number) =>
      [
        ...pointEvidence(
          { ...series, deviation: new Float64Array(series.values.length).fill(0.5) },
          { ...SERIES_DECISION_PARAMETERS, shiftSpareDays },
        ).extreme.entries(),
      ]
        .filter(([, x]) => x === 0.5)
        .map(([i]) => i);
    // The surge's log-ratio (about log 3) is twice the halving's (log 2) and more: as the record
    // (never set aside) it keeps day 8 silent. Set aside as the highest day, the next day's ratios
    // are small, and the halving is flagged within two hours of its start.
    expect(SERIES_DECISION_PARAMETERS.shiftSpareDays).toBe(5);
    const spared = ruled(5);
    const onDay8 = spared.filter((i) => during(i, 8));
    expect(onDay8.length).toBeGreaterThan(0);
    expect(onDay8[0]).toBeLessThan(8 * day + 144);
    expect(spared.filter((i) => i >= 4 * day && !during(i, 8))).toEqual([]);
    expect(ruled(0).filter((i) => i >= 4 * day)).toEqual([]);
  });

  test("DailyHighs holds each day's highest value over its stretch; from spareFrom days on, the highest day is set aside", () => {
    const origin = 1_000_000;
    const highs = new DailyHighs(origin, 5 * DAY_S, 4);
    expect(highs.record(origin)).toBeNaN();
    const at = (d: number, h: number) => origin + d * DAY_S + h * 3_600;
    highs.push(at(0, 1), 0.2);
    highs.push(at(0, 9), 0.5);
    highs.push(at(1, 3), 3);
    highs.push(at(2, 3), 0.4);
    // Three days: the highest of all.
    expect(highs.record(at(2, 4))).toBe(3);
    highs.push(at(3, 3), 0.7);
    // Four days: day 1's 3 set aside, day 3's 0.7 is the record.
    expect(highs.record(at(3, 4))).toBe(0.7);
    // On day 5 the stretch holds the days that began after day 0 (day 0 dropped): days 1-3 are three
    // days, so the highest counts again.
    expect(highs.record(at(5, 1))).toBe(3);
    // The latest day is never set aside: a shift still going on is not an earlier incident.
    const going = new DailyHighs(origin, 14 * DAY_S, 4);
    for (const [d, ratio] of [0.3, 0.4, 0.6, 0.5].entries()) going.push(at(d, 2), ratio);
    going.push(at(4, 2), 5);
    expect(going.record(at(4, 6))).toBe(5);
    // Once a later day holds ratios, it is the earlier incident and is set aside.
    going.push(at(5, 2), 0.2);
    expect(going.record(at(5, 6))).toBe(0.6);
    // A day with no points is no day; times past the stretch of every day leave nothing.
    expect(highs.record(at(30, 0))).toBeNaN();
    // spareFrom 0: the highest, however many days.
    const never = new DailyHighs(origin, 14 * DAY_S, 0);
    for (let d = 0; d < 10; d++) never.push(at(d, 2), d === 3 ? 9 : 1);
    expect(never.record(at(10, 0))).toBe(9);
  });

  test("a new extreme 5-15 % past the range reached in one step of 8 usual steps is flagged; a ramp to it is not", () => {
    // A smooth daily sine 44..56 (steps of about 0.13 at 5 minutes); the scorer silent and the
    // deviations at 2 spreads (below the mid-size clause's 3): only the one-step clause can flag.
    const day = 288;
    const sine = (i: number) => 50 + 6 * Math.sin((2 * Math.PI * i) / day);
    const at = 4 * day + 140;
    const flags = (value: (i: number) => number, settings = SETTINGS) => {
      const series = input(5 * day, undefined, value);
      const deviation = new Float64Array(series.values.length).fill(2);
      return [...decideSeries({ ...series, deviation }, settings).entries()]
        .filter(([, score]) => score >= settings.threshold)
        .map(([i]) => i);
    };
    const spike = (to: number) => (i: number) => (i === at ? to : sine(i));
    // 57.2 is 10 % of the 12-wide range past it, 7 above the previous reading.
    expect(flags(spike(57.2))).toEqual([at]);
    expect(flags(spike(57.2), { ...SETTINGS, extremeStepFactor: 0 })).toEqual([]);
    // 3 % past the range: below extremeStepShare.
    expect(flags(spike(56.36))).toEqual([]);
    // The same 57.2 reached over two hours, in steps of about 0.3: not a spike.
    const ramp = (i: number) =>
      i >= at - 24 && i <= at ? sine(at - 24) + ((57.2 - sine(at - 24)) * (i - at + 24)) / 24 : sine(i);
    expect(flags(ramp)).toEqual([]);
  });

  test("StepSize is the time-weighted mean absolute step, each step clipped at STEP_CLIP times it", () => {
    const steps = new StepSize();
    expect(steps.next(2, 300)).toBeNaN();
    for (let k = 0; k < 10; k++) expect(steps.next(k % 2 ? 2 : -2, 300)).toBeCloseTo(2, 12);
    // A step of 1,000 counts as 8 (STEP_CLIP x 2), weighted by the time it spans: after a half-life
    // the mean has gone halfway to it.
    steps.next(1_000, STEP_HALF_LIFE_S);
    expect(steps.next(0, 300)).toBeCloseTo(2 + (STEP_CLIP * 2 - 2) / 2, 9);
    // Off a flat start the first change is taken as it is.
    const flat = new StepSize();
    flat.next(0, 300);
    flat.next(0, 300);
    flat.next(5, STEP_HALF_LIFE_S);
    expect(flat.next(0, 300)).toBeCloseTo(2.5, 9);
  });

  test("medianInPlace is the median of the first count values", () => {
    const random = new SeededRandom(3);
    for (let trial = 0; trial < 200; trial++) {
      const count = 1 + random.nextInt(7);
      const values = Float64Array.from({ length: 9 }, () => Math.round(random.uniform(-5, 5)));
      const sorted = [...values.slice(0, count)].sort((a, b) => a - b);
      const expected = count % 2 ? sorted[(count - 1) / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
      expect(medianInPlace(values, count)).toBe(expected);
    }
  });

  test("a value just inside the tolerance is not a new extreme", () => {
    // Range 50..56; 1 % of it is 0.06; the expected value 53 with spread 0.5 puts both 6 spreads out.
    const at = (x: number) =>
      decideSeries(
        input(2_000, undefined, (i) => (i === 1_500 ? x : 50 + (i % 7)), 0.5),
        SETTINGS,
      )[1_500];
    expect(at(56.05)).toBeLessThan(SETTINGS.threshold);
    expect(at(56.07)).toBeGreaterThanOrEqual(SETTINGS.threshold);
  });
});
