/**
 * Default locations inside the repository, resolved from this source file rather than the working
 * directory (the seed found its models relative to wherever it was started, which broke silently).
 */
import { join, resolve } from "node:path";

/** The repository root (this file lives in lambdas/runtime/). */
export const REPO_ROOT = resolve(__dirname, "..", "..");

/** The repository's models/ folder: manifest.json and the committed .onnx files. */
export const DEFAULT_MODEL_DIR = join(REPO_ROOT, "models");

/** Where the file alert sink writes when HELIOS_ALERT_FILE is not set. */
export const DEFAULT_ALERT_FILE = join(REPO_ROOT, ".helios", "alerts.jsonl");

/** Where the file state store keeps its records when HELIOS_STATE_FILE is not set. */
export const DEFAULT_STATE_FILE = join(REPO_ROOT, ".helios", "state.json");
