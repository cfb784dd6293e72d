/**
 * Cold start of what Lambda runs: each detector's esbuild bundle from a full synth, with only the
 * onnxruntime layer on Node's module path and the environment the template gives it, started in a
 * fresh Node process until its first answered prediction. The model comes from S3 as deployed
 * (s3rver on 127.0.0.1 stands in for the bucket). The child gets a clean environment, as on
 * Lambda: this machine sets NODE_EXTRA_CA_CERTS, which alone costs Node ~60 ms at start-up.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { DETECTORS, type DetectorSpec, modelFileOf, readingModelOf, routeOf } from "../lambdas/catalog";
import { ENV } from "../lambdas/runtime";
import { DEFAULT_MODEL_DIR } from "../lambdas/runtime/repo-paths";
import { type FunctionPackage, functionPackages, type StackTemplate } from "../lib/assembly/cloud-assembly";
import { postEvent } from "../test/support/lambda-events";
import { S3RVER_CREDENTIALS, startS3rver } from "../test/support/s3rver-server";
import { requestBody } from "./bench-items";
import { median, relativeSpread } from "./stats";

const BUCKET = "helios-bench-models";
const REGION = "us-east-1";
const TOPIC_ARN = `arn:aws:sns:${REGION}:000000000000:HeliosAlerts`;
const RUNNER = join(__dirname, "cold-start-runner.cjs");
const RUN_TIMEOUT_MS = 20_000;

/** What one fresh process reported, in ms. */
export interface ColdStartRun {
  /** Spawn to the report of the first answered prediction, measured by the parent. */
  readonly totalMs: number;
  /** Process start to the first line of JavaScript (Node's own start-up). */
  readonly nodeBootMs: number;
  /** require() of the bundle: its code, onnxruntime-node and its native library (Lambda's init). */
  readonly moduleLoadMs: number;
  /** The first invocation, which reads the model, verifies it, creates the session and predicts. */
  readonly firstInvokeMs: number;
  readonly readMs: number;
  readonly verifyMs: number;
  readonly sessionCreateMs: number;
}

/** Medians of several cold starts of one function, in ms. */
export interface ColdStart {
  readonly detector: string;
  readonly runs: number;
  readonly totalMs: number;
  readonly totalSpread: number;
  readonly nodeBootMs: number;
  readonly moduleLoadMs: number;
  /** Model read from S3 (incl. the S3 client's first use) and checksum. */
  readonly modelLoadMs: number;
  readonly sessionCreateMs: number;
  /**
   * The whole first invocation. With the init prefetch, the model's read has begun during the
   * module load and the invocation waits for the rest of it.
   */
  readonly firstInvokeMs: number;
  /** Spawn and report overhead outside the child's own clock. */
  readonly processOverheadMs: number;
  /** Median total of the same bundle reading its model from local disk (no S3 client, no S3 round trip). */
  readonly localDiskTotalMs: number;
  /** Median total without AWS_LAMBDA_INITIALIZATION_TYPE: the models load at the first request, not at init. */
  readonly withoutPrefetchTotalMs: number;
  /** Median first invoke when it comes 2 s after init (provisioned or pre-warmed): the prefetch is done by then. */
  readonly preInitializedFirstInvokeMs: number;
}

/** How long after init the pre-initialized variant's first invoke comes. */
const PRE_INITIALIZED_DELAY_MS = 2_000;

/** Cold starts of every detector, plus an empty Node process for scale. */
export interface ColdStartResults {
  readonly emptyProcessMs: number;
  readonly bundleBytes: Record<string, number>;
  readonly detectors: readonly ColdStart[];
}

/** Runs the cold-start runner once; resolves with its report and the wall time to it. */
async function runOnce(args: readonly string[], env: Record<string, string>) {
  const started = performance.now();
  // To profile the cold starts: BENCH_COLD_START_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = process.env.BENCH_COLD_START_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, RUNNER, ...args], {
    env,
    cwd: __dirname,
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const reportStream = child.stdio[3] as NodeJS.ReadableStream;
  let text = "";
  let reportedAt = 0;
  reportStream.on("data", (chunk) => {
    text += String(chunk);
    if (reportedAt === 0 && text.includes("\n")) reportedAt = performance.now();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  if (code !== 0 || reportedAt === 0) {
    throw new Error(`cold-start run exited with ${code}: ${text.slice(0, 500)} ${stderr.slice(0, 500)}`);
  }
  return { report: JSON.parse(text) as Record<string, unknown>, totalMs: reportedAt - started };
}

/** The S3 key of a detector's reading model in a function's HELIOS_MODELS, if it has one. */
function readingKeyOf(fn: FunctionPackage, detector: DetectorSpec): string | undefined {
  const models = fn.environment[ENV.models];
  if (typeof models !== "string") return undefined;
  return (JSON.parse(models) as Record<string, { key?: string } | undefined>)[readingModelOf(detector)]?.key;
}

function functionOf(functions: readonly FunctionPackage[], detector: DetectorSpec): FunctionPackage {
  const found = functions.find((fn) => readingKeyOf(fn, detector)?.endsWith(`/${modelFileOf(detector)}`));
  if (!found) throw new Error(`no function of the assembly reads ${modelFileOf(detector)}`);
  return found;
}

/** The template environment with the bucket and topic references replaced by the local stand-ins. */
function resolvedEnvironment(fn: FunctionPackage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fn.environment).map(([name, value]) => {
      if (typeof value === "string") return [name, value];
      if (name === ENV.modelBucket) return [name, BUCKET];
      if (name === ENV.alertTopicArn) return [name, TOPIC_ARN];
      // The cold-start request is a normal reading: no alert, so the cooldown table is never read.
      if (name === ENV.stateTable) return [name, "helios-bench-state"];
      throw new Error(`${fn.logicalId}: no stand-in for ${name}=${JSON.stringify(value)}`);
    }),
  );
}

/** Measures `runs` cold starts of every detector function, interleaved across detectors. */
export async function measureColdStarts(
  assemblyDir: string,
  template: StackTemplate,
  runs: number,
): Promise<ColdStartResults> {
  const functions = functionPackages(assemblyDir, template);
  const s3 = await startS3rver([BUCKET]);
  try {
    const client = new S3Client({
      region: REGION,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    });
    const targets = await Promise.all(
      DETECTORS.map(async (detector) => {
        const fn = functionOf(functions, detector);
        const environment = resolvedEnvironment(fn);
        await client.send(
          new PutObjectCommand({
            Bucket: BUCKET,
            Key: readingKeyOf(fn, detector)!,
            Body: readFileSync(join(DEFAULT_MODEL_DIR, modelFileOf(detector))),
          }),
        );
        const [file, exportName] = fn.handler.split(".");
        const event = postEvent(routeOf(detector), requestBody(detector), {
          requestContext: { requestId: "cold-start" } as APIGatewayProxyEvent["requestContext"],
        });
        const bundle = join(fn.code.path, `${file}.js`);
        return {
          detector,
          bundle,
          args: [bundle, exportName!, JSON.stringify(event)],
          env: {
            PATH: process.env.PATH ?? "/usr/bin:/bin",
            NODE_PATH: fn.layers.map((layer) => join(layer.path, "nodejs", "node_modules")).join(":"),
            AWS_REGION: REGION,
            AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
            AWS_ENDPOINT_URL_S3: s3.endpoint,
            AWS_EC2_METADATA_DISABLED: "true",
            // As Lambda sets it: the runtime then starts loading its models at init.
            AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
            ...environment,
          },
          samples: [] as ColdStartRun[],
          localDiskTotals: [] as number[],
          withoutPrefetchTotals: [] as number[],
          preInitializedFirstInvokes: [] as number[],
        };
      }),
    );
    client.destroy();

    const empty: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      empty.push((await runOnce(["--empty"], { PATH: process.env.PATH ?? "/usr/bin:/bin" })).totalMs);
      for (const target of targets) {
        const { report, totalMs } = await runOnce(target.args, target.env);
        if (report.statusCode !== 200) {
          throw new Error(
            `${target.detector.name}: first request answered ${report.statusCode} ${report.body}`,
          );
        }
        const modelLoad = report.modelLoad as { readMs: number; verifyMs: number; sessionCreateMs: number };
        target.samples.push({
          totalMs,
          nodeBootMs: report.nodeBootMs as number,
          moduleLoadMs: report.moduleLoadMs as number,
          firstInvokeMs: report.firstInvokeMs as number,
          ...modelLoad,
        });
        // The same bundle with its model on local disk: what the S3 read and the S3 client cost.
        const local = await runOnce(target.args, {
          ...target.env,
          [ENV.modelSource]: "local",
          [ENV.modelDir]: DEFAULT_MODEL_DIR,
        });
        if (local.report.statusCode !== 200)
          throw new Error(`${target.detector.name} (local disk): ${local.report.body}`);
        target.localDiskTotals.push(local.totalMs);
        // A/B in the same round: the models loaded at the first request (no prefetch at init) ...
        const { AWS_LAMBDA_INITIALIZATION_TYPE: _, ...withoutType } = target.env;
        const lazy = await runOnce(target.args, withoutType);
        if (lazy.report.statusCode !== 200)
          throw new Error(`${target.detector.name} (no prefetch): ${lazy.report.body}`);
        target.withoutPrefetchTotals.push(lazy.totalMs);
        // ... and a first request that comes after the init phase had time to finish.
        const later = await runOnce([...target.args, String(PRE_INITIALIZED_DELAY_MS)], target.env);
        if (later.report.statusCode !== 200)
          throw new Error(`${target.detector.name} (pre-initialized): ${later.report.body}`);
        target.preInitializedFirstInvokes.push(later.report.firstInvokeMs as number);
      }
    }
    return {
      emptyProcessMs: median(empty),
      bundleBytes: Object.fromEntries(targets.map((t) => [t.detector.name, readFileSync(t.bundle).length])),
      detectors: targets.map((target) =>
        summarizeColdStarts(target.detector.name, target.samples, {
          localDisk: target.localDiskTotals,
          withoutPrefetch: target.withoutPrefetchTotals,
          preInitializedFirstInvoke: target.preInitializedFirstInvokes,
        }),
      ),
    };
  } finally {
    await s3.stop();
  }
}

/** Medians of each phase over several cold starts (each phase's own median, so they need not add up exactly). */
export function summarizeColdStarts(
  detector: string,
  samples: readonly ColdStartRun[],
  variants: {
    readonly localDisk: readonly number[];
    readonly withoutPrefetch: readonly number[];
    readonly preInitializedFirstInvoke: readonly number[];
  },
): ColdStart {
  const of = (pick: (run: ColdStartRun) => number) => median(samples.map(pick));
  const totals = samples.map((s) => s.totalMs);
  return {
    detector,
    runs: samples.length,
    totalMs: median(totals),
    totalSpread: relativeSpread(totals),
    nodeBootMs: of((s) => s.nodeBootMs),
    moduleLoadMs: of((s) => s.moduleLoadMs),
    modelLoadMs: of((s) => s.readMs + s.verifyMs),
    sessionCreateMs: of((s) => s.sessionCreateMs),
    firstInvokeMs: of((s) => s.firstInvokeMs),
    processOverheadMs: of((s) => s.totalMs - s.nodeBootMs - s.moduleLoadMs - s.firstInvokeMs),
    localDiskTotalMs: median(variants.localDisk),
    withoutPrefetchTotalMs: median(variants.withoutPrefetch),
    preInitializedFirstInvokeMs: median(variants.preInitializedFirstInvoke),
  };
}
