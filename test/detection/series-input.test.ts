/** The pure checks every door runs on a series: each malformed input gets its own message and status. */
import {
  checkSeries,
  checkTimestamps,
  checkValues,
  firstIndexAtOrAfter,
  MAX_SERIES_POINTS,
  parseTimestamp,
} from "../../lambdas/detection/series/series-input";

const CPU = { minimum: 0, maximum: 100 };
const NETWORK = { minimum: 0 };

function seconds(value: unknown): number | string {
  const parsed = parseTimestamp(value);
  return parsed.ok ? parsed.seconds : parsed.message;
}

describe("parseTimestamp", () => {
  test.each<[unknown, number]>([
    [1_700_000_000, 1_700_000_000],
    [0, 0],
    [1_700_000_000.5, 1_700_000_000.5],
    ["2026-11-28T09:30:00Z", Date.UTC(2026, 10, 28, 9, 30) / 1000],
    ["2026-11-28T09:30:00.250Z", Date.UTC(2026, 10, 28, 9, 30) / 1000 + 0.25],
    ["2026-11-28T10:30:00+01:00", Date.UTC(2026, 10, 28, 9, 30) / 1000],
    ["2026-11-28T04:00:00-0530", Date.UTC(2026, 10, 28, 9, 30) / 1000],
    ["2014-07-01 00:00:00", Date.UTC(2014, 6, 1) / 1000],
    ["2026-11-28T09:30", Date.UTC(2026, 10, 28, 9, 30) / 1000],
    ["2026-11-28", Date.UTC(2026, 10, 28) / 1000],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29) / 1000],
  ])("%j is %d epoch seconds", (input, expected) => {
    expect(seconds(input)).toBe(expected);
  });

  test.each<[unknown, RegExp]>([
    [-1, /cannot be negative/],
    [1_700_000_000_000, /looks like milliseconds/],
    [Number.NaN, /not a finite number/],
    [Number.POSITIVE_INFINITY, /not a finite number/],
    [null, /epoch seconds \(a number\) or an ISO-8601 string/],
    [true, /epoch seconds \(a number\) or an ISO-8601 string/],
    ["yesterday", /not an ISO-8601 date-time/],
    ["2026-13-01T00:00:00Z", /not a valid date/],
    ["2023-02-29T00:00:00Z", /not a valid date/],
    ["2026-11-28T24:00:00Z", /not a valid date/],
    ["2026-11-28T09:60:00Z", /not a valid date/],
    ["2026-11-28T09:30:00+25:00", /invalid UTC offset/],
    ["1969-12-31T23:59:59Z", /before 1970/],
  ])("%j is refused (%s)", (input, message) => {
    expect(seconds(input)).toMatch(message);
  });
});

describe("checkSeries", () => {
  const ok = { timestamps: [1, 2, 3], values: [10, 20, 30] };

  test("accepts a good series and converts it to typed arrays", () => {
    const checked = checkSeries(ok, CPU);
    expect(checked).toEqual({
      ok: true,
      value: {
        timestamps: Float64Array.from([1, 2, 3]),
        values: Float64Array.from([10, 20, 30]),
        scoreFrom: 0,
      },
    });
  });

  test("equal neighbouring timestamps are allowed (both points are scored)", () => {
    const checked = checkSeries({ timestamps: [5, 5, 6], values: [1, 2, 3] }, CPU);
    expect(checked.ok).toBe(true);
  });

  test.each<[string, Parameters<typeof checkSeries>[0], RegExp]>([
    [
      "lengths differ",
      { timestamps: [1, 2, 3], values: [1, 2] },
      /series.timestamps has 3 items but series.values has 2/,
    ],
    [
      "decreasing time",
      { timestamps: [1, 3, 2], values: [1, 2, 3] },
      /must not decrease: item 2 is earlier than item 1/,
    ],
    ["NaN", { timestamps: [1, 2], values: [1, Number.NaN] }, /series.values\[1\] is NaN/],
    [
      "infinity",
      { timestamps: [1, 2], values: [1, Number.NEGATIVE_INFINITY] },
      /series.values\[1\] is not finite/,
    ],
    [
      "above the range",
      { timestamps: [1, 2], values: [1, 101] },
      /series.values\[1\] is 101, above the maximum 100/,
    ],
    [
      "below the range",
      { timestamps: [1, 2], values: [-0.5, 1] },
      /series.values\[0\] is -0.5, below the minimum 0/,
    ],
    [
      "a string value",
      { timestamps: [1, 2], values: [1, "2"] },
      /series.values\[1\] must be a number, got string/,
    ],
    [
      "a null value",
      { timestamps: [1, 2], values: [null, 2] },
      /series.values\[0\] must be a number, got null/,
    ],
    [
      "mixed timestamp types",
      { timestamps: [1_700_000_000, "2026-11-28T09:30:00Z"], values: [1, 2] },
      /mixes epoch seconds and ISO-8601 strings \(item 0 is a number, item 1 is not\)/,
    ],
    ["empty timestamps", { timestamps: [], values: [] }, /series.timestamps is empty/],
    ["empty values", { timestamps: [1], values: [] }, /series.values is empty/],
    ["timestamps not an array", { timestamps: "1,2", values: [1, 2] }, /series.timestamps must be an array/],
    ["values not an array", { timestamps: [1, 2], values: { a: 1 } }, /series.values must be an array/],
    [
      "a bad ISO timestamp",
      { timestamps: ["2026-11-28", "soon"], values: [1, 2] },
      /series.timestamps\[1\] is "soon"/,
    ],
    ["a bad score_from", { ...ok, scoreFrom: "later" }, /score_from is "later", not an ISO-8601/],
    ["score_from after the end", { ...ok, scoreFrom: 4 }, /score_from is after the last timestamp/],
  ])("%s is a 400 naming the problem", (_, parts, message) => {
    const checked = checkSeries(parts, CPU);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.status).toBe(400);
    expect(checked.message).toMatch(message);
  });

  test("more points than the limit is a 413 stating the limit", () => {
    const n = MAX_SERIES_POINTS + 1;
    const checked = checkSeries(
      { timestamps: Array.from({ length: n }, (_, i) => i), values: new Array(n).fill(1) },
      NETWORK,
    );
    expect(checked).toEqual({
      ok: false,
      status: 413,
      message: "series.timestamps has 20,161 points; a series holds at most 20,160 (14 days at one minute)",
    });
  });

  test("exactly the limit is accepted", () => {
    const n = MAX_SERIES_POINTS;
    const checked = checkSeries(
      { timestamps: Array.from({ length: n }, (_, i) => i * 60), values: new Array(n).fill(1e12) },
      NETWORK,
    );
    expect(checked.ok).toBe(true);
  });

  test("score_from picks the first point at or after it, in either timestamp form", () => {
    const parts = { timestamps: [100, 200, 200, 300], values: [1, 2, 3, 4] };
    const at = (scoreFrom: unknown) => {
      const checked = checkSeries({ ...parts, scoreFrom }, NETWORK);
      return checked.ok ? checked.value.scoreFrom : checked.message;
    };
    expect(at(150)).toBe(1);
    expect(at(200)).toBe(1);
    expect(at(0)).toBe(0);
    expect(at("1970-01-01T00:05:00Z")).toBe(3);
  });

  test("the field names in messages can be a door's own (e.g. a CSV file's columns)", () => {
    const checked = checkValues([1, -2], NETWORK, "column value");
    expect(checked).toEqual({
      ok: false,
      status: 400,
      message: "column value[1] is -2, below the minimum 0",
    });
    expect(checkTimestamps([2, 1], "column timestamp")).toMatchObject({
      message: /^column timestamp must not decrease/,
    });
  });
});

describe("firstIndexAtOrAfter", () => {
  test("binary search over non-decreasing timestamps", () => {
    const t = Float64Array.from([1, 2, 2, 5]);
    expect([0, 1, 2, 3, 5, 6].map((x) => firstIndexAtOrAfter(t, x))).toEqual([0, 0, 1, 3, 3, 4]);
  });
});
