/**
 * Labelled proxy A (models/training/series/labelled-proxy-a.ts): deterministic, NAB's window rule,
 * labels where NAB scores them, values in each metric's range.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  generateLabelledProxy,
  labelledProxyFiles,
  nabTimestamp,
  nabWindows,
  probationRows,
  writeLabelledProxy,
} from "../../models/training/series/labelled-proxy-a";

describe("labelled proxy A", () => {
  const seed = 101;
  const series = generateLabelledProxy(seed);

  test("the same seed writes byte-identical files; another seed other files", () => {
    const a = mkdtempSync(join(tmpdir(), "proxy-a-"));
    const b = mkdtempSync(join(tmpdir(), "proxy-a-"));
    try {
      writeLabelledProxy(a, seed);
      writeLabelledProxy(b, seed);
      const list = (dir: string) =>
        readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => join(e.parentPath, e.name).slice(dir.length))
          .sort();
      expect(list(b)).toEqual(list(a));
      expect(list(a).filter((p) => p.endsWith(".csv"))).toHaveLength(35);
      for (const p of list(a)) expect(readFileSync(join(b, p)).equals(readFileSync(join(a, p)))).toBe(true);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
    const other = labelledProxyFiles(seed + 1);
    const same = labelledProxyFiles(seed);
    expect(other.get(join("labels", "combined_windows.json"))).not.toEqual(
      same.get(join("labels", "combined_windows.json")),
    );
  });

  test("windows follow NAB's labeller: 10 % of the rows shared among the labels, centred", () => {
    // 1,000 rows, one label: length int(0.1 × 1000 / 1) = 100, half 50.
    expect(nabWindows(1000, [500])).toEqual([[450, 550]]);
    // Two labels: length 50 each, half 25.
    expect(nabWindows(1000, [700, 300])).toEqual([
      [275, 325],
      [675, 725],
    ]);
    // 1,030 rows: length int(103) = 103, an odd length, so half int(51): 103 rows' span is 102 + 1.
    expect(nabWindows(1030, [600])).toEqual([[549, 651]]);
    // Clipped at the last row.
    expect(nabWindows(1000, [990])).toEqual([[940, 999]]);
    // A first window starting inside the probation (150 rows) is dropped.
    expect(probationRows(1000)).toBe(150);
    expect(nabWindows(1000, [170, 600])).toEqual([[575, 625]]);
    // Windows that overlap are merged.
    expect(nabWindows(1000, [500, 540])).toEqual([[475, 565]]);
    // Probation is capped at 750 rows (15 % of 5,000).
    expect(probationRows(4032)).toBe(604);
    expect(probationRows(20160)).toBe(750);
  });

  test("every label is after the probation and inside its series, one window per label, as written", () => {
    const written = JSON.parse(
      labelledProxyFiles(seed).get(join("labels", "combined_windows.json")) ?? "{}",
    ) as Record<string, string[][]>;
    expect(Object.keys(written).sort()).toEqual(series.map((s) => s.name).sort());
    let incidents = 0;
    for (const s of series) {
      const n = s.values.length;
      expect(s.incidents.length).toBeGreaterThanOrEqual(1);
      expect(s.incidents.length).toBeLessThanOrEqual(3);
      const half = Math.floor(Math.trunc((0.1 * n) / s.incidents.length) / 2);
      expect(s.windows).toHaveLength(s.incidents.length);
      s.incidents.forEach((x, k) => {
        expect(x.onset).toBeGreaterThanOrEqual(probationRows(n));
        expect(x.onset).toBeGreaterThan(0.15 * n);
        expect(x.end).toBeGreaterThanOrEqual(x.onset);
        expect(x.end).toBeLessThan(n);
        // The window is centred on the label and lies wholly after the probation.
        expect(s.windows[k]).toEqual([x.onset - half, Math.min(x.onset + half, n - 1)]);
        expect(s.windows[k][0]).toBeGreaterThanOrEqual(probationRows(n));
        if (k > 0) expect(s.windows[k][0]).toBeGreaterThan(s.windows[k - 1][1]);
      });
      expect(written[s.name]).toEqual(
        s.windows.map(([a, b]) => [
          `${nabTimestamp(s.timestamps[a])}.000000`,
          `${nabTimestamp(s.timestamps[b])}.000000`,
        ]),
      );
      incidents += s.incidents.length;
    }
    expect(incidents).toBeGreaterThanOrEqual(45);
    expect(incidents).toBeLessThanOrEqual(80);
  });

  test("values are in each metric's range; stamps strictly increase; CSVs as the kit reads them", () => {
    const files = labelledProxyFiles(seed);
    for (const s of series) {
      expect(s.values.length).toBeGreaterThanOrEqual(700);
      expect(s.values.length).toBeLessThanOrEqual(4032);
      const bad: string[] = [];
      for (let i = 0; i < s.values.length; i++) {
        const v = s.values[i];
        if (!Number.isFinite(v) || v < 0 || (s.family === "cpu" && v > 100))
          bad.push(`${s.name} row ${i}: ${v}`);
        if (i > 0 && !(s.timestamps[i] > s.timestamps[i - 1])) bad.push(`${s.name} row ${i}: stamp`);
      }
      expect(bad).toEqual([]);
      const lines = (files.get(join("data", s.name)) ?? "").trimEnd().split("\n");
      expect(lines[0]).toBe("timestamp,value");
      expect(lines).toHaveLength(s.values.length + 1);
      expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d+(\.\d+)?$/);
    }
    // Every metric kind is there, and the incident kinds are varied.
    expect(new Set(series.map((s) => s.metric)).size).toBe(6);
    expect(new Set(series.flatMap((s) => s.incidents.map((x) => x.kind))).size).toBeGreaterThanOrEqual(7);
  });
});
