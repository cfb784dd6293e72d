/** The series section of docs/benchmarks.md: figures, verdicts against the targets, and splicing. */
import type { MachineInfo } from "../../bench/machine";
import { SERIES_LIMIT_MS, type SeriesLatency } from "../../bench/series-latency";
import {
  renderSeriesSection,
  SERIES_BEGIN,
  SERIES_END,
  spliceSeriesSection,
} from "../../bench/series-report";

const machine: MachineInfo = {
  date: "2026-11-28T19:00:00.000Z",
  cores: 2,
  cpuModel: "Test CPU",
  memoryGb: 8,
  nodeVersion: "v20",
  platform: "linux x64",
  loadAverageAtStart: "1.00",
  loadAverageAtEnd: "1.50",
} as unknown as MachineInfo;

function latency(points: number, p50: number): SeriesLatency {
  return {
    points,
    stepS: points === 4_032 ? 300 : 60,
    total: { count: 30, p50, p99: p50 * 1.5, min: p50 * 0.9, max: p50 * 2, mean: p50 },
    featuresMs: p50 / 3,
    modelMs: p50 / 2,
    decisionMs: p50 / 10,
    perPointUs: (p50 * 1000) / points,
    limitMs: SERIES_LIMIT_MS[points],
  };
}

describe("series benchmark report", () => {
  test("one row per size with its target verdict and per-point cost", () => {
    const section = renderSeriesSection({ machine, series: [latency(4_032, 4), latency(20_160, 60)] });
    expect(section.startsWith(SERIES_BEGIN)).toBe(true);
    expect(section.endsWith(SERIES_END)).toBe(true);
    expect(section).toMatch(
      /\| 4,032 points \(14 days at 5 min\) \| 4\.00 \| 6\.00 \| ≤ 10 \| met \|.*\| 0\.99 \|/,
    );
    expect(section).toMatch(
      /\| 20,160 points \(14 days at 1 min\) \| 60\.00 \| 90\.00 \| ≤ 50 \| \*\*not met\*\* \|/,
    );
  });

  test("quotes the single-reading figures it is given, and says where they come from", () => {
    const section = renderSeriesSection({
      machine,
      series: [latency(4_032, 4)],
      singleReadingUs: 78,
      batchItemUs: 2.46,
      comparedFrom: "the last full run",
    });
    expect(section).toContain(
      "in the last full run a single cpu reading through the warm handler took 78 µs",
    );
  });

  test("splicing replaces the old section, or appends one", () => {
    const section = renderSeriesSection({ machine, series: [latency(4_032, 4)] });
    const appended = spliceSeriesSection("# Benchmarks\n", section);
    expect(appended).toBe(`# Benchmarks\n\n${section}\n`);
    const replaced = spliceSeriesSection(`${appended}after\n`, section.replace("4.00", "5.00"));
    expect(replaced).toContain("5.00");
    expect(replaced).not.toContain("| 4.00 |");
    expect(replaced.endsWith("after\n")).toBe(true);
  });
});
