/**
 * From the scorer's raw per-point scores to a decision per point, for one series, causally:
 *
 * 1. evidence: the mean raw score (the scorer's probability) of the points of the last `averageS` seconds (at least
 *    the last `averageMinPoints` points);
 * 2. anomaly likelihood: how far that evidence is above the series' own recent evidence (mean and
 *    spread of its last `historyPoints` values, spread at least `minSpread`), as L = -log10 of the
 *    normal tail probability; score = L / (L + likelihoodScale), so a tail of 1e-5 scores 0.5 at
 *    scale 5. A series that is always a little odd thus has to get odder than usual to be flagged;
 * 3. new extreme: a value beyond the range of the values of the last `extremeRangeS` seconds before
 *    it (two weeks: an old outlier stops widening the range once it is that old) by more than
 *    `extremeTolerance` of that range, and at least `extremeMinDeviation` spreads away from the value
 *    expected there (its best baseline: the medium level, or the same time of the last days or weeks,
 *    each following the level), scores at least the threshold (once that stretch holds
 *    `extremeWarmupPoints` points over `extremeWarmupS`, so the range is also rebuilt after a gap
 *    longer than `extremeRangeS`). The second condition spares slow trends, noise that sets a record
 *    by a hair, and nightly jobs on a growing series, which the past predicts.
 *    A value beyond the range by `extremeLargeShare` of it or more needs no second condition: on a
 *    series that switches between plateaus (idle and busy CPU) the expected value sits between them
 *    with a wide spread, and a jump far past the busy plateau would otherwise wait for the likelihood.
 *    One beyond it by `extremeMidShare` needs `extremeMidDeviation` spreads only: a spike at the daily
 *    peak that sets a record by a sixth of the range stands a few (daily-swing-sized) spreads from
 *    the expected peak; noise that sets a record by a hair, and a growing disk's small daily records,
 *    are neither so far past the range nor so far from the expected value.
 *    Nor does one beyond it by `extremeStepShare` reached in one step of `extremeStepFactor` times the
 *    series' usual step (`StepSize`) or more: a spike at the daily peak, a few (daily-swing-sized)
 *    spreads from the expected peak, comes from one reading to the next; noise that sets a record,
 *    a trend and a busy hour's rise get there in steps of the usual size.
 *    Nor does a drop below a range of positive values by `extremeLogShare` of its width on a log scale
 *    (`logBelowRange`): traffic with a daily swing from 1,100 to 20,000 requests that falls to 10 is
 *    only 6 % of the range below its minimum and a few (daily-swing-sized) spreads from the expected
 *    value, yet a hundredth of the lowest value it has had: an outage. Such a drop also passes the
 *    tolerance: a CPU idling at 0.2 % between bursts to 58 % that falls to 0 is a third of a percent
 *    of the range below it, and an outage all the same.
 *    Either way the value must also go past the range by more than `extremeJumpFactor` times the lower
 *    quartile of the series' own record jumps in that direction over the same stretch (how far past
 *    their range its earlier records went): records are normal on a heavy-tailed, bursty series, and
 *    go past the range by a large share each time, so only a record well past those is unusual there.
 *    A recurring record is not flagged either: a new extreme within `recurringWindowS` of the same
 *    time of day as a value beyond the range (same direction) on each of the previous `recurringDays`
 *    days is a daily pattern on a growing series (a nightly job or backup setting a record each
 *    night), unless it is a large new extreme or goes past the range by more than `recurringMargin`
 *    times the largest share of the previous day's matching records;
 *    A level record scores like a new extreme: the median of the last `levelS` seconds (at least
 *    `levelMinPoints` points) beyond the range of the earlier such medians of the same stretch by at
 *    least `levelShare` of it (after the same warm-up). On a spiky series (an auto-scaling group's CPU
 *    at 30 % with hourly bursts to 100 %) the spikes widen both the spread and the range, so a baseline
 *    that doubles for good sets no new extreme and is a few spreads only; its median does leave
 *    everything its medians did. Requiring a large share spares trends, whose median sets a record by
 *    a hair at each step; the median's own range widens as it moves, so one shift is flagged once.
 *    A deviation record scores like one too: the median of the points' deviations (|value - expected|
 *    / spread) over the same window at least `deviationRecord` spreads, and above every such median
 *    of the stretch. A shift inside the usual range (a release that makes every request dearer) keeps
 *    the values a few spreads off what the same hour has held; requiring a record spares series whose
 *    expected band is often that far off for hours (idle and busy plateaus in turn).
 *    So does a seasonal shift: the level (the same median) at least `shiftFactor` times, or at most
 *    1 / `shiftFactor` of, the median of the levels at the same time of day on the previous `shiftDays`
 *    days, on a log scale `shiftRecord` times further off than the ratios of the stretch (from
 *    `shiftSpareDays` days of them on, the highest day's are set aside). A release or a lost
 *    partner that halves the traffic at noon leaves it inside the range the nights span, and a few
 *    (daily-swing-sized) spreads from the expected value; against the same hours of the last days it
 *    is a factor of two. Requiring a record well past the earlier ratios spares series whose days
 *    differ that much anyway (weekends, batch days: two or more days of such ratios); setting the
 *    highest day aside keeps one earlier incident (a surge, an outage) from hiding a later shift.
 *    Both levels get `SHIFT_FLOOR_SHARE` of the range added, so a mostly-idle series' hours at 0 and
 *    0.1 are not a ratio of infinity.
 *    So does a flat line: a run of one repeated value lasting `flatMinS` seconds and `flatMinPoints`
 *    points, and `flatFactor` times the longest run of the stretch before it began (a stuck agent or
 *    exporter), unless the value is the range's minimum (an idle disk resting at 0 is not stuck);
 * 4. red filter: a point right after a flagged point is not flagged again (Numenta's filter);
 * 5. quiet period: nothing is flagged within `quietS` seconds after a flagged point, nor while the
 *    incident holds: until `quietS` after the last point whose likelihood score is still at least
 *    `holdShare` of the threshold. While the evidence that raised a flag stays raised, a new extreme
 *    or a likelihood back over the threshold is the same incident (a level shift for good, a noisier
 *    service: one alert, not one now and another hours later); once it has settled for `quietS`,
 *    anything new is a new incident.
 * Suppressed points keep their score capped just below the threshold. Scores are float32 values, so
 * `score >= threshold` reads the same in JSON as here.
 */
import { SlidingExtreme } from "./series-features";
import type { SeriesDecisionParameters, SeriesSettings } from "./series-settings";
import { SortedValues } from "./sorted-values";
import { log10NormalTail } from "./tail-probability";

/** The per-point inputs of the decision. */
export interface DecisionInput {
  /** Epoch seconds, non-decreasing. */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** The scorer's raw score (a probability) per point. */
  readonly rawScores: Float32Array;
  /** |value - expected| / spread at each point (series-features.ts). */
  readonly deviation: Float64Array;
}

/** The largest float32 strictly below x (x a positive float32). */
export function float32Below(x: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x);
  view.setUint32(0, view.getUint32(0) - 1);
  return view.getFloat32(0);
}

/** The likelihood score of an evidence value against a history's mean and spread. */
export function likelihoodScore(evidence: number, mean: number, spread: number, scale: number): number {
  const tail = -log10NormalTail((evidence - mean) / spread);
  const l = tail > 0 ? tail : 0;
  return l / (l + scale);
}

/** How far x lies beyond [min, max], as a share of max - min (0 inside; Infinity off a flat history). */
export function beyondRange(x: number, min: number, max: number): number {
  const excess = Math.max(x - max, min - x, 0);
  if (excess === 0) return 0;
  const range = max - min;
  return range > 0 ? excess / range : Number.POSITIVE_INFINITY;
}

/**
 * How far x lies below [min, max] on a log scale, as a share of the range's log-width (0 when not
 * below, or when min is not positive; Infinity for x <= 0 below a positive range, or a flat one).
 */
export function logBelowRange(x: number, min: number, max: number): number {
  if (!(min > 0) || x >= min) return 0;
  if (x <= 0) return Number.POSITIVE_INFINITY;
  const width = Math.log(max) - Math.log(min);
  const below = Math.log(min) - Math.log(x);
  return width > 0 ? below / width : Number.POSITIVE_INFINITY;
}

/** The share a deviation record, a seasonal shift or a flat line scores as (halfway from the threshold to 1). */
const RULE_SHARE = 0.5;

/** A seasonal shift compares levels plus this share of the 14-day range (see pointEvidence). */
export const SHIFT_FLOOR_SHARE = 0.01;

/** A level of a previous day counts as the same time of day when it is at most this many seconds earlier. */
export const SAME_TIME_S = 1_800;

/**
 * The highest value of each day (days counted from a series' first point) over the days that began
 * within a sliding stretch, and the record those days set: the highest, or from `spareFrom` days on
 * (0: never) the second highest (the single highest day set aside; fewer days: one incident is most
 * of the history). The latest day held is never set aside: a shift that is still going on would
 * otherwise be set aside as an earlier incident and flagged again as a new one (a level shift for
 * good, flagged at its start and again hours later). Days arrive in order; at most a stretch of
 * them is held, so a record is O(days in the stretch).
 */
export class DailyHighs {
  private readonly days: number[] = [];
  private readonly highs: number[] = [];

  constructor(
    private readonly origin: number,
    private readonly stretchS: number,
    private readonly spareFrom: number,
  ) {}

  /** Takes value x at time t (times never decrease). */
  push(t: number, x: number): void {
    const day = Math.floor((t - this.origin) / DAY_S);
    const last = this.days.length - 1;
    if (last >= 0 && this.days[last] === day) {
      if (x > this.highs[last]) this.highs[last] = x;
    } else {
      this.days.push(day);
      this.highs.push(x);
    }
  }

  /** The record of the days that began after t - stretchS (NaN without any). */
  record(t: number): number {
    const first = Math.floor((t - this.stretchS - this.origin) / DAY_S) + 1;
    let drop = 0;
    while (drop < this.days.length && this.days[drop] < first) drop++;
    if (drop > 0) {
      this.days.splice(0, drop);
      this.highs.splice(0, drop);
    }
    let highest = Number.NaN;
    let second = Number.NaN;
    let highestAt = -1;
    this.highs.forEach((x, k) => {
      if (!(x <= highest)) {
        second = highest;
        highest = x;
        highestAt = k;
      } else if (!(x <= second)) second = x;
    });
    const spare =
      this.spareFrom >= 2 && this.highs.length >= this.spareFrom && highestAt < this.highs.length - 1;
    return spare ? second : highest;
  }
}

/** The median of values[0..count) (count >= 1); sorts that part of the array in place. */
export function medianInPlace(values: Float64Array, count: number): number {
  // Insertion sort: count is a few days at most.
  for (let i = 1; i < count; i++) {
    const x = values[i];
    let j = i - 1;
    while (j >= 0 && values[j] > x) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = x;
  }
  const half = count >> 1;
  return count % 2 === 1 ? values[half] : (values[half - 1] + values[half]) / 2;
}

/** Half-life of the usual step's weighted mean, seconds (a day: a day's pattern of steps counts). */
export const STEP_HALF_LIFE_S = 86_400;

/** A change between neighbours updates the usual step clipped at this many times it (a spike does not make spikes usual). */
export const STEP_CLIP = 4;

/**
 * A series' usual step: the mean absolute change between neighbouring points, exponentially
 * weighted by time (half-life STEP_HALF_LIFE_S), each change clipped at STEP_CLIP times the mean.
 */
export class StepSize {
  private mean = Number.NaN;
  // The weight of the last time step, kept: a series' steps are mostly one and the same.
  private lastDt = Number.NaN;
  private weight = 0;

  /** The usual step before this change (NaN before the first), then takes the change into account. */
  next(change: number, dt: number): number {
    const before = this.mean;
    const size = Math.abs(change);
    if (Number.isNaN(before)) this.mean = size;
    else {
      if (dt !== this.lastDt) {
        this.lastDt = dt;
        this.weight = 1 - 0.5 ** (Math.max(dt, 1) / STEP_HALF_LIFE_S);
      }
      const weight = this.weight;
      // Off a flat stretch (a usual step of 0) nothing clips: the first change is taken as it is.
      const clipped = before > 0 ? Math.min(size, STEP_CLIP * before) : size;
      this.mean = before + weight * (clipped - before);
    }
    return before;
  }
}

/** Which of the held record jumps `RecordJumps.typical` returns: the lower quartile. */
export const RECORD_JUMP_QUANTILE = 0.25;

/**
 * The record jumps of a series in one direction (how far past its range each value beyond it went,
 * as a share of that range) over a sliding stretch of time; `typical` is their lower quartile (0
 * without any). On a series with a light tail records go past the range by a hair; on a bursty one
 * (Pareto request bursts, a mostly-zero series with lognormal bursts) by a large share each time.
 */
export class RecordJumps {
  // The jumps in time order (a queue: `from` is its head) and the same jumps sorted, so that the
  // quartile is read in O(1) and each jump is inserted and removed once (a series that sets a record
  // at every point stays fast).
  private readonly times: number[] = [];
  private readonly shares: number[] = [];
  private from = 0;
  private readonly sorted = new SortedValues();

  /** Drops the jumps at or before `since`. */
  forget(since: number): void {
    while (this.from < this.times.length && this.times[this.from] <= since) {
      this.sorted.remove(this.shares[this.from]);
      this.from++;
    }
    if (this.from > 1_024 && this.from * 2 > this.times.length) {
      this.times.splice(0, this.from);
      this.shares.splice(0, this.from);
      this.from = 0;
    }
  }

  push(t: number, share: number): void {
    this.times.push(t);
    this.shares.push(share);
    this.sorted.add(share);
  }

  /** The lower quartile of the record jumps held (the k-th smallest, k = floor(count / 4)), 0 without any. */
  typical(): number {
    const count = this.sorted.size;
    return count === 0 ? 0 : this.sorted.at(Math.floor(count * RECORD_JUMP_QUANTILE));
  }
}

/** A day in seconds: recurring records are matched at the same time of the previous days. */
export const DAY_S = 86_400;

/**
 * The values beyond the range in one direction (their times and shares), and for each of the
 * previous `days` days a sliding window of them around the same time of day, with its largest share
 * (a monotonic deque). The times asked about never decrease, so both ends of every window only move
 * forward: each record enters and leaves each window once (O(1) amortised per point).
 */
export class RecurringRecords {
  private readonly times: Float64Array;
  private readonly shares: Float64Array;
  private count = 0;
  private readonly next: number[] = [];
  private readonly deques: number[][] = [];
  private readonly heads: number[] = [];

  constructor(
    capacity: number,
    private readonly days: number,
    private readonly windowS: number,
  ) {
    this.times = new Float64Array(capacity);
    this.shares = new Float64Array(capacity);
    for (let k = 0; k < days; k++) {
      this.next.push(0);
      this.deques.push([]);
      this.heads.push(0);
    }
  }

  push(t: number, share: number): void {
    this.times[this.count] = t;
    this.shares[this.count] = share;
    this.count++;
  }

  /**
   * The largest share of the records within windowS of t minus one day, if there was such a record on
   * each of the previous `days` days around the same time of day; -1 otherwise (or with days 0).
   */
  previous(t: number): number {
    let first = -1;
    for (let k = 0; k < this.days; k++) {
      const centre = t - (k + 1) * DAY_S;
      const deque = this.deques[k];
      while (this.next[k] < this.count && this.times[this.next[k]] <= centre + this.windowS) {
        const j = this.next[k]++;
        while (deque.length > this.heads[k] && this.shares[deque[deque.length - 1]] <= this.shares[j])
          deque.pop();
        deque.push(j);
      }
      while (deque.length > this.heads[k] && this.times[deque[this.heads[k]]] < centre - this.windowS)
        this.heads[k]++;
      if (this.heads[k] > 1_024 && this.heads[k] * 2 > deque.length) {
        deque.splice(0, this.heads[k]);
        this.heads[k] = 0;
      }
      if (deque.length === this.heads[k]) return -1;
      if (k === 0) first = this.shares[deque[this.heads[k]]];
    }
    return first;
  }
}

/**
 * Seasonal shifts of one series: at each point, |log| of the ratio of its level (the two-hour median)
 * to the median of the levels at the same time of day on the previous `shiftDays` days (both plus
 * SHIFT_FLOOR_SHARE of the range), and whether that ratio is a shift: at least log(shiftFactor) and
 * more than `shiftRecord` times the record of the ratios of the last `extremeRangeS` seconds up to
 * `levelS` before the point (the levels of the last levelS share its points, so a shift that builds
 * up over the window would otherwise only ever be a hair past its own last value; the record is
 * `DailyHighs`' with shiftSpareDays), once a day of ratios is held (on the first day with a
 * previous one, every ratio would be a record). Points are asked about in order, each once;
 * O(shiftDays + days in the stretch) per point.
 */
export class SeasonalShifts {
  private readonly ratios: Float64Array;
  private readonly highs: DailyHighs;
  private held = 0;
  private firstAt = Number.NaN;
  /** For each previous day, the last point at or before the same time that day. */
  private readonly sameTime: Int32Array;
  private readonly references: Float64Array;
  private readonly least: number;

  constructor(
    n: number,
    private readonly timestamps: Float64Array,
    private readonly levels: Float64Array,
    private readonly settings: SeriesDecisionParameters,
  ) {
    this.ratios = new Float64Array(n);
    this.highs = new DailyHighs(n > 0 ? timestamps[0] : 0, settings.extremeRangeS, settings.shiftSpareDays);
    this.sameTime = new Int32Array(settings.shiftDays);
    this.references = new Float64Array(settings.shiftDays);
    this.least = Math.log(settings.shiftFactor);
  }

  /** Whether point i is a seasonal shift, given the range [low, high] before it and the warm-up. */
  shifted(i: number, low: number, high: number, warm: boolean): boolean {
    const { timestamps, settings } = this;
    while (this.held < i && timestamps[this.held] <= timestamps[i] - settings.levelS) {
      this.highs.push(timestamps[this.held], this.ratios[this.held]);
      this.held++;
    }
    let count = 0;
    for (let k = 0; k < settings.shiftDays; k++) {
      const then = timestamps[i] - (k + 1) * DAY_S;
      let j = this.sameTime[k];
      while (j + 1 < i && timestamps[j + 1] <= then) j++;
      this.sameTime[k] = j;
      if (timestamps[j] <= then && then - timestamps[j] <= SAME_TIME_S)
        this.references[count++] = this.levels[j];
    }
    if (count === 0 || Number.isNaN(low)) return false;
    const floor = SHIFT_FLOOR_SHARE * (high - low) + Number.MIN_VALUE;
    const reference = Math.max(medianInPlace(this.references, count), 0) + floor;
    const ratio = Math.abs(Math.log((Math.max(this.levels[i], 0) + floor) / reference));
    this.ratios[i] = ratio;
    if (Number.isNaN(this.firstAt)) this.firstAt = timestamps[i];
    return (
      warm &&
      timestamps[i] - this.firstAt >= DAY_S &&
      ratio >= this.least &&
      !(ratio <= settings.shiftRecord * this.highs.record(timestamps[i]))
    );
  }
}

/** What the decision needs of each point before a threshold is applied. */
export interface PointEvidence {
  /** The likelihood score (0..1) of the point's evidence against the series' own history. */
  readonly likelihood: Float64Array;
  /** For a new extreme that passes its gates, how far beyond the range (share in (0, 1]); else 0. */
  readonly extreme: Float64Array;
}

/** Steps 1 to 3 for every point: everything that does not depend on the threshold. */
export function pointEvidence(input: DecisionInput, settings: SeriesDecisionParameters): PointEvidence {
  const { timestamps, values, rawScores, deviation } = input;
  const n = values.length;
  const likelihood = new Float64Array(n);
  const extreme = new Float64Array(n);
  const evidence = new Float64Array(n);
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + rawScores[i];
  const H = settings.historyPoints;
  let from = 0;
  let sum = 0;
  let sumSquares = 0;
  let count = 0;
  // The range new extremes are measured against: the values of the last extremeRangeS seconds.
  const rangeMax = new SlidingExtreme(n, 1, settings.extremeRangeS, timestamps, values);
  const rangeMin = new SlidingExtreme(n, -1, settings.extremeRangeS, timestamps, values);
  // The first point of that stretch: the warm-up counts the points and time inside it, so after a gap
  // longer than extremeRangeS the range is rebuilt before anything is measured against it.
  let rangeFrom = 0;
  // The record jumps of the range's stretch, above and below: how far past its range each record went
  // (a share of that range), with its time; a new extreme must go further than these usually did.
  const jumps = [new RecordJumps(), new RecordJumps()];
  // The values beyond the range, above and below, by time: a new extreme at the time of day of one on
  // each of the last recurringDays days is a daily pattern on a growing series (a nightly job).
  const recurring = [0, 1].map(
    () => new RecurringRecords(n, settings.recurringDays, settings.recurringWindowS),
  );
  // The level: the median of the last levelS seconds (at least levelMinPoints points), and the range
  // of its earlier values over the same stretch as the values' range.
  const levels = new Float64Array(n);
  const level = new SortedValues();
  let levelFrom = 0;
  const levelMax = new SlidingExtreme(n, 1, settings.extremeRangeS, timestamps, levels);
  const levelMin = new SlidingExtreme(n, -1, settings.extremeRangeS, timestamps, levels);
  // The median deviation over the same window, and the largest of its earlier values over the stretch.
  const deviationLevels = new Float64Array(n);
  const deviationLevel = new SortedValues();
  const deviationMax = new SlidingExtreme(n, 1, settings.extremeRangeS, timestamps, deviationLevels);
  // Runs of one repeated value: how long the run ending at each point has lasted, and the longest run
  // of the stretch before the current run started.
  const runs = new Float64Array(n);
  const runMax = new SlidingExtreme(n, 1, settings.extremeRangeS, timestamps, runs);
  let runStart = 0;
  let longestBefore = 0;
  // Seasonal shifts: the two-hour level against the same hours of the previous days.
  const seasonal = settings.shiftFactor > 0 ? new SeasonalShifts(n, timestamps, levels, settings) : undefined;
  // The usual step, to tell a spike (a record reached in one step far beyond it) from noise.
  const steps = new StepSize();
  for (let i = 0; i < n; i++) {
    const step = i > 0 ? Math.abs(values[i] - values[i - 1]) : 0;
    const usualStep = i > 0 ? steps.next(step, timestamps[i] - timestamps[i - 1]) : Number.NaN;
    if (i > 0 && values[i] !== values[i - 1]) {
      runStart = i;
      const longest = runMax.before(i);
      longestBefore = Number.isNaN(longest) ? 0 : longest;
    }
    runs[i] = timestamps[i] - timestamps[runStart];
    level.add(values[i]);
    deviationLevel.add(deviation[i]);
    while (
      i + 1 - levelFrom > settings.levelMinPoints &&
      timestamps[levelFrom] <= timestamps[i] - settings.levelS
    ) {
      deviationLevel.remove(deviation[levelFrom]);
      level.remove(values[levelFrom++]);
    }
    levels[i] = level.median();
    deviationLevels[i] = deviationLevel.median();
    // The window starts at the first point within averageS, or earlier to hold averageMinPoints;
    // both bounds only move forward, so `from` does too.
    while (timestamps[from] <= timestamps[i] - settings.averageS) from++;
    const start = Math.max(0, Math.min(from, i + 1 - settings.averageMinPoints));
    const e = (prefix[i + 1] - prefix[start]) / (i + 1 - start);
    if (count >= settings.learningPoints) {
      const mean = sum / count;
      const variance = Math.max(sumSquares / count - mean * mean, 0);
      likelihood[i] = likelihoodScore(
        e,
        mean,
        Math.max(Math.sqrt(variance), settings.minSpread),
        settings.likelihoodScale,
      );
    }
    while (timestamps[rangeFrom] <= timestamps[i] - settings.extremeRangeS) rangeFrom++;
    const warm =
      i - rangeFrom >= settings.extremeWarmupPoints &&
      timestamps[i] - timestamps[rangeFrom] >= settings.extremeWarmupS;
    if (warm) {
      const low = rangeMin.before(i);
      const high = rangeMax.before(i);
      const beyond = Number.isNaN(low) ? 0 : beyondRange(values[i], low, high);
      if (beyond > 0) {
        const direction = values[i] > high ? 0 : 1;
        const side = jumps[direction];
        side.forget(timestamps[i] - settings.extremeRangeS);
        // A drop to a fraction of the lowest value is an outage even when it is a hair below the range
        // on a linear scale (a minimum of 0.2 % CPU falling to 0).
        const logDrop =
          settings.extremeLogShare > 0 && logBelowRange(values[i], low, high) >= settings.extremeLogShare;
        const unexpected =
          deviation[i] >= settings.extremeMinDeviation ||
          beyond >= settings.extremeLargeShare ||
          (settings.extremeMidShare > 0 &&
            beyond >= settings.extremeMidShare &&
            deviation[i] >= settings.extremeMidDeviation) ||
          (settings.extremeStepFactor > 0 &&
            beyond >= settings.extremeStepShare &&
            usualStep > 0 &&
            step >= settings.extremeStepFactor * usualStep) ||
          logDrop;
        if (
          (beyond > settings.extremeTolerance || logDrop) &&
          unexpected &&
          (settings.extremeJumpFactor === 0 || beyond > settings.extremeJumpFactor * side.typical())
        ) {
          // A recurring record (one at this time of day on each of the last days) is a daily pattern,
          // unless it is large or well past the previous day's.
          const previous = recurring[direction].previous(timestamps[i]);
          const recurs =
            previous >= 0 &&
            beyond < settings.extremeLargeShare &&
            beyond <= settings.recurringMargin * previous;
          if (!recurs) extreme[i] = Number.isFinite(beyond) ? beyond / (1 + beyond) : 1;
        }
        recurring[direction].push(timestamps[i], beyond);
        // A departure from a flat history (an infinite share) says nothing about how far records go.
        if (Number.isFinite(beyond)) side.push(timestamps[i], beyond);
      }
    }
    if (warm && settings.levelShare > 0) {
      const low = levelMin.before(i);
      const high = levelMax.before(i);
      // A flat history of levels (a series at one value) has no range to measure a share of; a
      // departure from it is a new extreme of the values themselves.
      if (high > low) {
        const beyond = beyondRange(levels[i], low, high);
        if (beyond >= settings.levelShare) extreme[i] = Math.max(extreme[i], beyond / (1 + beyond));
      }
    }
    if (warm && settings.deviationRecord > 0 && deviationLevels[i] >= settings.deviationRecord) {
      const highest = deviationMax.before(i);
      if (!(deviationLevels[i] <= highest)) extreme[i] = Math.max(extreme[i], RULE_SHARE);
    }
    if (seasonal?.shifted(i, rangeMin.before(i), rangeMax.before(i), warm))
      extreme[i] = Math.max(extreme[i], RULE_SHARE);
    if (
      warm &&
      settings.flatFactor > 0 &&
      runs[i] >= settings.flatMinS &&
      i - runStart + 1 >= settings.flatMinPoints &&
      runs[i] >= settings.flatFactor * longestBefore &&
      values[i] > rangeMin.before(i)
    )
      extreme[i] = Math.max(extreme[i], RULE_SHARE);
    deviationMax.push(i);
    runMax.push(i);
    levelMax.push(i);
    levelMin.push(i);
    rangeMax.push(i);
    rangeMin.push(i);
    evidence[i] = e;
    // The first historyFromPoints points are skipped: while the features' statistics settle, the raw
    // scores say little about the series.
    if (i >= settings.historyFromPoints) {
      sum += e;
      sumSquares += e * e;
      count++;
      if (count > H) {
        const old = evidence[i - H];
        sum -= old;
        sumSquares -= old * old;
        count--;
      }
    }
  }
  return { likelihood, extreme };
}

/**
 * Steps 4 and 5 at a threshold: the score of every point (float32 values in [0, 1)); a new extreme
 * scores at least the threshold, so it is flagged unless the red filter or the quiet period holds it.
 */
export function applyThreshold(
  evidence: PointEvidence,
  timestamps: Float64Array,
  threshold: number,
  quiet: Pick<SeriesDecisionParameters, "quietS" | "holdShare">,
): Float32Array {
  const n = timestamps.length;
  const out = new Float32Array(n);
  const suppressed = float32Below(threshold);
  const holdAt = quiet.holdShare * threshold;
  // The last flagged point, or the last point of its incident whose likelihood still held it.
  let held = Number.NEGATIVE_INFINITY;
  let previousRed = false;
  for (let i = 0; i < n; i++) {
    const t = timestamps[i];
    if (quiet.holdShare > 0 && t - held < quiet.quietS && evidence.likelihood[i] >= holdAt) held = t;
    const share = evidence.extreme[i];
    let score = evidence.likelihood[i];
    if (share > 0) score = Math.max(score, threshold + (1 - threshold) * share * 0.999);
    score = Math.fround(score);
    const red = score >= threshold;
    if (red && (previousRed || t - held < quiet.quietS)) score = Math.min(score, suppressed);
    previousRed = red;
    if (score >= threshold) held = t;
    out[i] = score;
  }
  return out;
}

/** The score of every point (float32 values in [0, 1)); anomaly = score >= settings.threshold. */
export function decideSeries(input: DecisionInput, settings: SeriesSettings): Float32Array {
  return applyThreshold(pointEvidence(input, settings), input.timestamps, settings.threshold, settings);
}
