/**
 * The backtest: arguments, the replay of example series through the watcher's run code (one
 * alert per injected incident, at its start), the printed lines, and a byte-identical report
 * for the same input. Scored with the stand-in scorer; the real model's figures are in the docs.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileMetricSource } from "../../lambdas/metric-source/file-metric-source";
import type { SeriesScorers } from "../../lambdas/watcher/series-scorer";
import { parseBacktestArgs, runBacktest } from "../../scripts/backtest/backtest-command";
import { EXAMPLE_START, exampleSeries, writeExampleSeries } from "../../scripts/backtest/example-series";
import { replay } from "../../scripts/backtest/replay";
import { fakeSeriesScorer } from "../support/fake-series-scorer";

const DAYS = 3;
let dir: string;
const scorers = (): SeriesScorers =>
  new Map(["cpu", "network", "storage"].map((d) => [d, fakeSeriesScorer(d)]));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "helios-backtest-"));
  await writeExampleSeries(join(dir, "data"), exampleSeries(DAYS));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("parseBacktestArgs", () => {
  it("reads DIR and the options, with the watcher's defaults", () => {
    expect(parseBacktestArgs(["data"])).toMatchObject({
      dir: expect.stringMatching(/\/data$/),
      scheduleMinutes: 5,
      historyDays: 7,
    });
    expect(
      parseBacktestArgs(["data", "--out", "r", "--schedule", "rate(10 minutes)", "--history-days", "2"]),
    ).toMatchObject({
      out: expect.stringMatching(/\/r$/),
      scheduleMinutes: 10,
      historyDays: 2,
    });
  });
  it.each([
    [[], "DIR is missing"],
    [["a", "b"], "one DIR only (got"],
    [["a", "--out"], "--out needs a value"],
    [["a", "--history-days", "15"], "--history-days must be a whole number from 1 to 14"],
    [["a", "--schedule", "0"], '--schedule: "0" is not a whole number of minutes'],
    [["a", "--fast"], "unknown option --fast"],
  ])("rejects %j", (args, message) => {
    expect(parseBacktestArgs(args)).toEqual(expect.stringContaining(message));
  });
});

describe("runBacktest", () => {
  it("prints one JSON line per alert, at each injected incident's start, and a summary", async () => {
    const lines: string[] = [];
    const out = join(dir, "report");
    const options = { dir: join(dir, "data"), out, scheduleMinutes: 10, historyDays: 1 };
    const { report, alerts } = await runBacktest(options, scorers(), (line) => lines.push(line));
    expect(report).toBe(join(out, "index.html"));
    const n = (DAYS * 86_400) / 300;
    expect(lines.at(-1)).toMatch(
      new RegExp(`^backtest: 3 series, ${3 * n} points, ${alerts} alerts \\(\\d+ runs replayed\\)$`),
    );
    const parsed = lines.slice(0, -1).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toHaveLength(alerts);
    for (const alert of parsed) {
      expect(Object.keys(alert)).toEqual(["detector", "resource", "time", "value", "score", "expected"]);
      expect((alert.expected as number[]).length).toBe(2);
      // The score and the expected range as the watcher's alert rounds them: six significant digits.
      for (const n of [alert.score, ...(alert.expected as number[])] as number[]) {
        expect(n).toBe(Number(n.toPrecision(6)));
      }
    }
    const startOf = (fraction: number) =>
      new Date((EXAMPLE_START + Math.round(n * fraction) * 300) * 1000).toISOString();
    const find = (detector: string) => parsed.filter((a) => a.detector === detector).map((a) => a.time);
    expect(find("cpu")).toContain(startOf(0.8)); // the CPU spike
    expect(find("network")).toContain(startOf(0.88)); // the traffic drop
    expect(find("storage")).toContain(startOf(0.72)); // the write level shift
    // Each incident once: the spike's six points and the drop's 24 do not alert again.
    expect(find("cpu").filter((t) => t === startOf(0.8))).toHaveLength(1);
    expect(
      find("network").filter((t) => (t as string) > startOf(0.88) && (t as string) < startOf(0.88 + 24 / n)),
    ).toEqual([]);
  });

  it("writes the same report bytes for the same input", async () => {
    const write = async (out: string) => {
      await runBacktest(
        { dir: join(dir, "data"), out, scheduleMinutes: 60, historyDays: 1 },
        scorers(),
        () => undefined,
      );
      return readFileSync(join(out, "index.html"), "utf8");
    };
    const first = await write(join(dir, "a"));
    expect(await write(join(dir, "b"))).toBe(first);
    expect(first).toContain("<title>Helios backtest: 3 series,");
    expect(first.match(/<svg /g)).toHaveLength(3);
  });

  it("gives exactly what replaying every run with its own scoring gives (the shared prefix is only faster)", async () => {
    const source = await FileMetricSource.open(join(dir, "data"));
    const plan = { scheduleSeconds: 1800, historySeconds: 86_400 };
    const shared = await replay(source, scorers(), plan, true);
    const each = await replay(source, scorers(), plan, false);
    expect(shared.map((r) => r.alerts.length).reduce((a, b) => a + b)).toBeGreaterThan(0);
    expect(shared).toEqual(each);
  });

  it("names the file and line of a malformed CSV", async () => {
    const bad = join(dir, "bad");
    await writeExampleSeries(bad, [
      {
        file: "cpu/x.csv",
        rows: [
          [EXAMPLE_START, 1],
          [EXAMPLE_START - 300, 2],
        ],
      },
    ]);
    await expect(
      runBacktest(
        { dir: bad, out: join(dir, "r2"), scheduleMinutes: 5, historyDays: 7 },
        scorers(),
        () => undefined,
      ),
    ).rejects.toThrow("cpu/x.csv: line 3: time goes backwards");
  });
});
