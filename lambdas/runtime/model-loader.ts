/**
 * Loads a detector's model once per container: read it from its source, verify its sha256 against
 * the manifest entry, create one ONNX Runtime session and check that the session has the inputs
 * and outputs the entry promises. A failure is a 503 with Retry-After and one clear log line; the
 * next request after an exponential backoff tries again, so a bad deploy never crash-loops and a
 * wrong model is never used.
 */
import { createHash } from "node:crypto";
import * as ort from "onnxruntime-node";
import type { RuntimeModelEntry } from "../../models/manifest-schema";
import type { MetricsSink } from "../metrics/metrics-sink";
import type { ModelSource } from "../model-source/model-source";
import { type HttpError, unavailable } from "./http-error";
import { describeError, type Logger } from "./logger";
import type { DetectorModel } from "./model-contracts";
import type { ModelContract } from "./model-entry";

// Set before the first session is created, or ORT keeps its default (noisier) level.
ort.env.logLevel = "error";

/** A verified model with its one session. */
export interface LoadedModel {
  readonly entry: RuntimeModelEntry;
  readonly session: ort.InferenceSession;
  /** Where the bytes came from, for logs. */
  readonly origin: string;
}

/** How long each phase of a model load took, in milliseconds (benchmarks report these). */
export interface LoadTimings {
  readonly readMs: number;
  readonly verifyMs: number;
  readonly sessionCreateMs: number;
}

/** Retry policy after a failed load. */
export interface BackoffPolicy {
  /** Wait after the first failure (doubles after each further failure). Default 1000 ms. */
  readonly initialMs: number;
  /** Longest wait. Default 60 s. */
  readonly maxMs: number;
}

/** Default retry policy: 1 s, 2 s, 4 s, … up to one minute. */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000 };

/** Session options: one intra-op thread measured faster on 2 cores, and Lambda runs one request at a time. */
const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: "sequential",
  graphOptimizationLevel: "all",
};

/** Hex sha256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Reads, verifies and opens a model; rejects with a message naming what went wrong. */
export async function loadModel(
  source: ModelSource,
  contract: ModelContract,
  signal?: AbortSignal,
): Promise<{ model: LoadedModel; timings: LoadTimings }> {
  const t0 = performance.now();
  const artifact = await source.read(signal);
  const t1 = performance.now();
  const actual = sha256Hex(artifact.bytes);
  if (actual !== artifact.entry.sha256) {
    throw new Error(
      `checksum mismatch for ${artifact.origin}: manifest sha256 ${artifact.entry.sha256}, file sha256 ${actual}`,
    );
  }
  const t2 = performance.now();
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(artifact.bytes, SESSION_OPTIONS);
  } catch (error) {
    throw new Error(`ONNX Runtime cannot load ${artifact.origin}: ${describeError(error)}`);
  }
  const t3 = performance.now();
  const { entry } = artifact;
  const needed = [entry.decision.output, ...contract.outputs, ...(contract.int64Outputs ?? [])];
  const missingOutput = needed.find((name) => !session.outputNames.includes(name));
  const inputName = entry.inputs[0]?.name;
  if (!inputName || !session.inputNames.includes(inputName) || missingOutput) {
    await session.release().catch(() => undefined);
    throw new Error(
      `${artifact.origin} does not match its manifest entry: graph inputs [${session.inputNames.join(", ")}], ` +
        `outputs [${session.outputNames.join(", ")}]`,
    );
  }
  return {
    model: { entry, session, origin: artifact.origin },
    timings: { readMs: t1 - t0, verifyMs: t2 - t1, sessionCreateMs: t3 - t2 },
  };
}

/** Hands out one of a detector's models, loading it on first use and retrying failed loads with backoff. */
export class ModelLoader {
  private model: LoadedModel | undefined;
  private loading: Promise<LoadedModel | HttpError> | undefined;
  private failures = 0;
  private retryAt = 0;

  /**
   * @param detector the detector's name (for log lines and metrics)
   * @param now clock in epoch milliseconds (tests move it)
   */
  constructor(
    private readonly source: ModelSource,
    private readonly spec: DetectorModel,
    private readonly detector: string,
    private readonly logger: Logger,
    private readonly metrics: MetricsSink,
    private readonly backoff: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The loaded model, or a 503 while it cannot be loaded.
   * @param timeLimitMs a read still running after this long is abandoned (a failed load): the
   *   invocation's time left, so that the client gets the 503 rather than a function timeout
   */
  async get(timeLimitMs?: number): Promise<LoadedModel | HttpError> {
    if (this.model) return this.model;
    const wait = this.retryAt - this.now();
    if (wait > 0) {
      return unavailable(`the ${this.description} is unavailable; retry later`, wait / 1000);
    }
    const started = this.loading === undefined;
    this.loading ??= this.attempt(timeLimitMs).finally(() => {
      this.loading = undefined;
    });
    if (started || timeLimitMs === undefined) return this.loading;
    // A load someone else started (the init-phase prefetch) may outlast this request's time: the
    // request answers 503 when its time is up and the load goes on for the next one.
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<HttpError>((resolve) => {
      timer = setTimeout(
        () => resolve(unavailable(`the ${this.description} is still loading; retry shortly`, 1)),
        timeLimitMs,
      );
    });
    try {
      return await Promise.race([this.loading, timeUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Loads the model now (or returns the loaded one), with phase timings; rejects on failure. */
  async load(): Promise<{ model: LoadedModel; timings?: LoadTimings }> {
    if (this.model) return { model: this.model };
    const loaded = await loadModel(this.source, this.spec.contract);
    this.model = loaded.model;
    return loaded;
  }

  /** "cpu model" for the reading model, "cpu-series model" for a form's. */
  private get description(): string {
    return `${this.spec.id} model`;
  }

  private async attempt(timeLimitMs: number | undefined): Promise<LoadedModel | HttpError> {
    const signal = timeLimitMs === undefined ? undefined : AbortSignal.timeout(timeLimitMs);
    try {
      const { model, timings } = await loadModel(this.source, this.spec.contract, signal);
      this.model = model;
      this.failures = 0;
      this.logger.log("info", "model loaded", {
        detector: this.detector,
        model: this.spec.id,
        modelVersion: model.entry.modelVersion,
        origin: model.origin,
        ...timings,
      });
      return model;
    } catch (error) {
      this.failures += 1;
      const delay = Math.min(this.backoff.initialMs * 2 ** (this.failures - 1), this.backoff.maxMs);
      this.retryAt = this.now() + delay;
      this.logger.log("error", "model unavailable", {
        detector: this.detector,
        model: this.spec.id,
        reason: describeError(error),
        failures: this.failures,
        retryInMs: delay,
      });
      this.metrics.record({ detector: this.detector, modelLoadFailures: 1 });
      return unavailable(`the ${this.description} is unavailable; retry later`, delay / 1000);
    }
  }
}

/** True when get() returned an error rather than a model. */
export function isHttpError(value: LoadedModel | HttpError): value is HttpError {
  return "status" in value;
}
