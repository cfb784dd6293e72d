/**
 * Local mode's configuration: the same environment variables the stack sets on each Lambda
 * function, with local adapters chosen (models from models/, alerts to a JSON-lines file, state
 * such as the alert cooldown in a JSON file, metrics to the log). Values the user already set are kept, so any adapter can be swapped in.
 */
import { resolve } from "node:path";
import { ENV } from "../runtime/environment-names";
import { DEFAULT_ALERT_FILE, DEFAULT_MODEL_DIR, DEFAULT_STATE_FILE } from "../runtime/repo-paths";

/** Explicit choices that win over the environment. */
export interface LocalEnvironmentOverrides {
  /** JSON-lines file that receives alerts. */
  readonly alertFile?: string;
  /** Folder with manifest.json and the .onnx files. */
  readonly modelDir?: string;
  /** JSON file that keeps state (alert cooldowns, login baselines) across restarts. */
  readonly stateFile?: string;
}

/** The configuration local mode runs with, for the start-up banner. */
export interface LocalModeSettings {
  readonly modelSource: string;
  readonly modelDir: string;
  readonly alertSink: string;
  readonly alertFile: string;
  readonly stateStore: string;
  readonly stateFile: string;
  readonly metrics: string;
}

/**
 * Fills in local mode's settings in `env` (process.env by default) and returns them. Must run
 * before the first handler module loads, since a function reads its configuration at cold start.
 */
export function applyLocalEnvironment(
  overrides: LocalEnvironmentOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): LocalModeSettings {
  const choose = (name: string, explicit: string | undefined, fallback: string): string => {
    const value = explicit ?? nonEmpty(env[name]) ?? fallback;
    env[name] = value;
    return value;
  };
  const settings: LocalModeSettings = {
    modelSource: choose(ENV.modelSource, undefined, "local"),
    modelDir: resolve(choose(ENV.modelDir, overrides.modelDir, DEFAULT_MODEL_DIR)),
    alertSink: choose(ENV.alertSink, undefined, "file"),
    alertFile: resolve(choose(ENV.alertFile, overrides.alertFile, DEFAULT_ALERT_FILE)),
    stateStore: choose(ENV.stateStore, undefined, "file"),
    stateFile: resolve(choose(ENV.stateFile, overrides.stateFile, DEFAULT_STATE_FILE)),
    metrics: choose(ENV.metrics, undefined, "log"),
  };
  env[ENV.modelDir] = settings.modelDir;
  env[ENV.alertFile] = settings.alertFile;
  env[ENV.stateFile] = settings.stateFile;
  return settings;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
