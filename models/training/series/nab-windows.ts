/**
 * NAB's labelling arithmetic, for writing NAB-style folders the scoring kit reads (the labelled
 * proxy sets): probation, windows and timestamps. The rule is numenta/NAB's labeller (applyWindows +
 * checkWindows, Python 2 integer maths): windowLength = int(0.10 * rows / labels); each window runs
 * from label - windowLength/2 to label + windowLength/2 (floor division, clipped to the file); a first
 * window that starts inside probation (min(floor(0.15 * rows), 750) rows) is deleted; windows that
 * touch or overlap are merged.
 */

/** The share of a file's rows its windows cover together. */
export const WINDOW_SHARE = 0.1;
/** The share of a file's first rows that is probation (at most this share of 5,000 rows). */
export const PROBATION_SHARE = 0.15;

/** NAB's probation: min(floor(15 % of the rows), 15 % of 5,000). */
export function probationRows(rows: number): number {
  return Math.min(Math.floor(PROBATION_SHARE * rows), PROBATION_SHARE * 5000);
}

/** NAB's windows, as [firstRow, lastRow] inclusive, for labels at these row indices (any order). */
export function nabWindows(rows: number, labels: readonly number[]): [number, number][] {
  if (labels.length === 0) return [];
  const sorted = [...labels].sort((a, b) => a - b);
  const length = Math.trunc((WINDOW_SHARE * rows) / sorted.length);
  const half = Math.floor(length / 2);
  const windows: [number, number][] = sorted.map((a) => [
    Math.max(a - half, 0),
    Math.min(a + half, rows - 1),
  ]);
  if (windows[0][0] < probationRows(rows)) windows.shift();
  let i = 0;
  while (windows.length - 1 > i) {
    if (windows[i + 1][0] <= windows[i][1]) {
      windows[i] = [windows[i][0], windows[i + 1][1]];
      windows.splice(i + 1, 1);
    }
    i++;
  }
  return windows;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM-DD HH:MM:SS" (UTC) of epoch seconds, as NAB's data files write time. */
export function nabTimestamp(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
