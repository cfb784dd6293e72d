/**
 * One watcher run and the stateless rule across runs: the window each run reads, every complete
 * point new in exactly one run, and an incident alerted once, in the run where it starts, however
 * many runs it lasts.
 */
import fc from "fast-check";
import { completeCount, firstNewIndex, runWindow, SETTLE_SECONDS } from "../../lambdas/watcher/run-window";
import { type NewIncident, watchRun } from "../../lambdas/watcher/watch-run";
import { fakeSeriesScorer } from "../support/fake-series-scorer";
import { MemoryMetricSource, regularSeries } from "../support/memory-metric-source";
import { DAY, EC2_CPU, T0 } from "../support/watch-fixtures";

const cpu = EC2_CPU;
const plan = { scheduleSeconds: 300, historySeconds: 2 * DAY };

describe("runWindow", () => {
  it("rounds the scheduled time down to the schedule and ends the window SETTLE_SECONDS before it", () => {
    const w = runWindow(T0 + 7 * 60 + 13, plan); // 00:07:13
    expect(w.runTime).toBe(T0 + 300);
    expect(w.end).toBe(T0 + 300 - SETTLE_SECONDS);
    expect(w.start).toBe(Math.floor((w.end - 2 * DAY) / DAY) * DAY); // the midnight on or before
    expect(w.start).toBeLessThanOrEqual(w.end - 2 * DAY);
    expect(w.newAfter).toBe(w.end - 300);
  });

  it("starts the history of every run of a day at the same midnight", () => {
    const starts = new Set(
      Array.from({ length: 287 }, (_, run) => runWindow(T0 + SETTLE_SECONDS + 300 * (run + 1), plan).start),
    );
    expect([...starts]).toEqual([T0 - 2 * DAY]);
  });

  it("counts complete points (period ended by the window's end) and finds the first new one", () => {
    const w = runWindow(T0, plan);
    const ts = Float64Array.from([w.end - 900, w.end - 600, w.end - 300, w.end - 60]);
    expect(completeCount(ts, 300, w)).toBe(3);
    expect(firstNewIndex(ts, 3, 300, w)).toBe(2);
    expect(firstNewIndex(ts, 3, 60, w)).toBe(2); // a 1-minute point is new when it ended within the last 5 minutes
  });

  it("makes every complete point new in exactly one of consecutive runs", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(60, 300, 900),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 86_399 }),
        (period, multiple, offset) => {
          const schedule = 300 * multiple;
          const timestamps = Float64Array.from({ length: 200 }, (_, i) => T0 + i * period);
          const seen = new Map<number, number>();
          const first = T0 + offset;
          for (let run = 0; run * schedule < 200 * period + 2 * schedule + SETTLE_SECONDS; run++) {
            const w = runWindow(first + run * schedule, {
              scheduleSeconds: schedule,
              historySeconds: 2 * DAY,
            });
            const inWindow = timestamps.filter((t) => t >= w.start && t < w.end);
            const count = completeCount(inWindow, period, w);
            for (let i = firstNewIndex(inWindow, count, period, w); i < count; i++) {
              seen.set(inWindow[i]!, (seen.get(inWindow[i]!) ?? 0) + 1);
            }
          }
          // Points that ended after the first run's window were complete in some later run: each exactly once.
          const firstWindow = runWindow(first, { scheduleSeconds: schedule, historySeconds: 2 * DAY });
          const expected = [...timestamps].filter((t) => t + period > firstWindow.newAfter);
          return expected.every((t) => seen.get(t) === 1) && [...seen.values()].every((n) => n === 1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("watchRun", () => {
  /** Steady 40 % CPU with a small wave, and a spike of 95 % for `length` points from `at`. */
  function cpuWithSpike(at: number, length: number) {
    return regularSeries(T0 - 2 * DAY, 300, 2 * 288 + 48, (i) =>
      i >= at && i < at + length ? 95 : 40 + Math.sin(i / 5),
    );
  }

  it("reports an incident once, in the run where it starts, though it lasts three runs", async () => {
    const spikeAt = 2 * 288 + 10; // 10 points after T0
    const source = new MemoryMetricSource();
    source.put(cpu, cpuWithSpike(spikeAt, 3));
    const scorer = fakeSeriesScorer("cpu");
    const scorers = new Map([["cpu", scorer]]);
    const alerted: { run: number; incident: NewIncident }[] = [];
    let anomalies = 0;
    for (let run = 0; run < 30; run++) {
      const window = runWindow(T0 + run * 300, plan);
      const report = await watchRun([cpu], window, { source, scorers });
      for (const incident of report.incidents) alerted.push({ run, incident });
      anomalies += report.counts.get("cpu")?.anomalies ?? 0;
    }
    expect(alerted).toHaveLength(1);
    const spikeTime = T0 + 10 * 300;
    expect(alerted[0]!.incident.start.t).toBe(spikeTime);
    expect(alerted[0]!.incident.start.value).toBe(95);
    expect(alerted[0]!.incident.resource).toBe("i-0123456789abcdef0");
    // The spike's point ends at spikeTime + 300; it is new in the run whose window ends then.
    expect(alerted[0]!.run).toBe((spikeTime + 300 + SETTLE_SECONDS - T0) / 300);
    expect(anomalies).toBe(3); // each flagged point counted once, in the run it was new
    // Every run scores its whole window, which starts at the midnight two days before its end: the
    // first run's reaches back past the series' start (575 points); from then on T0 - 2 days, so
    // run k (k >= 1) scores the 576 points of those two days and its k - 1 points since T0.
    const laterRuns = Array.from({ length: 29 }, (_, k) => 576 + k);
    expect(scorer.scored).toBe(575 + laterRuns.reduce((a, b) => a + b, 0));
  });

  it("alerts again for a second incident after the first one ended", async () => {
    const source = new MemoryMetricSource();
    const series = cpuWithSpike(2 * 288 + 5, 2);
    series.values[2 * 288 + 30] = 3; // a dip, well after the spike
    source.put(cpu, series);
    const scorers = new Map([["cpu", fakeSeriesScorer("cpu")]]);
    const starts: number[] = [];
    for (let run = 0; run < 40; run++) {
      const report = await watchRun([cpu], runWindow(T0 + run * 300, plan), { source, scorers });
      starts.push(...report.incidents.map((i) => (i.start.t - T0) / 300));
    }
    expect(starts).toEqual([5, 30]);
  });

  it("reports unreadable metrics and metrics without a scorer, and scores the others", async () => {
    const source = new MemoryMetricSource();
    source.put(cpu, cpuWithSpike(-1, 0));
    const network = { ...cpu, detector: "network", metricName: "NetworkIn", stat: "Sum" };
    source.put(network, cpuWithSpike(-1, 0));
    const missing = { ...cpu, dimensions: { InstanceId: "i-00000000000000001" } };
    const report = await watchRun([cpu, missing, network], runWindow(T0, plan), {
      source,
      scorers: new Map([["cpu", fakeSeriesScorer("cpu")]]),
    });
    expect(report.outcomes.map((o) => o.resource)).toEqual(["i-0123456789abcdef0"]);
    expect(report.outcomes[0]!.points).toBe(575);
    expect(report.outcomes[0]!.newPoints).toHaveLength(1);
    expect(report.unread.map((u) => [u.metric.dimensions.InstanceId, u.reason])).toEqual([
      ["i-00000000000000001", "no such metric"],
      ["i-0123456789abcdef0", "no series scorer for detector network"],
    ]);
    expect([...report.counts]).toEqual([["cpu", { predictions: 1, anomalies: 0 }]]);
  });
});
