/** The benchmark's pure pieces: statistics, the cost model, targets, the chart and the Markdown. */
import { deflateRawSync } from "node:zlib";
import { zipArchiveBytes } from "../../bench/asset-sizes";
import { escapeXml, renderLatencyChart, tickStep } from "../../bench/chart-svg";
import { costPerMillionPredictions, DEFAULT_PRICES } from "../../bench/cost-model";
import {
  BEGIN_MARKER,
  END_MARKER,
  functionLabel,
  renderResults,
  spliceResults,
  table,
  usd,
} from "../../bench/report-markdown";
import type { BenchResults } from "../../bench/results";
import { median, percentile, relativeSpread, summarize } from "../../bench/stats";
import { evaluateTargets, handlerLimitUs, summarizeVerdicts } from "../../bench/targets";
import { DETECTORS } from "../../lambdas/catalog";

describe("statistics", () => {
  it("interpolates percentiles between ranks", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 0, 5], 0)).toBe(0);
    expect(percentile([10, 0, 5], 100)).toBe(10);
    expect(percentile([0, 10], 99)).toBeCloseTo(9.9, 10);
    expect(median([7])).toBe(7);
  });

  it("does not reorder the caller's samples", () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it("rejects empty samples and out-of-range percentiles", () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 101)).toThrow(/between 0 and 100/);
    expect(() => summarize([])).toThrow();
  });

  it("summarizes and measures the spread of repeats", () => {
    const summary = summarize(Array.from({ length: 101 }, (_, i) => i));
    expect(summary).toMatchObject({ count: 101, p50: 50, p99: 99, min: 0, max: 100, mean: 50 });
    expect(relativeSpread([90, 100, 110])).toBeCloseTo(0.2, 10);
    expect(relativeSpread([5, 5])).toBe(0);
  });
});

describe("cost model", () => {
  it("bills a sub-millisecond request as 1 ms at the configured memory", () => {
    const cost = costPerMillionPredictions({ measuredMs: 0.1, memoryMb: 1024, predictionsPerRequest: 1 });
    expect(cost.billedMs).toBe(1);
    // 1e6 requests × 0.001 s × 1 GB × price
    expect(cost.lambdaComputePerMillion).toBeCloseTo(1e6 * 0.001 * DEFAULT_PRICES.lambdaPerGbSecond, 10);
    expect(cost.lambdaRequestsPerMillion).toBeCloseTo(0.2, 10);
    expect(cost.apiGatewayPerMillion).toBeCloseTo(3.5, 10);
    expect(cost.totalPerMillion).toBeCloseTo(3.7 + 1e3 * DEFAULT_PRICES.lambdaPerGbSecond, 10);
  });

  it("stretches the duration below a full vCPU and rounds up to whole milliseconds", () => {
    const cost = costPerMillionPredictions({ measuredMs: 10, memoryMb: 512, predictionsPerRequest: 1 });
    expect(cost.lambdaDurationMs).toBeCloseTo((10 * 1769) / 512, 10);
    expect(cost.billedMs).toBe(35);
    const full = costPerMillionPredictions({ measuredMs: 10, memoryMb: 2048, predictionsPerRequest: 1 });
    expect(full.lambdaDurationMs).toBe(10);
  });

  it("divides per-request charges by the batch size", () => {
    const batch = costPerMillionPredictions({
      measuredMs: 40,
      memoryMb: 1769,
      predictionsPerRequest: 10_000,
    });
    expect(batch.apiGatewayPerMillion).toBeCloseTo(3.5 / 10_000, 12);
    expect(batch.lambdaComputePerMillion).toBeCloseTo(
      100 * 0.04 * (1769 / 1024) * DEFAULT_PRICES.lambdaPerGbSecond,
      12,
    );
  });

  it("rejects impossible inputs", () => {
    expect(() =>
      costPerMillionPredictions({ measuredMs: -1, memoryMb: 1024, predictionsPerRequest: 1 }),
    ).toThrow();
    expect(() =>
      costPerMillionPredictions({ measuredMs: 1, memoryMb: 64, predictionsPerRequest: 1 }),
    ).toThrow();
    expect(() =>
      costPerMillionPredictions({ measuredMs: 1, memoryMb: 1024, predictionsPerRequest: 0 }),
    ).toThrow();
  });
});

/** A complete results object with every figure chosen by the test. */
function fakeResults(
  overrides: { p50?: Record<string, number>; fraction?: number; coldMs?: number } = {},
): BenchResults {
  const detectors = DETECTORS.map((d) => d.name);
  const summary = (p50: number) => ({ count: 10, p50, p99: p50 * 3, min: p50 / 2, max: p50 * 4, mean: p50 });
  const estimate = costPerMillionPredictions({ measuredMs: 0.08, memoryMb: 1024, predictionsPerRequest: 1 });
  return {
    schemaVersion: 1,
    quick: false,
    machine: {
      cpuModel: "Test CPU",
      cores: 2,
      memoryGb: 4,
      nodeVersion: "v20.0.0",
      platform: "linux x64",
      loadAverageAtStart: 0.5,
      loadAverageAtEnd: 0.7,
      date: "2026-11-21T00:00:00.000Z",
    },
    runSeconds: 100,
    handler: detectors.map((detector) => ({
      detector,
      single: summary(overrides.p50?.[detector] ?? 80),
      singleRoundP50s: [80, 82],
      singleSpread: 0.025,
      sessionRunP50Us: 30,
      batch: summary(40),
      batchItems: detector === "content" ? 1000 : 10_000,
      batchPerItemUs: 4,
      logBytesPerRequest: 600,
    })),
    coldStart: {
      emptyProcessMs: 40,
      bundleBytes: Object.fromEntries(detectors.map((d) => [d, 700_000])),
      detectors: detectors.map((detector) => ({
        detector,
        runs: 7,
        totalMs: overrides.coldMs ?? 150,
        totalSpread: 0.1,
        nodeBootMs: 20,
        moduleLoadMs: 60,
        modelLoadMs: 20,
        sessionCreateMs: 20,
        firstInvokeMs: 25,
        processOverheadMs: 5,
        localDiskTotalMs: 120,
        withoutPrefetchTotalMs: 160,
        preInitializedFirstInvokeMs: 3,
      })),
    },
    api: {
      results: [1, 16].flatMap((connections) => [
        {
          target: "baseline",
          connections,
          requestsPerSecond: 10_000,
          fractionOfBaseline: 1,
          latencyMeanMs: 0.1,
          latencyP99Ms: 1,
          serverCpuUsPerRequest: 40,
          spread: 0.05,
          failures: 0,
        },
        ...detectors.map((target) => ({
          target,
          connections,
          requestsPerSecond: 10_000 * (overrides.fraction ?? 0.8),
          fractionOfBaseline: overrides.fraction ?? 0.8,
          latencyMeanMs: 0.2,
          latencyP99Ms: 2,
          serverCpuUsPerRequest: 200,
          spread: 0.05,
          failures: 0,
        })),
      ]),
      rssAfterWarmUpMb: 150,
      rssAfterLoadMb: 160,
    },
    assets: [
      ...detectors.map((d) => ({
        function: `HeliosStack/${d[0]!.toUpperCase()}${d.slice(1)}Detector/Function`,
        codeUnzipped: 700_000,
        codeZipped: 200_000,
        layersUnzipped: 46_000_000,
        layersZipped: 18_000_000,
        totalUnzipped: 46_700_000,
        totalZipped: d === "storage" ? 25 * 1024 * 1024 : 18_200_000,
      })),
    ],
    cost: {
      memoryMb: 1024,
      prices: DEFAULT_PRICES,
      detectors: detectors.map((detector) => ({ detector, single: estimate, batch: estimate })),
    },
  };
}

describe("targets", () => {
  it("gives the text detector 300 µs and the numeric ones 100 µs", () => {
    expect(handlerLimitUs("content")).toBe(300);
    expect(handlerLimitUs("cpu")).toBe(100);
  });

  it("judges every detector against its own limit", () => {
    const verdicts = evaluateTargets(fakeResults({ p50: { cpu: 101, content: 250 } }));
    const handler = verdicts.filter((v) => v.target === "warm handler p50");
    expect(handler.map((v) => [v.subject, v.met])).toEqual([
      ["cpu", false],
      ["network", true],
      ["login", true],
      ["content", true],
      ["storage", true],
    ]);
    const assets = verdicts.filter((v) => v.target === "function asset, zipped");
    expect(assets.filter((v) => !v.met).map((v) => v.subject)).toEqual(["storage"]);
  });

  it("judges throughput per detector and connection count, and cold start per detector", () => {
    const low = summarizeVerdicts(evaluateTargets(fakeResults({ fraction: 0.69, coldMs: 201 })));
    expect(low).toContainEqual({ target: "local API throughput", met: 0, of: 10 });
    expect(low).toContainEqual({ target: "cold start", met: 0, of: 5 });
    const high = summarizeVerdicts(evaluateTargets(fakeResults({ fraction: 0.7, coldMs: 200 })));
    expect(high).toContainEqual({ target: "local API throughput", met: 10, of: 10 });
    expect(high).toContainEqual({ target: "cold start", met: 5, of: 5 });
  });
});

describe("chart", () => {
  it("picks 1-2-5 tick steps", () => {
    expect(tickStep(120)).toBe(20);
    expect(tickStep(375)).toBe(100);
    expect(tickStep(6)).toBe(1);
    expect(tickStep(0)).toBe(1);
  });

  it("escapes text", () => {
    expect(escapeXml(`a<b>&"'`)).toBe("a&lt;b&gt;&amp;&quot;&apos;");
  });

  it("draws one labelled bar per detector, red where the target is missed", () => {
    const svg = renderLatencyChart("Latency <warm>", "µs", [
      { label: "cpu", p50: 80, p99: 200, limit: 100 },
      { label: "content", p50: 320, p99: 5000, limit: 300 },
    ]);
    expect(svg.startsWith("<svg xmlns=")).toBe(true);
    expect(svg).toContain("Latency &lt;warm&gt;");
    expect(svg.match(/fill="#2171b5"/g)).toHaveLength(1);
    expect(svg.match(/fill="#cb181d"/g)).toHaveLength(1);
    expect(svg).toContain("p50 320 · p99 5000 ▶");
    expect(svg).toContain("p50 80 · p99 200<");
    // Every drawn width is finite and within the canvas.
    for (const [, width] of svg.matchAll(/width="([\d.]+)" height="\d+" fill/g)) {
      expect(Number(width)).toBeLessThanOrEqual(720);
    }
    expect(() => renderLatencyChart("x", "µs", [])).toThrow();
  });
});

describe("Markdown report", () => {
  it("renders tables with escaped cells and right-aligned figures", () => {
    expect(table(["a", "b"], [["x|y", "1"]])).toBe("| a | b |\n| --- | ---: |\n| x\\|y | 1 |");
  });

  it("prints dollars with cents, or six decimals below a cent", () => {
    expect(usd(3.7167)).toBe("$3.72");
    expect(usd(0.0000283)).toBe("$0.000028");
    expect(usd(0)).toBe("$0");
  });

  it("names functions without the stack prefix", () => {
    expect(functionLabel("HeliosStack/CpuDetector/Function")).toBe("CpuDetector/Function");
    expect(functionLabel("HeliosStack/Custom::CDKBucketDeployment86MiB")).toMatch(/CDK BucketDeployment/);
  });

  it("reports the figures and verdicts of a run", () => {
    const text = renderResults(fakeResults({ p50: { cpu: 130 } }), "../bench/results/latency.svg");
    expect(text.startsWith(BEGIN_MARKER)).toBe(true);
    expect(text.endsWith(END_MARKER)).toBe(true);
    expect(text).toContain("| warm handler p50 | ≤ 100 µs | 4 of 5 (**not met**) |");
    expect(text).toContain("| cpu | 130 | 390 | ≤ 100: **not met** |");
    expect(text).toContain("| cold start | ≤ 200 ms | 5 of 5 (met) |");
    expect(text).toContain("![Warm handler latency per detector](../bench/results/latency.svg)");
    expect(text).toContain("2 × Test CPU");
    expect(text).toContain("$0.0000166667 per GB-s");
    expect(text).toContain("A batch is 10,000 (content: 1,000, its limit) items.");
    // Every table row has as many cells as its header.
    for (const block of text.split("\n\n").filter((b) => b.startsWith("| "))) {
      const widths = block.split("\n").map((row) => row.split(/(?<!\\)\|/).length);
      expect(new Set(widths).size).toBe(1);
    }
  });

  it("replaces only the generated part of an existing document", () => {
    const before = `# Benchmarks\n\nintro\n\n${BEGIN_MARKER}\nold\n${END_MARKER}\n\n## Analysis\nkept\n`;
    const after = spliceResults(before, `${BEGIN_MARKER}\nnew\n${END_MARKER}`);
    expect(after).toBe(`# Benchmarks\n\nintro\n\n${BEGIN_MARKER}\nnew\n${END_MARKER}\n\n## Analysis\nkept\n`);
    expect(() => spliceResults("# no markers", "x")).toThrow(/markers/);
    expect(spliceResults(undefined, "GEN")).toContain("GEN");
  });
});

describe("zip size estimate", () => {
  it("stores each entry deflated (or as-is when that is smaller) plus the zip headers", () => {
    const text = Buffer.from("helios ".repeat(1000));
    const random = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 7919) % 251));
    const size = zipArchiveBytes([
      { name: "a.txt", data: text },
      { name: "b.bin", data: random },
    ]);
    const expected =
      deflateRawSync(text, { level: 9 }).length +
      Math.min(deflateRawSync(random, { level: 9 }).length, random.length) +
      2 * (30 + 46 + 2 * 5) +
      22;
    expect(size).toBe(expected);
    expect(size).toBeLessThan(text.length);
  });
});
