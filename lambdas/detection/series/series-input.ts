/**
 * Parsing and checking a series as it arrives from any door (a JSON request, a CSV file, CloudWatch):
 * pure functions that either return typed arrays the core can score or a problem with an HTTP status
 * and a message naming the field and the item at fault. Nothing here throws on bad input.
 */

/** Most points in one series: 14 days at one minute. */
export const MAX_SERIES_POINTS = 20_160;

/** Largest accepted epoch-seconds timestamp (year 5138); larger numbers are almost surely milliseconds. */
export const MAX_EPOCH_SECONDS = 1e11;

/** The range a detector accepts its values in. */
export interface ValueRange {
  readonly minimum: number;
  /** Omitted means unbounded above. */
  readonly maximum?: number;
}

/** A problem with the input: 400 for a malformed series, 413 for one over the size limit. */
export interface SeriesProblem {
  readonly ok: false;
  readonly status: 400 | 413;
  readonly message: string;
}

/** Either a checked value or the problem that stopped it. */
export type Checked<T> = { readonly ok: true; readonly value: T } | SeriesProblem;

/** A series ready to score. */
export interface CheckedSeries {
  /** Epoch seconds, non-decreasing. */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** Index of the first point to report (points before it are history only). */
  readonly scoreFrom: number;
}

/** The untrusted parts of a series request. */
export interface SeriesRequestParts {
  readonly timestamps: unknown;
  readonly values: unknown;
  /** Optional: a timestamp; points before it are history only. */
  readonly scoreFrom?: unknown;
}

/** Field names used in messages (the HTTP door's names by default). */
export interface SeriesFieldNames {
  readonly timestamps: string;
  readonly values: string;
  readonly scoreFrom: string;
}

/** The API's field names. */
export const API_FIELD_NAMES: SeriesFieldNames = {
  timestamps: "series.timestamps",
  values: "series.values",
  scoreFrom: "score_from",
};

function problem(message: string, status: 400 | 413 = 400): SeriesProblem {
  return { ok: false, status, message };
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A timestamp as epoch seconds: a finite number of epoch seconds (0 to 1e11), or an ISO-8601 date-time
 * such as "2026-11-28T09:30:00Z", "2026-11-28T10:30:00+01:00" or "2014-07-01 00:00:00" (no zone = UTC).
 * Returns a message saying what is wrong otherwise.
 */
export function parseTimestamp(
  value: unknown,
): { ok: true; seconds: number } | { ok: false; message: string } {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { ok: false, message: "is not a finite number" };
    if (value < 0) return { ok: false, message: `is ${value}: epoch seconds cannot be negative` };
    if (value >= MAX_EPOCH_SECONDS) {
      return {
        ok: false,
        message: `is ${value}: timestamps are epoch seconds, and this looks like milliseconds`,
      };
    }
    return { ok: true, seconds: value };
  }
  if (typeof value !== "string") {
    return { ok: false, message: "must be epoch seconds (a number) or an ISO-8601 string" };
  }
  const m = ISO.exec(value.trim());
  if (!m) {
    return {
      ok: false,
      message: `is ${JSON.stringify(value.slice(0, 40))}, not an ISO-8601 date-time like 2026-11-28T09:30:00Z`,
    };
  }
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k] ?? 0));
  const fraction = m[7] ? Number(`0.${m[7]}`) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (
    month < 1 ||
    month > 12 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return { ok: false, message: `is ${JSON.stringify(value)}, which is not a valid date and time` };
  }
  let offsetS = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== "Z") {
    const digits = zone.replace(":", "");
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 23 || minutes > 59) return { ok: false, message: `has an invalid UTC offset ${zone}` };
    offsetS = (digits[0] === "-" ? -1 : 1) * (hours * 3_600 + minutes * 60);
  }
  const seconds = ms / 1000 + fraction - offsetS;
  if (seconds < 0) return { ok: false, message: `is ${JSON.stringify(value)}, before 1970` };
  return { ok: true, seconds };
}

/** Formats a count with thousands separators, as messages show limits. */
function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** The items of a list, or the problem when it is not an array, is empty or is over the size limit. */
function checkList(raw: unknown, field: string, what: string): readonly unknown[] | SeriesProblem {
  if (!Array.isArray(raw)) return problem(`${field} must be an array of ${what}`);
  if (raw.length === 0) return problem(`${field} is empty: send at least one point`);
  if (raw.length > MAX_SERIES_POINTS) {
    return problem(
      `${field} has ${count(raw.length)} points; a series holds at most ${count(MAX_SERIES_POINTS)} (14 days at one minute)`,
      413,
    );
  }
  return raw;
}

/** Checks the timestamps of a series: one type throughout, valid, non-decreasing. */
export function checkTimestamps(raw: unknown, field = API_FIELD_NAMES.timestamps): Checked<Float64Array> {
  const list = checkList(raw, field, "timestamps");
  if (!Array.isArray(list)) return list as SeriesProblem;
  const kind = typeof list[0];
  const out = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (typeof item !== kind && (typeof item === "number" || typeof item === "string")) {
      return problem(
        `${field} mixes epoch seconds and ISO-8601 strings (item 0 is a ${kind === "number" ? "number" : "string"}, item ${i} is not): use one form`,
      );
    }
    const parsed = parseTimestamp(item);
    if (!parsed.ok) return problem(`${field}[${i}] ${parsed.message}`);
    out[i] = parsed.seconds;
    if (i > 0 && out[i] < out[i - 1]) {
      return problem(`${field} must not decrease: item ${i} is earlier than item ${i - 1}`);
    }
  }
  return { ok: true, value: out };
}

/** Checks the values of a series: finite numbers within the detector's range. */
export function checkValues(
  raw: unknown,
  range: ValueRange,
  field = API_FIELD_NAMES.values,
): Checked<Float64Array> {
  const list = checkList(raw, field, "numbers");
  if (!Array.isArray(list)) return list as SeriesProblem;
  const out = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v: unknown = list[i];
    if (typeof v !== "number")
      return problem(`${field}[${i}] must be a number, got ${v === null ? "null" : typeof v}`);
    if (Number.isNaN(v)) return problem(`${field}[${i}] is NaN; every value must be a finite number`);
    if (!Number.isFinite(v))
      return problem(`${field}[${i}] is not finite; every value must be a finite number`);
    if (v < range.minimum) return problem(`${field}[${i}] is ${v}, below the minimum ${range.minimum}`);
    if (range.maximum !== undefined && v > range.maximum) {
      return problem(`${field}[${i}] is ${v}, above the maximum ${range.maximum}`);
    }
    out[i] = v;
  }
  return { ok: true, value: out };
}

/** The index of the first timestamp at or after `seconds` (timestamps non-decreasing); length if none. */
export function firstIndexAtOrAfter(timestamps: Float64Array, seconds: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timestamps[mid] < seconds) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Checks a whole series request: timestamps, values, equal lengths and the optional score_from. */
export function checkSeries(
  parts: SeriesRequestParts,
  range: ValueRange,
  fields: SeriesFieldNames = API_FIELD_NAMES,
): Checked<CheckedSeries> {
  const timestamps = checkTimestamps(parts.timestamps, fields.timestamps);
  if (!timestamps.ok) return timestamps;
  const values = checkValues(parts.values, range, fields.values);
  if (!values.ok) return values;
  if (timestamps.value.length !== values.value.length) {
    return problem(
      `${fields.timestamps} has ${count(timestamps.value.length)} items but ${fields.values} has ${count(values.value.length)}: send one value per timestamp`,
    );
  }
  let scoreFrom = 0;
  if (parts.scoreFrom !== undefined) {
    const parsed = parseTimestamp(parts.scoreFrom);
    if (!parsed.ok) return problem(`${fields.scoreFrom} ${parsed.message}`);
    scoreFrom = firstIndexAtOrAfter(timestamps.value, parsed.seconds);
    if (scoreFrom >= timestamps.value.length) {
      return problem(`${fields.scoreFrom} is after the last timestamp: there is no point to score`);
    }
  }
  return { ok: true, value: { timestamps: timestamps.value, values: values.value, scoreFrom } };
}
