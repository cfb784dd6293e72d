/**
 * A detector runtime with local adapters for handler tests: models from a folder, alerts to a
 * fresh JSON-lines file, EMF metrics and log lines collected; with a `call` that posts a body to
 * the detector's route and reads the answer, and readers for the alerts and the log.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type DetectorSpec, routeOf } from "../../lambdas/catalog";
import { createDetectorRuntime, type DetectorRuntime, ENV } from "../../lambdas/runtime";
import { DEFAULT_MODEL_DIR } from "../../lambdas/runtime/repo-paths";
import { lambdaContext, lineCollector, postEvent } from "./lambda-events";

/** One alert as the file alert sink writes it. */
export interface WrittenAlert {
  readonly subject: string;
  readonly detector: string;
  readonly message: Record<string, unknown>;
  readonly text: string;
}

/** A runtime under test and what it wrote. */
export interface RuntimeHarness {
  readonly runtime: DetectorRuntime;
  /** Posts `body` as JSON to the detector's route. */
  call(
    body: unknown,
    fields?: Record<string, unknown>,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
  /** The alerts written so far. */
  alerts(): WrittenAlert[];
  /** Every line the runtime wrote (log lines and EMF documents), parsed. */
  readonly lines: Record<string, unknown>[];
  /** The log lines with this message. */
  logs(message: string): Record<string, unknown>[];
  /** The EMF metric documents. */
  emf(): Record<string, unknown>[];
  readonly alertFile: string;
}

let harnesses = 0;

/**
 * A runtime for `detector` writing its alerts into `folder`, with the committed models unless
 * `env` names another folder; `env` adds or overrides any variable.
 */
export function runtimeHarness(
  detector: DetectorSpec,
  folder: string,
  env: Record<string, string> = {},
  requestId = "req-1",
): RuntimeHarness {
  harnesses += 1;
  const alertFile = join(folder, `alerts-${detector.name}-${harnesses}.jsonl`);
  const output = lineCollector();
  const runtime = createDetectorRuntime(detector, {
    env: {
      [ENV.modelSource]: "local",
      [ENV.modelDir]: DEFAULT_MODEL_DIR,
      [ENV.alertSink]: "file",
      [ENV.alertFile]: alertFile,
      [ENV.metrics]: "emf",
      ...env,
    },
    writeLine: output.write,
  });
  return {
    runtime,
    async call(body, fields = {}) {
      const result = await runtime.handler(
        postEvent(routeOf(detector), body, fields),
        lambdaContext(requestId),
      );
      return { status: result.statusCode, json: JSON.parse(result.body) as Record<string, unknown> };
    },
    alerts: () =>
      existsSync(alertFile)
        ? readFileSync(alertFile, "utf8")
            .trim()
            .split("\n")
            .map((line) => JSON.parse(line) as WrittenAlert)
        : [],
    lines: output.lines,
    logs: (message) => output.lines.filter((line) => line.message === message),
    emf: () => output.lines.filter((line) => "_aws" in line),
    alertFile,
  };
}
