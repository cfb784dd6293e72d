/**
 * The CI variant of `npm run load`: 64 connections for 8 s (after a 2 s warm-up) against the
 * local API in a child process, with every detector's normal and anomalous readings. Zero 5xx,
 * zero dropped requests (errors, timeouts, non-2xx and non-prediction bodies all count), and
 * resident memory within 10 % between the first and last third of the run.
 */

import { DETECTORS } from "../../lambdas/catalog";
import { type LoadReport, loadProblems, MAX_RSS_GROWTH, requestMix, runLocalApiLoad } from "./local-api-load";

const OPTIONS = { connections: 64, durationSeconds: 8, warmUpSeconds: 2, windowSeconds: 8 / 3 } as const;

describe("the local API under load (CI variant of npm run load)", () => {
  let report: LoadReport;

  beforeAll(async () => {
    report = await runLocalApiLoad(OPTIONS);
  }, 60_000);

  it("mixes every detector's normal and anomalous readings, alone and in batches", () => {
    const paths = new Set(requestMix().map((r) => r.path));
    expect(paths.size).toBe(DETECTORS.length);
    expect(requestMix()).toHaveLength(3 * DETECTORS.length);
  });

  it("answers every request with a 200 prediction: no 5xx, nothing dropped", () => {
    expect(report.completed).toBeGreaterThan(OPTIONS.durationSeconds * 100);
    expect(Object.keys(report.statuses)).toEqual(["200"]);
    expect(loadProblems(report).filter((p) => !p.startsWith("resident memory"))).toEqual([]);
  });

  it(`keeps resident memory within ${MAX_RSS_GROWTH * 100} % between the first and last third`, () => {
    expect(report.rss.samples).toBeGreaterThanOrEqual(20);
    expect(report.rss.growth).toBeLessThanOrEqual(MAX_RSS_GROWTH);
  });

  it("judges a run by its numbers: a 5xx, a dropped request or a leak fails it", () => {
    const bad = (change: Partial<LoadReport>) => loadProblems({ ...report, ...change });
    expect(bad({ statuses: { "200": 10, "503": 1 }, non2xx: 1 })).toEqual(
      expect.arrayContaining(["1 responses were 5xx"]),
    );
    expect(bad({ sent: report.completed + report.connections + 1 })).toContain(
      `${report.connections + 1} requests sent were never answered`,
    );
    expect(bad({ rss: { ...report.rss, growth: 0.25, firstWindowMb: 100, lastWindowMb: 125 } })).toContain(
      "resident memory grew 25.0 % (100.0 → 125.0 MB), over 10 %",
    );
  });
});
