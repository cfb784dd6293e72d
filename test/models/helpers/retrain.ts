/**
 * Runs `models/train.ts` in a child process into a temporary folder, the way `npm run train` does.
 * A child process because the network trainer's k-means package (ml-kmeans) is ESM-only, which
 * Jest's CommonJS sandbox cannot load; tsx can. Training takes 15-40 s here, so the test files of
 * one Jest run share one training: the first to ask trains, the others wait for its result.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ModelManifest } from "../../../models/manifest-schema";
import type { TrainedModel } from "../../../models/trained-model";

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, "../../..");

/** The committed models folder. */
export const MODELS_DIR = join(REPO_ROOT, "models");

/** What one training run wrote. */
export interface Retrained {
  readonly dir: string;
  readonly manifest: ModelManifest;
  /** Trained parameters by detector name (the references' input). */
  readonly parameters: Readonly<Record<string, TrainedModel>>;
  /** Nothing to do: the other files of the run share the folder; Jest's global teardown removes it. */
  readonly cleanup: () => void;
}

/** Longest a training may take (a loaded 2-core machine), and so what a waiting file allows it. */
export const RETRAIN_TIMEOUT_MS = 240_000;

/** Blocks the thread for `ms` (the hooks that call retrain are synchronous about it). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Trains every model once per Jest run, into a temporary folder named after the run (Jest's global
 * setup, test/support/shared-training.js, names it for every worker), and returns it.
 */
export function retrain(): Retrained {
  const { folderOf, RUN_VARIABLE } = require("../../support/shared-training") as {
    folderOf: (run: string) => string;
    RUN_VARIABLE: string;
  };
  const dir = folderOf(process.env[RUN_VARIABLE] ?? `${process.pid}`);
  const done = join(dir, "done");
  const failed = join(dir, "failed");
  let trainer = false;
  try {
    mkdirSync(dir); // atomic: exactly one caller of the run gets to train
    trainer = true;
  } catch {
    // Another file of this run is training (or has trained) into dir.
  }
  if (trainer) {
    const tsx = join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
    const args = [tsx, "models/train.ts", "--out", dir, "--parameters", join(dir, "parameters.json")];
    try {
      execFileSync(process.execPath, args, { cwd: REPO_ROOT, stdio: "pipe", timeout: RETRAIN_TIMEOUT_MS });
    } catch (error) {
      writeFileSync(failed, String(error));
      throw error;
    }
    writeFileSync(done, "");
  } else {
    const deadline = Date.now() + RETRAIN_TIMEOUT_MS;
    while (!existsSync(done)) {
      if (existsSync(failed)) throw new Error(`the shared training failed: ${readFileSync(failed, "utf8")}`);
      if (Date.now() > deadline) throw new Error(`the shared training in ${dir} did not finish in time`);
      sleepSync(200);
    }
  }
  return {
    dir,
    manifest: JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")),
    parameters: JSON.parse(readFileSync(join(dir, "parameters.json"), "utf8")),
    cleanup: () => undefined,
  };
}

/** The committed manifest. */
export function committedManifest(): ModelManifest {
  return JSON.parse(readFileSync(join(MODELS_DIR, "manifest.json"), "utf8"));
}
