/**
 * Runs `models/train.ts` in a child process into a temporary folder, the way `npm run train` does.
 * A child process because the network trainer's k-means package (ml-kmeans) is ESM-only, which
 * Jest's CommonJS sandbox cannot load; tsx can.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ModelManifest } from "../../../models/manifest-schema";
import type { TrainedModel } from "../../../models/trained-model";

/**
 * How long a retraining hook may take: `npm run train` takes 12–30 s on the shared 2-core machine
 * (seven models, the content corpus alone ~3 s and its training ~10 s of CPU), and two suites
 * retrain at once, so Jest's default 30 s is too tight.
 */
export const RETRAIN_TIMEOUT_MS = 180_000;

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
  /** Removes the temporary folder. */
  readonly cleanup: () => void;
}

/** Trains every model into a fresh temporary folder. */
export function retrain(): Retrained {
  const dir = mkdtempSync(join(tmpdir(), "helios-train-"));
  const parametersFile = join(dir, "parameters.json");
  const tsx = join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
  execFileSync(process.execPath, [tsx, "models/train.ts", "--out", dir, "--parameters", parametersFile], {
    cwd: REPO_ROOT,
    stdio: "pipe",
    timeout: RETRAIN_TIMEOUT_MS,
  });
  return {
    dir,
    manifest: JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")),
    parameters: JSON.parse(readFileSync(parametersFile, "utf8")),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The committed manifest. */
export function committedManifest(): ModelManifest {
  return JSON.parse(readFileSync(join(MODELS_DIR, "manifest.json"), "utf8"));
}
