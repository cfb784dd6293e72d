/**
 * Loading the watcher's series model as the function does: from the models folder, or from S3
 * (s3rver on 127.0.0.1) as HELIOS_MODELS describes it, checksum-verified, one session for the file
 * the detectors share, each detector with its own threshold; and clear failures.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ENV } from "../../lambdas/runtime/environment-names";
import { DEFAULT_MODEL_DIR } from "../../lambdas/runtime/repo-paths";
import { loadSeriesScorers } from "../../lambdas/watcher/series-scorers";
import { shareSeriesParameters } from "../../lambdas/watcher/shared-series-parameters";
import { seriesDetectors, seriesModelId } from "../../lambdas/watcher/watch-config";
import { saveAwsEnvironment, useDummyAwsEnvironment } from "../support/aws-environment";
import { type S3rverServer, startS3rver } from "../support/s3rver-server";
import { DAY, T0 } from "../support/watch-fixtures";

const manifest = JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, "manifest.json"), "utf8")) as {
  models: Record<
    string,
    { file: string; sha256: string; modelVersion: string; decision: { threshold: number } }
  >;
};
const BUCKET = "helios-watcher-models";

/** A week at 5 minutes of a daily CPU cycle with one spike to 97 % at point 1900. */
function weekWithSpike() {
  const n = 2016;
  const timestamps = Float64Array.from({ length: n }, (_, i) => T0 - 7 * DAY + i * 300);
  const values = Float64Array.from({ length: n }, (_, i) =>
    i === 1900 ? 97 : 40 + 10 * Math.sin((2 * Math.PI * i) / 288) + Math.sin(i * 7.3),
  );
  return { timestamps, values };
}

describe("from the models folder", () => {
  it("gives each series detector its model id, version and threshold, and scores with the core", async () => {
    const scorers = await loadSeriesScorers({});
    for (const detector of seriesDetectors()) {
      const entry = manifest.models[seriesModelId(detector.name)]!;
      expect(scorers.get(detector.name)).toMatchObject({
        model: `${seriesModelId(detector.name)}@${entry.modelVersion}`,
        threshold: entry.decision.threshold,
      });
    }
    const cpu = scorers.get("cpu")!;
    const { timestamps, values } = weekWithSpike();
    const points = await cpu.score(timestamps, values);
    expect(points).toHaveLength(2016);
    expect(points.flatMap((p, i) => (p.anomaly ? [i] : []))).toEqual([1900]);
    expect(points[1900]!.expected[1]).toBeLessThan(97);
    expect(cpu.incidents(points)).toEqual([{ start: 1900, end: 1900, peak: 1900 }]);
  });

  it("names the missing series model when the manifest has none", async () => {
    const empty = mkdtempSync(join(tmpdir(), "helios-no-series-"));
    writeFileSync(join(empty, "manifest.json"), JSON.stringify({ formatVersion: 1, models: {} }));
    try {
      await expect(loadSeriesScorers({ [ENV.modelDir]: empty })).rejects.toThrow(/has no model cpu-series$/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe("from S3", () => {
  let s3: S3rverServer;
  let restore: () => void;
  const key = "models/series.onnx";

  beforeAll(async () => {
    s3 = await startS3rver([BUCKET]);
    restore = saveAwsEnvironment();
    useDummyAwsEnvironment({ AWS_ENDPOINT_URL_S3: s3.endpoint });
    const client = new S3Client({ forcePathStyle: true });
    const file = manifest.models["cpu-series"]!.file;
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: readFileSync(join(DEFAULT_MODEL_DIR, file)) }),
    );
  });
  afterAll(async () => {
    restore();
    await s3.stop();
  });

  /** The environment the stack gives the watcher, with `change` applied to each entry. */
  function s3Environment(change: (entry: Record<string, unknown>) => Record<string, unknown> = (e) => e) {
    const models = Object.fromEntries(
      seriesDetectors().map((d) => {
        const {
          boundaries: _b,
          recipe: _r,
          trainingData: _t,
          ...entry
        } = manifest.models[seriesModelId(d.name)] as unknown as Record<string, unknown>;
        return [seriesModelId(d.name), { key, entry: change(entry) }];
      }),
    );
    return { [ENV.modelSource]: "s3", [ENV.modelBucket]: BUCKET, [ENV.models]: JSON.stringify(models) };
  }

  it("reads the shared object, checks it and binds each detector's entry", async () => {
    const scorers = await loadSeriesScorers(s3Environment());
    expect([...scorers.keys()]).toEqual(seriesDetectors().map((d) => d.name));
    const { timestamps, values } = weekWithSpike();
    const points = await scorers.get("storage")!.score(timestamps, values);
    expect(points.filter((p) => p.anomaly)).toHaveLength(1);
  });

  it("takes an entry's series parameters from the earlier entry it names, as the stack writes them", async () => {
    const full = JSON.parse(s3Environment()[ENV.models]) as Record<
      string,
      { key: string; entry: Record<string, unknown> }
    >;
    const shared = shareSeriesParameters(full);
    expect(shared["network-series"]!.entry.series).toBe("cpu-series");
    const scorers = await loadSeriesScorers({ ...s3Environment(), [ENV.models]: JSON.stringify(shared) });
    for (const detector of seriesDetectors()) {
      const entry = manifest.models[seriesModelId(detector.name)]!;
      expect(scorers.get(detector.name)).toMatchObject({
        model: `${seriesModelId(detector.name)}@${entry.modelVersion}`,
        threshold: entry.decision.threshold,
      });
    }
    const { timestamps, values } = weekWithSpike();
    const points = await scorers.get("storage")!.score(timestamps, values);
    expect(points.flatMap((p, i) => (p.anomaly ? [i] : []))).toEqual([1900]);
    // A name with no parameters behind it is refused, naming both entries.
    const dangling = {
      ...shared,
      "cpu-series": { ...shared["cpu-series"]!, entry: { ...shared["cpu-series"]!.entry, series: "nope" } },
    };
    await expect(
      loadSeriesScorers({ ...s3Environment(), [ENV.models]: JSON.stringify(dangling) }),
    ).rejects.toThrow(
      /^HELIOS_MODELS\.cpu-series\.entry\.series names "nope", which has no series parameters of its own$/,
    );
  });

  it("refuses bytes that do not match the entry's sha256, naming both digests", async () => {
    await expect(loadSeriesScorers(s3Environment((e) => ({ ...e, sha256: "0".repeat(64) })))).rejects.toThrow(
      /^checksum mismatch for s3:\/\/helios-watcher-models\/models\/series\.onnx: manifest sha256 0{64}, file sha256 [0-9a-f]{64}$/,
    );
  });

  it("refuses an entry the series core cannot run, naming the model and field", async () => {
    await expect(
      loadSeriesScorers(
        s3Environment((e) => ({ ...e, inputs: [{ name: "input", type: "float32", shape: ["N", 3] }] })),
      ),
    ).rejects.toThrow(/^HELIOS_MODELS\.cpu-series\.entry: model input must be float32 \[N, \d+\]/);
  });
});
