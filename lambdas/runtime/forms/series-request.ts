/**
 * The series form of a request: `{"series": {"timestamps": [...], "values": [...]}, "score_from"?: t}`,
 * plus the optional `resource` every form takes. The checks themselves are the series core's
 * (checkSeries: lengths, order, NaN, range, mixed types, empty, the size limit); this file maps
 * them onto the API: 400 naming the field, 413 for too many points.
 */
import type { DetectorSpec, NumberInput, SeriesForm } from "../../catalog";
import { checkSeries } from "../../detection/series/series-input";
import { fail, ok, type Result } from "../http-error";

/** A validated series request. */
export interface SeriesRequest {
  readonly form: "series";
  /** Epoch seconds, non-decreasing. */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** The timestamps as the client sent them (numbers or ISO-8601 strings), echoed in the answer. */
  readonly sentTimestamps: readonly (number | string)[];
  /** Index of the first point to answer for; earlier points are history only. */
  readonly scoreFrom: number;
  readonly resource?: string;
}

/** The request fields of the series form. */
export const SERIES_FIELDS = { series: "series", scoreFrom: "score_from" } as const;

/** The fields inside `series`. */
const SERIES_PARTS = ["timestamps", "values"] as const;

/** The detector's series form, if it has one. */
export function seriesFormOf(detector: Pick<DetectorSpec, "forms">): SeriesForm | undefined {
  return detector.forms.find((form): form is SeriesForm => form.kind === "series");
}

/** True when a request's fields ask for the series form. */
export function asksForSeries(keys: readonly string[]): boolean {
  return keys.includes(SERIES_FIELDS.series) || keys.includes(SERIES_FIELDS.scoreFrom);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Validates `{"series": {...}, "score_from"?: ...}`; `keys` are the body's fields other than `resource`. */
export function validateSeriesRequest(
  body: Readonly<Record<string, unknown>>,
  keys: readonly string[],
  detector: DetectorSpec,
  resource: string | undefined,
): Result<SeriesRequest> {
  const unknown = keys.find((key) => key !== SERIES_FIELDS.series && key !== SERIES_FIELDS.scoreFrom);
  if (unknown !== undefined) {
    return fail(
      400,
      `unknown field "${unknown.slice(0, 64)}" next to "series"; send "series" and optionally "score_from"`,
    );
  }
  const series = body[SERIES_FIELDS.series];
  if (series === undefined)
    return fail(400, 'missing field "series": send {"series": {"timestamps": [...], "values": [...]}}');
  if (!isPlainObject(series)) {
    return fail(400, '"series" must be an object {"timestamps": [...], "values": [...]}');
  }
  const extra = Object.keys(series).find((key) => !(SERIES_PARTS as readonly string[]).includes(key));
  if (extra !== undefined) {
    return fail(400, `unknown field "series.${extra.slice(0, 64)}"; a series has "timestamps" and "values"`);
  }
  for (const part of SERIES_PARTS) {
    if (!Object.hasOwn(series, part)) return fail(400, `missing field "series.${part}"`);
  }
  // A detector with a series form reads numbers: their range bounds the series' values.
  const input: NumberInput | undefined = detector.input.kind === "number" ? detector.input : undefined;
  if (!input) throw new Error(`detector ${detector.name} has a series form but no numeric reading`);
  const checked = checkSeries(
    {
      timestamps: series.timestamps,
      values: series.values,
      ...(Object.hasOwn(body, SERIES_FIELDS.scoreFrom) ? { scoreFrom: body[SERIES_FIELDS.scoreFrom] } : {}),
    },
    { minimum: input.minimum, ...(input.maximum === undefined ? {} : { maximum: input.maximum }) },
  );
  if (!checked.ok) return fail(checked.status, checked.message);
  return ok({
    form: "series",
    ...checked.value,
    sentTimestamps: series.timestamps as (number | string)[],
    ...(resource === undefined ? {} : { resource }),
  });
}
