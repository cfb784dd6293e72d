/** Loading the watcher's series model: its entries, one checksum-verified file, clear failures. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENV } from "../../lambdas/runtime/environment-names";
import { loadSeriesScorers } from "../../lambdas/watcher/series-scorers";
import { seriesModelsFixture } from "../support/series-models-fixture";

const models = seriesModelsFixture();
afterAll(() => models.cleanup());

it("names the missing series model when the manifest has none", async () => {
  const empty = mkdtempSync(join(tmpdir(), "helios-no-series-"));
  writeFileSync(join(empty, "manifest.json"), JSON.stringify({ formatVersion: 1, models: {} }));
  try {
    await expect(loadSeriesScorers({ [ENV.modelDir]: empty })).rejects.toThrow(
      'no "cpu-series" model entry (train it with `npm run train`)',
    );
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

it("refuses entries that do not share one file", async () => {
  const entry = {
    file: "series.onnx",
    sha256: "a".repeat(64),
    modelVersion: "1",
    inputs: [],
    outputs: [],
    decision: {},
  };
  const object = (e: typeof entry) => ({ key: `models/${e.file}`, entry: e });
  const env = {
    [ENV.models]: JSON.stringify({
      "cpu-series": object(entry),
      "network-series": object(entry),
      "storage-series": object({ ...entry, file: "other.onnx" }),
    }),
  };
  await expect(loadSeriesScorers(env)).rejects.toThrow(
    "the series model entries must share one file and checksum",
  );
});

it("refuses bytes that do not match the entry's sha256, naming both digests", async () => {
  writeFileSync(join(models.dir, "series.onnx"), "tampered");
  await expect(loadSeriesScorers({ [ENV.modelDir]: models.dir })).rejects.toThrow(
    /^checksum mismatch for .*series\.onnx: manifest sha256 [0-9a-f]{64}, file sha256 [0-9a-f]{64}$/,
  );
  rmSync(join(models.dir, "series.onnx"));
  await expect(loadSeriesScorers({ [ENV.modelDir]: models.dir })).rejects.toThrow(/ENOENT/);
});
