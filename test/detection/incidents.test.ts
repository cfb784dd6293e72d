/** The incident rule: flagged points closer than the gap are one incident; the peak is its top score. */
import { findIncidents, INCIDENT_GAP_S } from "../../lambdas/detection/series/incidents";

function points(
  flags: readonly [t: number, score: number][],
  n = 100,
): { t: number; score: number; anomaly: 0 | 1 }[] {
  const byT = new Map(flags);
  return Array.from({ length: n }, (_, i) => {
    const t = i * 600;
    const score = byT.get(t) ?? 0.1;
    return { t, score, anomaly: byT.has(t) ? 1 : 0 };
  });
}

describe("findIncidents", () => {
  test("no flagged point, no incident", () => {
    expect(findIncidents(points([]))).toEqual([]);
  });

  test("flags less than the gap apart are one incident, running from the first to the last flag", () => {
    const p = points([
      [6_000, 0.7],
      [9_000, 0.9],
      [6_000 + INCIDENT_GAP_S + 600, 0.8],
    ]);
    expect(findIncidents(p)).toEqual([{ start: 10, end: 47, peak: 15 }]);
  });

  test("a flag the gap or more after the previous one starts a new incident", () => {
    const p = points([
      [6_000, 0.7],
      [6_000 + INCIDENT_GAP_S, 0.8],
    ]);
    expect(findIncidents(p)).toEqual([
      { start: 10, end: 10, peak: 10 },
      { start: 46, end: 46, peak: 46 },
    ]);
  });

  test("the peak may be an unflagged point between flags with a higher score", () => {
    const p = points([
      [0, 0.6],
      [1_800, 0.6],
    ]);
    p[2] = { ...p[2], score: 0.95 };
    expect(findIncidents(p, 3_600)).toEqual([{ start: 0, end: 3, peak: 2 }]);
  });

  test("recomputing on a longer window tells a new incident from a continuing one", () => {
    const earlier = points([[6_000, 0.7]], 40);
    const later = points(
      [
        [6_000, 0.7],
        [18_000, 0.8],
      ],
      60,
    );
    const known = new Set(findIncidents(earlier).map((i) => earlier[i.start].t));
    const fresh = findIncidents(later).filter((i) => !known.has(later[i.start].t));
    expect(fresh).toEqual([]);
    const afterGap = points(
      [
        [6_000, 0.7],
        [6_000 + INCIDENT_GAP_S, 0.8],
      ],
      60,
    );
    expect(findIncidents(afterGap).filter((i) => !known.has(afterGap[i.start].t))).toHaveLength(1);
  });
});
