/**
 * Reads one exported series from CSV text: a header `timestamp,value`, then one point per line,
 * timestamps as epoch seconds or ISO-8601 (a time without a zone is UTC, as NAB's files write it),
 * never decreasing. Every problem names its line.
 */
import { parseTimestamp } from "../detection/series/series-input";

/** A parsed series, oldest first. */
export interface CsvSeries {
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

/** The series, or what is wrong with the text. */
export type CsvResult =
  | { readonly ok: true; readonly series: CsvSeries }
  | { readonly ok: false; readonly problem: string };

const EPOCH = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Epoch seconds of a timestamp cell, or what is wrong with it: a number cell is epoch seconds, any
 * other an ISO-8601 date-time, both read by the series core's own parser (as the API reads them).
 */
export function parseTimestampCell(
  cell: string,
): { ok: true; seconds: number } | { ok: false; message: string } {
  const text = cell.trim();
  return parseTimestamp(EPOCH.test(text) ? Number(text) : text);
}

/** Parses CSV text; `name` (the file) prefixes every problem. */
export function parseCsvSeries(text: string, name: string): CsvResult {
  const lines = text.split(/\r?\n/);
  const header = lines[0]
    ?.replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, "");
  if (header !== "timestamp,value") {
    return { ok: false, problem: `${name}: line 1 must be the header "timestamp,value"` };
  }
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    const cells = line.split(",");
    if (cells.length !== 2)
      return { ok: false, problem: `${name}: line ${i + 1} must have two cells, timestamp,value` };
    const parsed = parseTimestampCell(cells[0]!);
    if (!parsed.ok) return { ok: false, problem: `${name}: line ${i + 1}: the timestamp ${parsed.message}` };
    const t = parsed.seconds;
    const valueText = cells[1]!.trim();
    const value = Number(valueText);
    if (valueText === "" || !Number.isFinite(value)) {
      return {
        ok: false,
        problem: `${name}: line ${i + 1}: ${JSON.stringify(cells[1])} is not a finite number`,
      };
    }
    if (timestamps.length > 0 && t < timestamps[timestamps.length - 1]!) {
      return { ok: false, problem: `${name}: line ${i + 1}: time goes backwards` };
    }
    timestamps.push(t);
    values.push(value);
  }
  if (timestamps.length === 0) return { ok: false, problem: `${name}: has no data lines` };
  return {
    ok: true,
    series: { timestamps: Float64Array.from(timestamps), values: Float64Array.from(values) },
  };
}
