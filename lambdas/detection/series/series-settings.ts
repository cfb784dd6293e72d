/**
 * The numbers a series detector runs with: its decision threshold and the fixed parameters of the
 * post-processing (shipped in the manifest entry, so they can be read and audited there), plus the
 * feature-set version the scorer was trained on and the revision of the decision rules they are for.
 * docs/models.md ("Series detectors") explains each.
 */

/** Version of the feature extraction (series-features.ts); a model trained on another version is refused. */
export const FEATURE_SET = "series-features/2";

/**
 * The revision of the decision rules (series-decision.ts) a manifest's `series` parameters are for.
 * A model's version hashes its manifest entry, not this code, so a rule that changes in code alone
 * changes this label, and with it every series model's version. series-decision/2: the
 * seasonal-shift record never sets the latest day aside (before: a shift that went on past the
 * fifth day of ratios was flagged again).
 */
export const DECISION_RULES = "series-decision/2";

/** Parameters of the post-processing of the scorer's raw scores. */
export interface SeriesDecisionParameters {
  /** The raw scores (probabilities) of the points of the last averageS seconds are averaged: the evidence at a point ... */
  readonly averageS: number;
  /** ... over at least this many points (the last ones), so coarse series still average a few. */
  readonly averageMinPoints: number;
  /** The evidence is compared with the mean and spread of its own last this-many values. */
  readonly historyPoints: number;
  /** Least spread of that history (probability units), so a very regular series does not alarm on a blip. */
  readonly minSpread: number;
  /** The history starts at this point (earlier evidence is not recorded). */
  readonly historyFromPoints: number;
  /** Points of recorded history before the likelihood may flag anything. */
  readonly learningPoints: number;
  /** score = L / (L + likelihoodScale), where L = -log10 of the evidence's tail probability. */
  readonly likelihoodScale: number;
  /** A value beyond the recent range (extremeRangeS) by more than this share of that range is flagged ... */
  readonly extremeTolerance: number;
  /** ... and when it lies at least this many spreads from the value expected there ... */
  readonly extremeMinDeviation: number;
  /** ... or, whatever the spreads, when it is beyond the range by at least this share of it (a large new extreme) ... */
  readonly extremeLargeShare: number;
  /**
   * ... or when it is beyond the range by at least this share of it and at least extremeMidDeviation
   * spreads from the value expected there (a mid-size new extreme; 0: no such clause) ...
   */
  readonly extremeMidShare: number;
  readonly extremeMidDeviation: number;
  /**
   * ... or when it is beyond the range by at least this share of it and reached in one step of at
   * least extremeStepFactor times the series' usual step (its mean absolute change between
   * neighbours over about a day; a spike; 0: no such clause) ...
   */
  readonly extremeStepShare: number;
  readonly extremeStepFactor: number;
  /**
   * ... or, below a range of positive values, when it is below the range by at least this share of
   * the range's width on a log scale (a drop to a fraction of the lowest value: an outage; a value of
   * 0 or less is infinitely far; 0: no such clause).
   */
  readonly extremeLogShare: number;
  /**
   * ... and in both cases beyond it by more than this many times the lower quartile of the record jumps
   * of the same direction over the range's stretch (how far past their range the series' earlier
   * records went, as shares of it; 0: no such condition).
   */
  readonly extremeJumpFactor: number;
  /**
   * A recurring record is not flagged: a new extreme within recurringWindowS seconds of the same time
   * of day as a value beyond the range (in the same direction) on each of the previous this-many days
   * (a nightly job on a growing series; 0: no such exemption) ...
   */
  readonly recurringDays: number;
  /** ... (plus or minus this many seconds) ... */
  readonly recurringWindowS: number;
  /**
   * ... unless it is a large new extreme (extremeLargeShare) or goes past the range by more than this
   * many times the largest share of the previous day's matching records.
   */
  readonly recurringMargin: number;
  /**
   * A level record: the median of the values of the last levelS seconds (at least the last
   * levelMinPoints points) ...
   */
  readonly levelS: number;
  readonly levelMinPoints: number;
  /**
   * ... beyond the range of the earlier such medians of the last extremeRangeS seconds by at least
   * this share of that range is flagged (a sustained shift the spikes of a spiky series hide; 0: no
   * such rule).
   */
  readonly levelShare: number;
  /**
   * A deviation record: the median of the points' deviations (|value - expected| / spread) over the
   * level's window at least this many spreads and above every such median of the last extremeRangeS
   * seconds is flagged (a shift inside the usual range that the expected band has not seen the like
   * of; 0: no such rule).
   */
  readonly deviationRecord: number;
  /**
   * A seasonal shift: the level (the median of the last levelS seconds) at least this factor above
   * or below the median of the levels at the same time of day on each of the previous shiftDays
   * days (0: no such rule) ...
   */
  readonly shiftFactor: number;
  readonly shiftDays: number;
  /**
   * ... and its log-ratio more than this many times the largest such log-ratio of the last
   * extremeRangeS seconds is flagged (a release or a lost partner that halves the traffic inside
   * the usual range) ...
   */
  readonly shiftRecord: number;
  /**
   * ... where, once those seconds hold ratios from at least this many days (counted from the
   * series' first point), the highest day's are set aside unless it is the latest: one earlier
   * incident does not hide a later shift, two such days do (0: never set aside; otherwise at least 2).
   */
  readonly shiftSpareDays: number;
  /**
   * A flat line: a run of one repeated value (above the range's minimum) lasting at least this many
   * times the longest run of the last extremeRangeS seconds before it started ... (0: no such rule)
   */
  readonly flatFactor: number;
  /** ... and at least this many seconds ... */
  readonly flatMinS: number;
  /**
   * ... and this many points is flagged (a stuck agent or exporter; on an hourly series an hour is
   * two readings, and repeats are common there).
   */
  readonly flatMinPoints: number;
  /** The range new extremes are measured against is that of the values of the last this-many seconds. */
  readonly extremeRangeS: number;
  /** The new-extreme rule waits for this much history inside the range's stretch: at least this many points ... */
  readonly extremeWarmupPoints: number;
  /** ... spanning at least this many seconds. */
  readonly extremeWarmupS: number;
  /** After a flagged point, nothing more is flagged for this many seconds (one incident, one alert) ... */
  readonly quietS: number;
  /**
   * ... counted from the last point whose likelihood score is still at least this share of the
   * threshold (0: from the flagged point only): an incident holds while its evidence stays raised.
   */
  readonly holdShare: number;
}

/** What scoreSeries needs: the decision threshold and the post-processing parameters. */
export interface SeriesSettings extends SeriesDecisionParameters {
  /** A point is anomalous when its score >= threshold. */
  readonly threshold: number;
}

/** The post-processing parameters Helios ships (chosen on nab-dev; docs/models.md). */
export const SERIES_DECISION_PARAMETERS: SeriesDecisionParameters = {
  averageS: 6_000,
  averageMinPoints: 3,
  historyPoints: 8_640,
  minSpread: 0.06,
  historyFromPoints: 144,
  learningPoints: 100,
  likelihoodScale: 5,
  extremeTolerance: 0.01,
  extremeMinDeviation: 5,
  extremeLargeShare: 0.25,
  extremeMidShare: 0.15,
  extremeMidDeviation: 3,
  extremeStepShare: 0.05,
  extremeStepFactor: 8,
  extremeLogShare: 0.25,
  extremeJumpFactor: 0.25,
  recurringDays: 2,
  recurringWindowS: 3_600,
  recurringMargin: 3,
  levelS: 7_200,
  levelMinPoints: 5,
  levelShare: 0.75,
  deviationRecord: 4,
  shiftFactor: 1.5,
  shiftDays: 3,
  shiftRecord: 2,
  shiftSpareDays: 5,
  flatFactor: 3,
  flatMinS: 3_600,
  flatMinPoints: 6,
  extremeRangeS: 1_209_600,
  extremeWarmupPoints: 100,
  extremeWarmupS: 86_400,
  quietS: 3_600,
  holdShare: 0.5,
};

/** What a series model's manifest entry records besides its threshold (manifest field `series`). */
export interface SeriesModelParameters extends SeriesDecisionParameters {
  /** The feature set the scorer was trained on; must equal FEATURE_SET. */
  readonly featureSet: string;
  /** The decision rules the parameters are for; must equal DECISION_RULES. */
  readonly decisionRules: string;
}

const PARAMETER_NAMES: readonly (keyof SeriesDecisionParameters)[] = [
  "averageS",
  "averageMinPoints",
  "historyPoints",
  "minSpread",
  "historyFromPoints",
  "learningPoints",
  "likelihoodScale",
  "extremeTolerance",
  "extremeMinDeviation",
  "extremeLargeShare",
  "extremeMidShare",
  "extremeMidDeviation",
  "extremeStepShare",
  "extremeStepFactor",
  "extremeLogShare",
  "extremeJumpFactor",
  "recurringDays",
  "recurringWindowS",
  "recurringMargin",
  "levelS",
  "levelMinPoints",
  "levelShare",
  "deviationRecord",
  "shiftFactor",
  "shiftDays",
  "shiftRecord",
  "shiftSpareDays",
  "flatFactor",
  "flatMinS",
  "flatMinPoints",
  "extremeRangeS",
  "extremeWarmupPoints",
  "extremeWarmupS",
  "quietS",
  "holdShare",
];

/** Checks a series model's (untrusted) `series` parameters; the problem names the field at fault. */
export function checkSeriesParameters(
  series: unknown,
): { ok: true; value: SeriesModelParameters } | { ok: false; problem: string } {
  if (typeof series !== "object" || series === null) {
    return { ok: false, problem: "a series model's entry needs its 'series' parameters" };
  }
  const fields = series as Record<string, unknown>;
  // A model trained on another feature set is refused: its scores would mean nothing on these features.
  if (fields.featureSet !== FEATURE_SET) {
    return { ok: false, problem: `series.featureSet must be ${FEATURE_SET} (this runtime's features)` };
  }
  // Parameters written for other rules would decide something nobody measured.
  if (fields.decisionRules !== DECISION_RULES) {
    return {
      ok: false,
      problem: `series.decisionRules must be ${DECISION_RULES} (this runtime's decision rules)`,
    };
  }
  const parameters: Record<string, number> = {};
  for (const name of PARAMETER_NAMES) {
    const value = fields[name];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      return { ok: false, problem: `series.${name} must be a finite number >= 0` };
    }
    parameters[name] = value;
  }
  if (parameters.averageMinPoints < 1 || parameters.historyPoints < 1 || parameters.levelMinPoints < 1) {
    return {
      ok: false,
      problem: "series.averageMinPoints, series.historyPoints and series.levelMinPoints must be at least 1",
    };
  }
  if (!Number.isInteger(parameters.shiftDays) || parameters.shiftDays > 14) {
    return { ok: false, problem: "series.shiftDays must be a whole number of days from 0 to 14" };
  }
  if (!Number.isInteger(parameters.shiftSpareDays) || parameters.shiftSpareDays === 1) {
    return { ok: false, problem: "series.shiftSpareDays must be 0 (never) or a whole number of days from 2" };
  }
  if (parameters.shiftFactor !== 0 && !(parameters.shiftFactor > 1)) {
    return { ok: false, problem: "series.shiftFactor must be 0 (no seasonal-shift rule) or more than 1" };
  }
  if (parameters.holdShare > 1) {
    return { ok: false, problem: "series.holdShare must be from 0 (no hold) to 1" };
  }
  if (!(parameters.extremeRangeS > 0)) {
    return { ok: false, problem: "series.extremeRangeS must be more than 0" };
  }
  return {
    ok: true,
    value: {
      featureSet: FEATURE_SET,
      decisionRules: DECISION_RULES,
      ...(parameters as unknown as SeriesDecisionParameters),
    },
  };
}

/** The settings of a series model from its (untrusted) manifest entry: its threshold and `series` parameters. */
export function seriesSettingsOf(entry: {
  readonly decision?: { readonly threshold?: unknown };
  readonly series?: unknown;
}): { ok: true; value: SeriesSettings } | { ok: false; problem: string } {
  const threshold = entry.decision?.threshold;
  if (typeof threshold !== "number" || !(threshold > 0 && threshold < 1)) {
    return { ok: false, problem: "a series model's decision.threshold must be a number between 0 and 1" };
  }
  const checked = checkSeriesParameters(entry.series);
  if (!checked.ok) return checked;
  const { featureSet: _featureSet, decisionRules: _decisionRules, ...parameters } = checked.value;
  return { ok: true, value: { ...parameters, threshold } };
}
