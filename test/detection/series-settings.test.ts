/** The checks on a series model's (untrusted) manifest settings: each problem names the field at fault. */
import {
  checkSeriesParameters,
  DECISION_RULES,
  FEATURE_SET,
  SERIES_DECISION_PARAMETERS,
  seriesSettingsOf,
} from "../../lambdas/detection/series/series-settings";

const SHIPPED = { featureSet: FEATURE_SET, decisionRules: DECISION_RULES, ...SERIES_DECISION_PARAMETERS };

/** The problem checkSeriesParameters reports for `series`, or "ok". */
function problemOf(series: unknown): string {
  const checked = checkSeriesParameters(series);
  return checked.ok ? "ok" : checked.problem;
}

describe("checkSeriesParameters", () => {
  test("accepts the shipped parameters and returns them", () => {
    const checked = checkSeriesParameters(SHIPPED);
    expect(checked.ok && checked.value).toEqual(SHIPPED);
  });

  test("refuses another feature set, a missing entry and a field that is not a finite number >= 0", () => {
    expect(problemOf(undefined)).toMatch(/needs its 'series' parameters/);
    expect(problemOf({ ...SHIPPED, featureSet: "series-features/1" })).toMatch(/series.featureSet must be/);
    // Parameters written for other decision rules (or none named, as before the label) are refused.
    expect(problemOf({ ...SHIPPED, decisionRules: "series-decision/1" })).toMatch(
      /series.decisionRules must be series-decision\/2/,
    );
    expect(problemOf({ ...SHIPPED, holdShare: 1.5 })).toBe("series.holdShare must be from 0 (no hold) to 1");
    const { holdShare: _hold, ...withoutHold } = SHIPPED;
    expect(problemOf(withoutHold)).toBe("series.holdShare must be a finite number >= 0");
    const { decisionRules: _rules, ...unlabelled } = SHIPPED;
    expect(problemOf(unlabelled)).toMatch(/series.decisionRules must be/);
    const { shiftRecord: _dropped, ...withoutRecord } = SHIPPED;
    expect(problemOf(withoutRecord)).toBe("series.shiftRecord must be a finite number >= 0");
    expect(problemOf({ ...SHIPPED, extremeStepFactor: -1 })).toBe(
      "series.extremeStepFactor must be a finite number >= 0",
    );
    expect(problemOf({ ...SHIPPED, extremeStepShare: Number.NaN })).toBe(
      "series.extremeStepShare must be a finite number >= 0",
    );
  });

  test.each([
    [{ shiftDays: 2.5 }, /shiftDays must be a whole number of days from 0 to 14/],
    [{ shiftDays: 15 }, /shiftDays must be a whole number of days from 0 to 14/],
    [{ shiftFactor: 1 }, /shiftFactor must be 0 \(no seasonal-shift rule\) or more than 1/],
    [{ shiftFactor: 0.5 }, /shiftFactor must be 0/],
    [{ shiftSpareDays: 1 }, /shiftSpareDays must be 0 \(never\) or a whole number of days from 2/],
    [{ shiftSpareDays: 4.5 }, /shiftSpareDays must be 0/],
    [{ extremeRangeS: 0 }, /extremeRangeS must be more than 0/],
    [{ levelMinPoints: 0 }, /must be at least 1/],
  ])("refuses %o", (change, problem) => {
    expect(problemOf({ ...SHIPPED, ...change })).toMatch(problem);
  });

  test("accepts the rules turned off (0) and the most days of references", () => {
    expect(
      problemOf({ ...SHIPPED, shiftFactor: 0, shiftDays: 0, shiftSpareDays: 0, extremeStepFactor: 0 }),
    ).toBe("ok");
    expect(problemOf({ ...SHIPPED, shiftSpareDays: 2 })).toBe("ok");
    expect(problemOf({ ...SHIPPED, shiftDays: 14 })).toBe("ok");
  });
});

describe("seriesSettingsOf", () => {
  test("joins the threshold to the parameters, without the feature set", () => {
    const settings = seriesSettingsOf({ decision: { threshold: 0.56 }, series: SHIPPED });
    expect(settings.ok && settings.value).toEqual({ ...SERIES_DECISION_PARAMETERS, threshold: 0.56 });
  });

  test.each([0, 1, "0.5", undefined])("refuses the threshold %p", (threshold) => {
    const settings = seriesSettingsOf({ decision: { threshold }, series: SHIPPED });
    expect(settings.ok ? "ok" : settings.problem).toMatch(
      /decision.threshold must be a number between 0 and 1/,
    );
  });
});
