/**
 * The per-request fast paths the benchmarks asked for: the configuration fingerprint (read on
 * every invocation) and the EMF line (written on every invocation) must stay exactly as strict and
 * exactly as correct as the plain versions they replaced.
 */
import fc from "fast-check";
import { emfDocument, emfLine } from "../../lambdas/metrics/emf-metrics-sink";
import type { DetectorMetrics } from "../../lambdas/metrics/metrics-sink";
import { ENV } from "../../lambdas/runtime/environment-names";
import { shortestFloat32 } from "../../lambdas/runtime/predict";
import { configFingerprint } from "../../lambdas/runtime/runtime-config";

describe("configFingerprint", () => {
  const base = {
    [ENV.modelSource]: "s3",
    [ENV.models]: '{"cpu":{"key":"models/cpu.onnx"}}',
    [ENV.metrics]: "emf",
  };

  it("is the same for the same settings and ignores unrelated variables", () => {
    expect(configFingerprint({ ...base })).toBe(
      configFingerprint({ ...base, PATH: "/usr/bin", HOME: "/root" }),
    );
  });

  it("changes when any variable the runtime reads changes, appears or disappears", () => {
    const before = configFingerprint(base);
    for (const name of Object.values(ENV)) {
      expect(configFingerprint({ ...base, [name]: "changed" })).not.toBe(before);
      const without = { ...base } as Record<string, string | undefined>;
      delete without[name];
      if (name in base) expect(configFingerprint(without)).not.toBe(before);
    }
  });

  it("tells an empty variable from an unset one", () => {
    expect(configFingerprint({ [ENV.alertFile]: "" })).not.toBe(configFingerprint({}));
  });

  it("never gives two different environments the same key (values without NUL, as environments are)", () => {
    const names = Object.values(ENV);
    const value = fc.option(
      fc.string().filter((s) => !s.includes("\0")),
      { nil: undefined },
    );
    const environment = fc.tuple(...names.map(() => value));
    fc.assert(
      fc.property(environment, environment, (a, b) => {
        const envA = Object.fromEntries(names.map((name, i) => [name, a[i]]));
        const envB = Object.fromEntries(names.map((name, i) => [name, b[i]]));
        const same = names.every((_, i) => a[i] === b[i]);
        expect(configFingerprint(envA) === configFingerprint(envB)).toBe(same);
      }),
    );
  });
});

describe("emfLine", () => {
  const record = (metrics: Partial<DetectorMetrics>): DetectorMetrics => ({ detector: "cpu", ...metrics });

  it("is exactly the JSON of emfDocument, for every combination of metrics", () => {
    const metric = fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.constantFrom("cpu", "network", 'we"ird\\name'),
        metric,
        metric,
        metric,
        metric,
        metric,
        fc.integer({ min: 0, max: 2 ** 45 }),
        (detector, predictions, anomalies, alertFailures, modelLoadFailures, latency, timestamp) => {
          const metrics = { detector, predictions, anomalies, alertFailures, modelLoadFailures, latency };
          const document = emfDocument(metrics, timestamp);
          expect(emfLine(metrics, timestamp)).toBe(
            document === undefined ? undefined : JSON.stringify(document),
          );
        },
      ),
    );
  });

  it("keeps the directive of each set of metrics apart", () => {
    const full = JSON.parse(emfLine(record({ predictions: 1, anomalies: 0, latency: 0.5 }), 1)!);
    const failure = JSON.parse(emfLine(record({ modelLoadFailures: 1 }), 2)!);
    expect(full._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name)).toEqual([
      "Predictions",
      "Anomalies",
      "Latency",
    ]);
    expect(failure._aws.CloudWatchMetrics[0].Metrics).toEqual([{ Name: "ModelLoadFailures", Unit: "Count" }]);
    expect(failure).toMatchObject({ _aws: { Timestamp: 2 }, Detector: "cpu", ModelLoadFailures: 1 });
    expect(emfLine(record({}), 3)).toBeUndefined();
  });
});

describe("shortestFloat32", () => {
  /** The first version: count digits up from 1 (simple, obviously shortest, but slow). */
  function countingUp(value: number): number {
    if (!Number.isFinite(value)) return value;
    for (let digits = 1; digits < 9; digits += 1) {
      const candidate = Number(value.toPrecision(digits));
      if (Math.fround(candidate) === value) return candidate;
    }
    return Number(value.toPrecision(9));
  }

  it("gives the shortest decimal that reads back as the same float32", () => {
    expect(shortestFloat32(Math.fround(0.71))).toBe(0.71);
    expect(shortestFloat32(Math.fround(-0.0712345))).toBe(-0.0712345);
    expect(shortestFloat32(Math.fround(1 / 3))).toBe(0.33333334);
    expect(shortestFloat32(0)).toBe(0);
    expect(shortestFloat32(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it("agrees with counting digits up from 1 on every float32", () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (value) => {
        const result = shortestFloat32(value);
        expect(result).toBe(countingUp(value));
        if (Number.isFinite(value)) expect(Math.fround(result)).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 20_000 },
    );
  });
});
