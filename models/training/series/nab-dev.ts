/**
 * Reads ../shared/datasets/nab-dev (NAB's corpus minus its held-out folder): every series with its
 * labelled anomaly windows and points, as indices. Timestamps go through the series core's own
 * parser; a timestamp that steps back (NAB has one, in machine_temperature_system_failure) is held
 * at the previous one, as the detector program does, since the core takes non-decreasing time.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseTimestamp } from "../../../lambdas/detection/series/series-input";

/** Where nab-dev sits beside the repository. */
export const NAB_DEV_DIR = resolve(__dirname, "../../../../shared/datasets/nab-dev");

/** One NAB series. */
export interface NabSeries {
  /** "<category>/<file>.csv". */
  readonly name: string;
  readonly category: string;
  /** Epoch seconds, made non-decreasing. */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** Anomaly windows as [first row, last row] (rows of the first occurrence of each end's timestamp). */
  readonly windows: readonly (readonly [number, number])[];
  /** Rows of NAB's labelled anomaly points. */
  readonly labels: readonly number[];
}

function seconds(text: string): number {
  const parsed = parseTimestamp(text);
  if (!parsed.ok) throw new Error(`nab-dev: timestamp ${text} ${parsed.message}`);
  return parsed.seconds;
}

/** Reads a NAB data CSV (timestamp,value with a header). */
export function parseNabCsv(
  text: string,
  name: string,
): { timestamps: Float64Array; values: Float64Array; raw: number[] } {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines[0]?.trim() !== "timestamp,value") throw new Error(`${name}: expected a timestamp,value header`);
  const n = lines.length - 1;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  const raw: number[] = [];
  for (let i = 0; i < n; i++) {
    const [t, v] = lines[i + 1].split(",");
    const ts = seconds(t);
    raw.push(ts);
    timestamps[i] = i > 0 ? Math.max(ts, timestamps[i - 1]) : ts;
    values[i] = Number(v);
    if (!Number.isFinite(values[i])) throw new Error(`${name}: line ${i + 2}: bad value ${v}`);
  }
  return { timestamps, values, raw };
}

/** Every series of a NAB-style folder, sorted by name (the kit's order). */
export function readNabDev(dir: string = NAB_DEV_DIR): NabSeries[] {
  const windows = JSON.parse(readFileSync(join(dir, "labels", "combined_windows.json"), "utf8")) as Record<
    string,
    [string, string][]
  >;
  const labels = JSON.parse(readFileSync(join(dir, "labels", "combined_labels.json"), "utf8")) as Record<
    string,
    string[]
  >;
  const out: NabSeries[] = [];
  const categories = readdirSync(join(dir, "data")).sort();
  for (const category of categories) {
    for (const file of readdirSync(join(dir, "data", category))
      .filter((f) => f.endsWith(".csv"))
      .sort()) {
      const name = `${category}/${file}`;
      const parsed = parseNabCsv(readFileSync(join(dir, "data", category, file), "utf8"), name);
      const firstRow = new Map<number, number>();
      parsed.raw.forEach((t, i) => {
        if (!firstRow.has(t)) firstRow.set(t, i);
      });
      const row = (text: string) => {
        const i = firstRow.get(seconds(text));
        if (i === undefined) throw new Error(`${name}: window end ${text} is not a row`);
        return i;
      };
      const rowAtOrAfter = (text: string) => {
        const t = seconds(text);
        const i = parsed.raw.findIndex((x) => x >= t);
        return i < 0 ? parsed.raw.length - 1 : i;
      };
      out.push({
        name,
        category,
        timestamps: parsed.timestamps,
        values: parsed.values,
        windows: (windows[name] ?? []).map(([a, b]) => [row(a), row(b)] as const),
        labels: (labels[name] ?? []).map(rowAtOrAfter),
      });
    }
  }
  return out;
}
