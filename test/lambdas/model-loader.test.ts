/** Model loading: checksum before use, interface checks, 503 with Retry-After, backoff and recovery. */
import { getDetector } from "../../lambdas/catalog";
import type { DetectorMetrics, MetricsSink } from "../../lambdas/metrics/metrics-sink";
import type { ModelArtifact, ModelSource } from "../../lambdas/model-source/model-source";
import { createLogger } from "../../lambdas/runtime/logger";
import { detectorModels } from "../../lambdas/runtime/model-contracts";
import { isHttpError, ModelLoader } from "../../lambdas/runtime/model-loader";
import { fixtureEntry, fixtureModelBytes } from "../support/fixture-models";
import { lineCollector } from "../support/lambda-events";

const cpu = getDetector("cpu");
const bytes = fixtureModelBytes(cpu);
const goodEntry = fixtureEntry(cpu, bytes);

/** A model source whose answer the test controls, counting reads. */
class ScriptedSource implements ModelSource {
  reads = 0;
  constructor(public next: () => ModelArtifact) {}
  async read(): Promise<ModelArtifact> {
    this.reads += 1;
    return this.next();
  }
}

function harness(source: ModelSource) {
  const output = lineCollector();
  const recorded: DetectorMetrics[] = [];
  const metrics: MetricsSink = { record: (m) => recorded.push(m), flush: async () => undefined };
  let clock = 1_000_000;
  const loader = new ModelLoader(
    source,
    detectorModels(cpu)[0]!,
    cpu.name,
    createLogger(output.write),
    metrics,
    { initialMs: 1_000, maxMs: 4_000 },
    () => clock,
  );
  return {
    loader,
    lines: output.lines,
    recorded,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe("ModelLoader", () => {
  it("refuses a model whose sha256 differs from the manifest: 503, clear log line, metric", async () => {
    const tampered = Uint8Array.from(bytes);
    tampered[tampered.length - 1] ^= 0xff;
    const source = new ScriptedSource(() => ({
      entry: goodEntry,
      bytes: tampered,
      origin: "/models/cpu.onnx",
    }));
    const { loader, lines, recorded } = harness(source);
    const result = await loader.get();
    expect(isHttpError(result)).toBe(true);
    expect(result).toEqual({
      status: 503,
      message: "the cpu model is unavailable; retry later",
      headers: { "Retry-After": "1" },
    });
    expect(lines[0]).toMatchObject({
      level: "error",
      message: "model unavailable",
      detector: "cpu",
      failures: 1,
    });
    expect(lines[0]!.reason).toMatch(
      new RegExp(
        `checksum mismatch for /models/cpu.onnx: manifest sha256 ${goodEntry.sha256}, file sha256 [0-9a-f]{64}`,
      ),
    );
    expect(recorded).toEqual([{ detector: "cpu", modelLoadFailures: 1 }]);
  });

  it("backs off exponentially (capped), without touching the source while waiting, then recovers", async () => {
    let broken = true;
    const source = new ScriptedSource(() => {
      if (broken) throw new Error("cannot read s3://bucket/cpu.onnx: TimeoutError: connect timed out");
      return { entry: goodEntry, bytes, origin: "memory" };
    });
    const { loader, advance, lines } = harness(source);
    const retryAfter = async () => {
      const result = await loader.get();
      return isHttpError(result) ? result.headers?.["Retry-After"] : "loaded";
    };
    expect(await retryAfter()).toBe("1");
    expect(source.reads).toBe(1);
    advance(500);
    expect(await retryAfter()).toBe("1"); // still waiting: no new read
    expect(source.reads).toBe(1);
    advance(500);
    expect(await retryAfter()).toBe("2"); // second failure doubles the wait
    advance(2_000);
    expect(await retryAfter()).toBe("4");
    advance(4_000);
    expect(await retryAfter()).toBe("4"); // capped at maxMs
    expect(source.reads).toBe(4);
    broken = false;
    advance(4_000);
    expect(await retryAfter()).toBe("loaded");
    expect(await retryAfter()).toBe("loaded");
    expect(source.reads).toBe(5); // loaded once, then reused
    expect(lines.at(-1)).toMatchObject({ message: "model loaded", modelVersion: goodEntry.modelVersion });
  });

  it("shares one load between concurrent requests", async () => {
    const source = new ScriptedSource(() => ({ entry: goodEntry, bytes, origin: "memory" }));
    const { loader } = harness(source);
    const results = await Promise.all([loader.get(), loader.get(), loader.get()]);
    expect(source.reads).toBe(1);
    expect(new Set(results).size).toBe(1);
  });

  it("answers 503 when a load started earlier (the init-phase prefetch) outlasts the request, and keeps loading", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const source: ModelSource = {
      read: async () => {
        await gate;
        return { entry: goodEntry, bytes, origin: "memory" };
      },
    };
    const { loader } = harness(source);
    const prefetch = loader.get(); // no deadline, as at init
    const request = await loader.get(20);
    expect(request).toEqual({
      status: 503,
      message: "the cpu model is still loading; retry shortly",
      headers: { "Retry-After": "1" },
    });
    release();
    const loaded = await prefetch;
    expect(isHttpError(loaded)).toBe(false);
    expect(await loader.get(20)).toBe(loaded);
  });

  it("refuses a model whose graph lacks what its entry promises", async () => {
    const entry = {
      ...goodEntry,
      inputs: [{ name: "features", type: "float32" as const, shape: ["N" as const, 1] }],
    };
    const { loader, lines } = harness(new ScriptedSource(() => ({ entry, bytes, origin: "memory" })));
    const result = await loader.get();
    expect(isHttpError(result) && result.status).toBe(503);
    expect(lines[0]!.reason).toMatch(/does not match its manifest entry: graph inputs \[input\]/);
  });

  it("refuses bytes that are not an ONNX model even when the checksum matches", async () => {
    const junk = new TextEncoder().encode("not a model");
    const entry = fixtureEntry(cpu, junk);
    const { loader, lines } = harness(new ScriptedSource(() => ({ entry, bytes: junk, origin: "memory" })));
    expect(isHttpError(await loader.get())).toBe(true);
    expect(lines[0]!.reason).toMatch(/^Error: ONNX Runtime cannot load memory/);
  });
});
