/**
 * Reads one exported series from CSV text: a header `timestamp,value`, then one point per line,
 * timestamps as epoch seconds or ISO-8601 (a time without a zone is UTC, as NAB's files write it),
 * never decreasing. Every problem names its line.
 */

/** A parsed series, oldest first. */
export interface CsvSeries {
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

/** The series, or what is wrong with the text. */
export type CsvResult =
  | { readonly ok: true; readonly series: CsvSeries }
  | { readonly ok: false; readonly problem: string };

const EPOCH = /^-?\d+(?:\.\d+)?$/;
// Date, then T or a space, then time with optional fraction, then an optional zone.
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch seconds of a timestamp cell, or undefined when it is neither a number nor ISO-8601. */
export function parseTimestamp(cell: string): number | undefined {
  const text = cell.trim();
  if (EPOCH.test(text)) return Number(text);
  const m = ISO.exec(text);
  if (!m) return undefined;
  const zone = m[8] === undefined || m[8] === "Z" ? "Z" : `${m[8].slice(0, 3)}:${m[8].slice(-2)}`;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}${m[7] ?? ""}${zone}`);
  if (!Number.isFinite(ms)) return undefined;
  // Date.parse rolls 2023-02-30 over into March: the local date must read back as written.
  const sign = zone.startsWith("-") ? -1 : 1;
  const offsetMinutes = zone === "Z" ? 0 : sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  const local = new Date(ms + offsetMinutes * 60_000);
  if (local.getUTCDate() !== Number(m[3]) || local.getUTCMonth() + 1 !== Number(m[2])) return undefined;
  return ms / 1000;
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
    const t = parseTimestamp(cells[0]!);
    if (t === undefined) {
      return {
        ok: false,
        problem: `${name}: line ${i + 1}: ${JSON.stringify(cells[0])} is not epoch seconds or ISO-8601`,
      };
    }
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
