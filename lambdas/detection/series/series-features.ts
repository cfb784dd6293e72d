/**
 * Causal, scale-free window features of a series: what the global scorer sees at each point.
 *
 * Every feature of point i uses points 0..i only, and every one is a ratio of the series' own
 * quantities (a z-score against its own level and spread, a distance relative to its own range),
 * so multiplying a series by any positive constant leaves the features unchanged: the model never
 * learns a unit. One pass, O(1) amortised per point (exponentially weighted statistics, two-pointer
 * look-ups of the same time yesterday and last week, monotonic deques for the last day's range).
 *
 * Time constants are in seconds of the series' own timestamps, with a floor in points so that coarse
 * series (hourly data) still average over a few points. Repeated timestamps count as one typical step.
 *
 * The daily and weekly references are robust to one odd day: the median of the same time on the last
 * three days (the mean of the last two weeks), so an incident does not become tomorrow's expectation.
 */

/** Fixed parameters of the feature extraction (docs/models.md, "Series detectors"). */
export const FEATURE_PARAMETERS = {
  /** Half-life of the fast level and spread (level shifts, variance changes), seconds / least points. */
  fastHalfLifeS: 3_600,
  fastMinPoints: 3,
  /** Half-life of the medium level and spread. */
  midHalfLifeS: 6 * 3_600,
  midMinPoints: 12,
  /** Half-life of the baseline level and spread (and of the spreads of differences and seasonal residuals). */
  slowHalfLifeS: 2 * 86_400,
  slowMinPoints: 48,
  /** Residuals beyond this many spreads are clipped before they update a level or a spread (Huber). */
  huberSpreads: 4,
  /** Season lengths, seconds. */
  dayS: 86_400,
  weekS: 7 * 86_400,
  /** The daily reference is the median of the same time on this many previous days (as far as the history goes). */
  seasonalDays: 3,
  /** The weekly reference is the mean of the same time in this many previous weeks. */
  seasonalWeeks: 2,
  /** The seasonal reference is the mean of the points within this many typical steps of t - season. */
  seasonalHalfWidthSteps: 1.5,
  /** Weight of each new positive time step in the running estimate of the typical step (log scale). */
  stepWeight: 0.05,
  /** Typical step assumed before two distinct timestamps have been seen, seconds. */
  defaultStepS: 60,
  /** Least spread, as a share of max(|baseline level|, range so far): keeps flat series finite. */
  relativeSpreadFloor: 1e-4,
  /** Features are clipped to +/- this (and stored as float32). */
  clip: 1e4,
  /** Width of the expected band, in spreads either side of the expected value. */
  bandSpreads: 3,
  /** The deviation from the expected value is clipped to +/- this many spreads before it is averaged. */
  deviationClip: 10,
  /** A point beyond this many spreads from its expected value counts as a tail point (tail_rate). */
  tailSpreads: 4,
} as const;

/** The features, in the column order of the scorer's input. */
export const FEATURE_NAMES = [
  "z_slow",
  "z_mid",
  "z_step",
  "z_day",
  "z_week",
  "day_fit",
  "week_fit",
  "shift_fast",
  "shift_fast_mid",
  "vol_fast",
  "vol_mid",
  "above_max",
  "below_min",
  "above_day_max",
  "below_day_min",
  "flat_run",
  "flat_usual",
  "cv",
  "z_expected",
  "z_expected_fast",
  "tail_rate",
] as const;

/** Number of features per point. */
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** What the extractor returns for a series of n points. */
export interface SeriesFeatures {
  /** n x FEATURE_COUNT, row-major, float32 (the scorer's input tensor). */
  readonly features: Float32Array;
  /** The value Helios expected at each point, from the past only. */
  readonly expected: Float64Array;
  /** The spread around it (expected band = expected +/- bandSpreads x spread). */
  readonly spread: Float64Array;
  /** |value - expected| / spread: how far outside (> bandSpreads) or inside the expected band a value lies. */
  readonly deviation: Float64Array;
  /** Range of the values before each point: min and max of points 0..i-1 (NaN for the first point). */
  readonly priorMin: Float64Array;
  readonly priorMax: Float64Array;
}

/** An exponentially weighted mean and variance with Huber-clipped updates. */
class EwStats {
  mean = 0;
  variance = 0;
  count = 0;

  /** Adds x with weight alpha (at least 1/count, so the first points are a plain average). */
  update(x: number, alpha: number, clipAt: number): void {
    this.count++;
    if (this.count === 1) {
      this.mean = x;
      this.variance = 0;
      return;
    }
    const a = Math.max(alpha, 1 / this.count);
    let r = x - this.mean;
    if (clipAt > 0 && Math.abs(r) > clipAt) r = r > 0 ? clipAt : -clipAt;
    this.mean += a * r;
    this.variance = (1 - a) * (this.variance + a * r * r);
  }

  get std(): number {
    return Math.sqrt(this.variance);
  }
}

/** An exponentially weighted root mean square (spread of something whose mean is 0). */
class EwRms {
  meanSquare = 0;
  count = 0;

  update(r: number, alpha: number, clipAt: number): void {
    this.count++;
    const a = Math.max(alpha, 1 / this.count);
    const c = clipAt > 0 && Math.abs(r) > clipAt ? clipAt : Math.abs(r);
    this.meanSquare += a * (c * c - this.meanSquare);
  }

  get rms(): number {
    return Math.sqrt(this.meanSquare);
  }
}

/** A running mean of a 0/1 indicator. */
class EwRate {
  rate = 0;
  count = 0;

  update(hit: boolean, alpha: number): void {
    this.count++;
    const a = Math.max(alpha, 1 / this.count);
    this.rate += a * ((hit ? 1 : 0) - this.rate);
  }
}

/** Weight of a new point for a half-life in seconds, given the time it stands for. */
function weightFor(dtS: number, halfLifeS: number): number {
  return 1 - 2 ** (-dtS / halfLifeS);
}

function clipFeature(x: number): number {
  const c = FEATURE_PARAMETERS.clip;
  if (Number.isNaN(x)) return 0;
  return x > c ? c : x < -c ? -c : x;
}

/** Sign-preserving log: keeps the order of z-scores while taming 1e4-sized ones. */
function logRatio(numerator: number, denominator: number): number {
  if (numerator <= 0 && denominator <= 0) return 0;
  if (denominator <= 0) return FEATURE_PARAMETERS.clip;
  if (numerator <= 0) return -FEATURE_PARAMETERS.clip;
  return Math.log2(numerator / denominator);
}

/**
 * The seasonal reference of a point: how far the points within a half-width of (t - season) sat from
 * their medium level, added to today's medium level (an additive seasonal decomposition, so a growing
 * series' nightly job is still predicted by last night's). Found by pointers that only move forward
 * (timestamps are non-decreasing), with prefix sums of the deviations, so a whole series costs O(n).
 */
class SeasonalReference {
  private low = 0;
  private high = 0;

  constructor(
    private readonly seasonS: number,
    private readonly timestamps: Float64Array,
    private readonly prefixSums: Float64Array,
  ) {}

  /**
   * The mean of (x_j - level_j) over points j < i with |t_j - (t_i - season)| <= halfWidth, or NaN if
   * there is none; prefixSums[j] must hold the sum of the first j deviations.
   */
  at(i: number, halfWidthS: number): number {
    const target = this.timestamps[i] - this.seasonS;
    const ts = this.timestamps;
    while (this.low < i && ts[this.low] < target - halfWidthS) this.low++;
    if (this.high < this.low) this.high = this.low;
    while (this.high < i && ts[this.high] <= target + halfWidthS) this.high++;
    const count = this.high - this.low;
    if (count <= 0) return Number.NaN;
    return (this.prefixSums[this.high] - this.prefixSums[this.low]) / count;
  }
}

/**
 * The robust seasonal offset of point i from several references (the same time 1, 2, 3... seasons
 * ago): the median of those that exist (the mean of two), or NaN when none does. `scratch` holds the
 * values (length >= references.length), so the hot loop allocates nothing.
 */
function robustOffset(
  references: readonly SeasonalReference[],
  i: number,
  halfWidthS: number,
  scratch: Float64Array,
): number {
  let count = 0;
  for (const reference of references) {
    const offset = reference.at(i, halfWidthS);
    if (!Number.isNaN(offset)) scratch[count++] = offset;
  }
  // One or two: their mean; three (the most configured): the median without sorting.
  if (count < 3) return count === 0 ? Number.NaN : (scratch[0] + scratch[count - 1]) / 2;
  const [a, b, c] = scratch;
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/**
 * Sliding maximum (or minimum, with sign -1) over the points of the last `spanS` seconds before i
 * (a monotonic deque: O(1) amortised per point). Also the decision stage's range for new extremes.
 */
export class SlidingExtreme {
  private readonly queue: Int32Array;
  private head = 0;
  private tail = 0;

  constructor(
    size: number,
    private readonly sign: 1 | -1,
    private readonly spanS: number,
    private readonly timestamps: Float64Array,
    private readonly values: Float64Array,
  ) {
    this.queue = new Int32Array(Math.max(size, 1));
  }

  /** The extreme of the points j < i with t_j > t_i - span, or NaN if there is none. */
  before(i: number): number {
    const start = this.timestamps[i] - this.spanS;
    while (this.head < this.tail && this.timestamps[this.queue[this.head]] <= start) this.head++;
    return this.head < this.tail ? this.values[this.queue[this.head]] : Number.NaN;
  }

  /** Adds point i (call after `before(i)`). */
  push(i: number): void {
    const v = this.sign * this.values[i];
    while (this.head < this.tail && this.sign * this.values[this.queue[this.tail - 1]] <= v) this.tail--;
    this.queue[this.tail++] = i;
  }
}

/**
 * The features of every point of a series, computed causally in one pass.
 * `timestamps` are epoch seconds, non-decreasing (a step back is treated as a repeat); `values` finite.
 */
export function extractSeriesFeatures(timestamps: Float64Array, values: Float64Array): SeriesFeatures {
  const p = FEATURE_PARAMETERS;
  const n = values.length;
  const features = new Float32Array(n * FEATURE_COUNT);
  const expected = new Float64Array(n);
  const spread = new Float64Array(n);
  const deviation = new Float64Array(n);
  const priorMin = new Float64Array(n);
  const priorMax = new Float64Array(n);

  // Prefix sums of each point's deviation from its medium level (filled as the pass goes).
  const prefixSums = new Float64Array(n + 1);
  const references = (seasonS: number, count: number) =>
    Array.from({ length: count }, (_, k) => new SeasonalReference((k + 1) * seasonS, timestamps, prefixSums));
  const dayRefs = references(p.dayS, p.seasonalDays);
  const weekRefs = references(p.weekS, p.seasonalWeeks);
  const scratch = new Float64Array(Math.max(p.seasonalDays, p.seasonalWeeks));
  const dayMax = new SlidingExtreme(n, 1, p.dayS, timestamps, values);
  const dayMin = new SlidingExtreme(n, -1, p.dayS, timestamps, values);

  const fast = new EwStats();
  const mid = new EwStats();
  const slow = new EwStats();
  const stepSpread = new EwRms();
  const daySpread = new EwRms();
  const weekSpread = new EwRms();
  const repeats = new EwRate();
  const tails = new EwRate();
  // Fast mean of the clipped signed deviation: a sustained departure from the expected value.
  const deviationFast = new EwStats();

  let logStep = Math.log(p.defaultStepS);
  let sawStep = false;
  // Regular series repeat the same step: the logarithm, the step estimate and the three weights are
  // only recomputed when their inputs change (bit-identical to recomputing them every time).
  let lastDtRaw = Number.NaN;
  let lastLogDt = 0;
  let lastLogStep = Number.NaN;
  let step: number = p.defaultStepS;
  let lastDt = Number.NaN;
  let aFast = 0;
  let aMid = 0;
  let aSlow = 0;
  let min = Number.NaN;
  let max = Number.NaN;
  let previous = Number.NaN;
  let run = 0;

  for (let i = 0; i < n; i++) {
    const x = values[i];
    const dtRaw = i > 0 ? timestamps[i] - timestamps[i - 1] : 0;
    if (dtRaw > 0) {
      if (dtRaw !== lastDtRaw) {
        lastDtRaw = dtRaw;
        lastLogDt = Math.log(dtRaw);
      }
      logStep = sawStep ? logStep + p.stepWeight * (lastLogDt - logStep) : lastLogDt;
      sawStep = true;
    }
    let stepChanged = false;
    if (logStep !== lastLogStep) {
      lastLogStep = logStep;
      step = Math.exp(logStep);
      stepChanged = true;
    }
    const dt = dtRaw > 0 ? dtRaw : step;
    if (stepChanged || dt !== lastDt) {
      lastDt = dt;
      aFast = weightFor(dt, Math.max(p.fastHalfLifeS, p.fastMinPoints * step));
      aMid = weightFor(dt, Math.max(p.midHalfLifeS, p.midMinPoints * step));
      aSlow = weightFor(dt, Math.max(p.slowHalfLifeS, p.slowMinPoints * step));
    }

    const range = max - min;
    const scale = Math.max(Math.abs(slow.mean), range > 0 ? range : 0);
    const floor = p.relativeSpreadFloor * scale + 1e-12;
    const slowStd = Math.max(slow.std, floor);
    const midStd = Math.max(mid.std, floor);
    const stepStd = Math.max(stepSpread.rms, floor);
    const halfWidth = p.seasonalHalfWidthSteps * step;
    const seen = i > 0;
    const level = seen ? mid.mean : x;
    const dayOffset = robustOffset(dayRefs, i, halfWidth, scratch);
    const weekOffset = robustOffset(weekRefs, i, halfWidth, scratch);
    const day = level + dayOffset;
    const week = level + weekOffset;
    const dayStd = Math.max(daySpread.rms, floor);
    const weekStd = Math.max(weekSpread.rms, floor);
    const recentMax = dayMax.before(i);
    const recentMin = dayMin.before(i);

    // Expected value and spread: the seasonal reference when it has explained the series better
    // than the plain baseline, else the medium level.
    let expect = seen ? mid.mean : x;
    let expectSpread = seen ? midStd : 0;
    if (!Number.isNaN(week) && weekSpread.count > 0 && weekStd < Math.min(dayStd, midStd)) {
      expect = week;
      expectSpread = weekStd;
    } else if (!Number.isNaN(day) && daySpread.count > 0 && dayStd < midStd) {
      expect = day;
      expectSpread = dayStd;
    }
    expected[i] = expect;
    spread[i] = expectSpread;
    deviation[i] = expectSpread > 0 ? Math.abs(x - expect) / expectSpread : 0;
    priorMin[i] = min;
    priorMax[i] = max;

    // Fast statistics include the current point: they measure how the last hour differs from normal.
    fast.update(x, aFast, 0);
    const equal = seen && (x === previous || Math.abs(x - previous) <= 1e-12 * Math.abs(previous));
    run = equal ? run + 1 : 0;

    const o = i * FEATURE_COUNT;
    if (seen) {
      const dev = x - slow.mean;
      features[o] = clipFeature(dev / slowStd);
      features[o + 1] = clipFeature((x - mid.mean) / midStd);
      features[o + 2] = clipFeature((x - previous) / stepStd);
      features[o + 3] = Number.isNaN(day) || daySpread.count === 0 ? 0 : clipFeature((x - day) / dayStd);
      features[o + 4] = Number.isNaN(week) || weekSpread.count === 0 ? 0 : clipFeature((x - week) / weekStd);
      features[o + 5] = daySpread.count === 0 ? 0 : clipFeature(logRatio(dayStd, slowStd));
      features[o + 6] = weekSpread.count === 0 ? 0 : clipFeature(logRatio(weekStd, slowStd));
      features[o + 7] = clipFeature((fast.mean - slow.mean) / slowStd);
      features[o + 8] = clipFeature((fast.mean - mid.mean) / midStd);
      features[o + 9] = clipFeature(logRatio(Math.max(fast.std, floor), slowStd));
      features[o + 10] = clipFeature(logRatio(midStd, slowStd));
      const rangeFloor = range > 0 ? range : floor;
      features[o + 11] = clipFeature(Math.max(0, x - max) / rangeFloor);
      features[o + 12] = clipFeature(Math.max(0, min - x) / rangeFloor);
      if (!Number.isNaN(recentMax)) {
        const recentRange = Math.max(recentMax - recentMin, floor);
        features[o + 13] = clipFeature(Math.max(0, x - recentMax) / recentRange);
        features[o + 14] = clipFeature(Math.max(0, recentMin - x) / recentRange);
      }
      features[o + 15] = Math.log2(1 + run);
      features[o + 16] = repeats.rate;
      features[o + 17] = clipFeature(logRatio(slowStd, Math.abs(slow.mean) + floor));
      const signed = expectSpread > 0 ? (x - expect) / expectSpread : 0;
      const clipped = Math.max(-p.deviationClip, Math.min(p.deviationClip, signed));
      deviationFast.update(clipped, aFast, 0);
      features[o + 18] = clipFeature(signed);
      features[o + 19] = clipFeature(deviationFast.mean);
      features[o + 20] = tails.rate;
      tails.update(Math.abs(signed) > p.tailSpreads, aSlow);
    }

    // Update the statistics with the current point.
    const clipSlow = slow.count > 1 ? p.huberSpreads * slowStd : 0;
    const clipMid = mid.count > 1 ? p.huberSpreads * midStd : 0;
    if (seen) {
      stepSpread.update(x - previous, aSlow, stepSpread.count > 1 ? p.huberSpreads * stepStd : 0);
      repeats.update(equal, aSlow);
      if (!Number.isNaN(day))
        daySpread.update(x - day, aSlow, daySpread.count > 1 ? p.huberSpreads * dayStd : 0);
      if (!Number.isNaN(week))
        weekSpread.update(x - week, aSlow, weekSpread.count > 1 ? p.huberSpreads * weekStd : 0);
    }
    mid.update(x, aMid, clipMid);
    slow.update(x, aSlow, clipSlow);
    dayMax.push(i);
    dayMin.push(i);
    if (!(x >= min)) min = x;
    if (!(x <= max)) max = x;
    previous = x;
    prefixSums[i + 1] = prefixSums[i] + (x - level);
  }
  return { features, expected, spread, deviation, priorMin, priorMax };
}
