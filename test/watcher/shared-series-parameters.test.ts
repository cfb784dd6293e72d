/** One copy of the series parameters the watcher's HELIOS_MODELS entries share, and putting it back. */
import { shareSeriesParameters, withSeriesParameters } from "../../lambdas/watcher/shared-series-parameters";

const SERIES = { averageS: 6000, shiftSpareDays: 5 };
const models = {
  "cpu-series": { key: "k", entry: { file: "series.onnx", series: SERIES } },
  "network-series": { key: "k", entry: { file: "series.onnx", series: { ...SERIES } } },
  "storage-series": { key: "k", entry: { file: "series.onnx", series: { ...SERIES, averageS: 3000 } } },
  cpu: { key: "r", entry: { file: "cpu.onnx" } },
};

describe("shareSeriesParameters", () => {
  it("names the first entry with the same parameters; different parameters and entries without any stay", () => {
    const shared = shareSeriesParameters(models);
    expect(Object.keys(shared)).toEqual(Object.keys(models));
    expect(shared["cpu-series"]).toBe(models["cpu-series"]);
    expect(shared["network-series"]).toEqual({
      key: "k",
      entry: { file: "series.onnx", series: "cpu-series" },
    });
    expect(shared["storage-series"]).toBe(models["storage-series"]);
    expect(shared.cpu).toBe(models.cpu);
    expect(JSON.stringify(shared).length).toBeLessThan(JSON.stringify(models).length);
  });
});

describe("withSeriesParameters", () => {
  const shared = JSON.parse(JSON.stringify(shareSeriesParameters(models))) as Record<string, unknown>;

  it("puts the named entry's parameters back, and leaves full entries as they are", () => {
    expect(withSeriesParameters(shared, "network-series")).toEqual({
      ok: true,
      entry: { file: "series.onnx", series: SERIES },
    });
    expect(withSeriesParameters(shared, "storage-series")).toEqual({
      ok: true,
      entry: models["storage-series"].entry,
    });
    expect(withSeriesParameters(shared, "absent")).toEqual({ ok: true, entry: undefined });
  });

  it("refuses a name that is missing or itself a name, saying which", () => {
    const broken = {
      ...shared,
      "cpu-series": { key: "k", entry: { file: "series.onnx", series: "storage" } },
    };
    expect(withSeriesParameters(broken, "cpu-series")).toEqual({
      ok: false,
      problem:
        'HELIOS_MODELS.cpu-series.entry.series names "storage", which has no series parameters of its own',
    });
    // network-series names cpu-series, which now only names another: no chains.
    expect(withSeriesParameters(broken, "network-series")).toMatchObject({ ok: false });
    expect(withSeriesParameters({ ...shared, x: { entry: { series: "__proto__" } } }, "x")).toMatchObject({
      ok: false,
    });
  });
});
