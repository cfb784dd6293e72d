import {
  ALARM_LEVEL,
  anomalyLikelihoods,
  gaussianStepsScores,
  QUIET_CAP,
  quietAfterAlarms,
  windowedGaussianScores,
} from "../../scripts/nab-gaussian-steps";

/** A deterministic five-minute series: a daily sine plus bounded noise from a small LCG, so it never leaves its first day's range by 1 %. */
function dailySeries(rows: number): { timestamps: Float64Array; values: Float64Array } {
  const timestamps = new Float64Array(rows);
  const values = new Float64Array(rows);
  let state = 12345;
  for (let i = 0; i < rows; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    timestamps[i] = 1_700_000_000 + 300 * i;
    values[i] = 50 + 20 * Math.sin((2 * Math.PI * i) / 288) + 4 * (state / 2147483648 - 0.5);
  }
  return { timestamps, values };
}

describe("windowed Gaussian with likelihood and new extremes (NAB yardstick)", () => {
  it("raw score: 1 − Q(|z|) against the earlier values, 0 on the first row", () => {
    // row 1: window [1] has std 0 → 1e-6, so 3 is far out; row 2: window [1, 3], mean 2, std 1
    const scores = windowedGaussianScores([1, 3, 2, 2 + 1.959963984540054]);
    expect(scores[0]).toBe(0);
    expect(scores[1]).toBe(1);
    expect(scores[2]).toBe(0.5);
    // row 3: window [1, 3, 2], mean 2, std sqrt(2/3); |z| = 1.96 / 0.8165 = 2.4005, Q(2.4005) = 0.0081873
    expect(scores[3]).toBeCloseTo(0.9918127, 6);
  });

  it("likelihood: 0.5 through the 388-row probation, then one red row per run of red evidence", () => {
    const rows = 1000;
    const values = Float64Array.from({ length: rows + 20 }, (_, i) => i % 7);
    const raw = Float64Array.from({ length: rows + 20 }, (_, i) =>
      i < rows ? 0.5 + (0.1 * ((i * 37) % 11)) / 10 : 1,
    );
    const likelihood = anomalyLikelihoods(values, raw);
    expect(Array.from(likelihood.subarray(0, 388)).every((l) => l === 0.5)).toBe(true);
    expect(Math.max(...likelihood.subarray(388, rows))).toBeLessThan(ALARM_LEVEL);
    const firstRed = likelihood.findIndex((l) => l >= ALARM_LEVEL);
    expect(firstRed).toBeGreaterThanOrEqual(rows);
    expect(firstRed).toBeLessThan(rows + 10);
    // every later row of the same run is reported at Numenta's yellow level, 0.999
    expect(likelihood[firstRed + 1]).toBeCloseTo(0.999, 12);
    expect(likelihood[rows + 19]).toBeCloseTo(0.999, 12);
  });

  it("a normal daily series stays below the alarm level once its range is known", () => {
    const { timestamps, values } = dailySeries(4032);
    const scores = gaussianStepsScores(timestamps, values);
    expect(Math.max(...scores.subarray(288))).toBeLessThan(ALARM_LEVEL);
  });

  it("a value leaving the range by more than 1 % of it scores exactly 1", () => {
    const { timestamps, values } = dailySeries(2000);
    const max = Math.max(...values.subarray(0, 1500));
    const min = Math.min(...values.subarray(0, 1500));
    values[1500] = max + 0.02 * (max - min); // 2 % above the range
    values[1700] = max + 0.005 * (max - min); // 0.5 %: not a new extreme by the rule
    const scores = gaussianStepsScores(timestamps, values);
    expect(scores[1500]).toBe(1);
    expect(scores[1700]).toBeLessThan(1);
  });

  it("is causal: the scores of a prefix equal the full run's", () => {
    const { timestamps, values } = dailySeries(3000);
    values[2000] = 200;
    values[2500] = -100;
    const full = gaussianStepsScores(timestamps, values, 60);
    for (const n of [400, 1000, 2001, 2600]) {
      const prefix = gaussianStepsScores(timestamps.subarray(0, n), values.subarray(0, n), 60);
      expect(Array.from(prefix)).toEqual(Array.from(full.subarray(0, n)));
    }
  });

  it("quiet period: rows within the minutes after an alarm are capped below the alarm level", () => {
    const timestamps = [0, 300, 3600, 3900, 7500];
    const scores = Float64Array.from([1, 1, 0.9999999, 1, 1]);
    // alarm at 0 s quiets up to 3,600 s; 3,900 s is a new alarm, which quiets 7,500 s
    expect(Array.from(quietAfterAlarms(timestamps, scores, 60))).toEqual([
      1,
      QUIET_CAP,
      QUIET_CAP,
      1,
      QUIET_CAP,
    ]);
  });
});
