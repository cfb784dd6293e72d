/**
 * The detector runtime's configuration, read from the environment (names in environment-names.ts).
 * It is read at the first invocation, not at module load, so the local server can set the
 * environment before its first request; a wrong value fails that invocation with a clear log
 * line and a 503, never a crash loop.
 */
import { isAbsolute, resolve } from "node:path";
import type { RuntimeModelEntry } from "../../models/manifest-schema";
import type { DetectorSpec } from "../catalog";
import { readStateStoreConfig, type StateStoreConfig } from "../state/create-state-store";
import { ENV } from "./environment-names";
import { isRecord } from "./is-record";
import { detectorModels } from "./model-contracts";
import { checkModelEntry } from "./model-entry";
import { DEFAULT_ALERT_FILE, DEFAULT_MODEL_DIR } from "./repo-paths";

/** Environment variables as Node gives them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** One model object in the model bucket. */
export interface S3ModelObject {
  readonly key: string;
  /** Pins (or rolls back to) one version of the object; the latest when absent. */
  readonly versionId?: string;
  /** The entry the bytes must match (checksum) and that says how to decide with them. */
  readonly entry: RuntimeModelEntry;
}

/** Where a detector's models come from. */
export type ModelSourceConfig =
  | { readonly kind: "local"; readonly dir: string }
  | {
      readonly kind: "s3";
      readonly bucket: string;
      /** Model id to its object, for every model the detector uses. */
      readonly objects: Readonly<Record<string, S3ModelObject>>;
    };

/** Where anomaly alerts go. */
export type AlertSinkConfig =
  | { readonly kind: "file"; readonly file: string }
  | { readonly kind: "sns"; readonly topicArn: string };

/** Where metrics go. */
export type MetricsKind = "emf" | "cloudwatch" | "log";

/** Default alert cooldown: one alert per detector and resource per 15 minutes. */
export const DEFAULT_ALERT_COOLDOWN_SECONDS = 900;

/** Longest accepted alert cooldown: one day. */
const MAX_ALERT_COOLDOWN_SECONDS = 86_400;

/** A detector function's whole configuration. */
export interface RuntimeConfig {
  readonly model: ModelSourceConfig;
  readonly alerts: AlertSinkConfig;
  /** Seconds of quiet after an alert per detector and resource; 0 alerts every anomalous request. */
  readonly alertCooldownSeconds: number;
  /** Where the alert cooldown (and any form's state) is kept. */
  readonly state: StateStoreConfig;
  readonly metrics: MetricsKind;
}

/** The configuration, or what is wrong with the environment (naming the variable). */
export type ConfigResult =
  | { readonly ok: true; readonly config: RuntimeConfig }
  | { readonly ok: false; readonly problem: string };

function setting(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function choice<T extends string>(env: Environment, name: string, allowed: readonly T[], fallback: T) {
  const value = setting(env, name) ?? fallback;
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Reads the model source part of the configuration. */
export function readModelSourceConfig(
  env: Environment,
  detector: DetectorSpec,
): { ok: true; config: ModelSourceConfig } | { ok: false; problem: string } {
  const kind = choice(env, ENV.modelSource, ["local", "s3"] as const, "local");
  if (!kind) return { ok: false, problem: `${ENV.modelSource} must be "local" or "s3"` };
  if (kind === "local") {
    const dir = setting(env, ENV.modelDir);
    // A relative HELIOS_MODEL_DIR is taken from the working directory, as a user typing it expects.
    return {
      ok: true,
      config: { kind, dir: dir ? (isAbsolute(dir) ? dir : resolve(dir)) : DEFAULT_MODEL_DIR },
    };
  }
  const bucket = setting(env, ENV.modelBucket);
  const rawModels = setting(env, ENV.models);
  if (!bucket) return { ok: false, problem: `${ENV.modelBucket} is required when ${ENV.modelSource}=s3` };
  if (!rawModels) return { ok: false, problem: `${ENV.models} is required when ${ENV.modelSource}=s3` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawModels);
  } catch {
    return { ok: false, problem: `${ENV.models} is not valid JSON` };
  }
  if (!isRecord(parsed))
    return { ok: false, problem: `${ENV.models} must be a JSON object of model id to model` };
  const objects: Record<string, S3ModelObject> = {};
  for (const { id, contract } of detectorModels(detector)) {
    const where = `${ENV.models}.${id}`;
    const raw = Object.hasOwn(parsed, id) ? parsed[id] : undefined;
    if (!isRecord(raw)) return { ok: false, problem: `${where} is missing` };
    if (typeof raw.key !== "string" || raw.key === "")
      return { ok: false, problem: `${where}.key must be an S3 key` };
    if (raw.versionId !== undefined && (typeof raw.versionId !== "string" || raw.versionId === "")) {
      return { ok: false, problem: `${where}.versionId must be an S3 version id` };
    }
    const entry = checkModelEntry(raw.entry, contract);
    if (!entry.ok) return { ok: false, problem: `${where}.entry: ${entry.problem}` };
    objects[id] = {
      key: raw.key,
      entry: entry.value,
      ...(raw.versionId ? { versionId: raw.versionId } : {}),
    };
  }
  return { ok: true, config: { kind, bucket, objects } };
}

/** Reads where alerts go (any Helios function that announces something uses it). */
export function readAlertSinkConfig(
  env: Environment,
): { ok: true; config: AlertSinkConfig } | { ok: false; problem: string } {
  const sink = choice(env, ENV.alertSink, ["file", "sns"] as const, "file");
  if (!sink) return { ok: false, problem: `${ENV.alertSink} must be "file" or "sns"` };
  if (sink === "file") {
    const file = setting(env, ENV.alertFile);
    return { ok: true, config: { kind: "file", file: file ? resolve(file) : DEFAULT_ALERT_FILE } };
  }
  const topicArn = setting(env, ENV.alertTopicArn);
  if (!topicArn || !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(topicArn)) {
    return { ok: false, problem: `${ENV.alertTopicArn} must be an SNS topic ARN when ${ENV.alertSink}=sns` };
  }
  return { ok: true, config: { kind: "sns", topicArn } };
}

/** Reads where metrics go (HELIOS_METRICS); the detectors and the watcher use it. */
export function readMetricsKind(
  env: Environment,
): { ok: true; kind: MetricsKind } | { ok: false; problem: string } {
  const metrics = choice(env, ENV.metrics, ["log", "emf", "cloudwatch"] as const, "log");
  if (!metrics) return { ok: false, problem: `${ENV.metrics} must be "log", "emf" or "cloudwatch"` };
  return { ok: true, kind: metrics };
}

/** Reads and validates a detector function's configuration from the environment. */
export function readRuntimeConfig(env: Environment, detector: DetectorSpec): ConfigResult {
  const model = readModelSourceConfig(env, detector);
  if (!model.ok) return model;

  const alerts = readAlertSinkConfig(env);
  if (!alerts.ok) return alerts;

  const metrics = readMetricsKind(env);
  if (!metrics.ok) return metrics;

  const cooldownText = setting(env, ENV.alertCooldownSeconds);
  const alertCooldownSeconds =
    cooldownText === undefined ? DEFAULT_ALERT_COOLDOWN_SECONDS : Number(cooldownText);
  if (
    !Number.isInteger(alertCooldownSeconds) ||
    alertCooldownSeconds < 0 ||
    alertCooldownSeconds > MAX_ALERT_COOLDOWN_SECONDS
  ) {
    return {
      ok: false,
      problem: `${ENV.alertCooldownSeconds} must be a whole number of seconds from 0 to ${MAX_ALERT_COOLDOWN_SECONDS}`,
    };
  }
  const state = readStateStoreConfig(env);
  if (!state.ok) return state;

  return {
    ok: true,
    config: {
      model: model.config,
      alerts: alerts.config,
      alertCooldownSeconds,
      state: state.config,
      metrics: metrics.kind,
    },
  };
}

/** The names of every variable the runtime reads, in a fixed order. */
const ENV_NAMES: readonly string[] = Object.values(ENV);

/**
 * A stable key of the variables this runtime reads, to notice when they change between invocations.
 * It runs on every request, so it is a plain concatenation (JSON.stringify of the ~1 KB of values
 * cost 2.5 µs more per request): "\0=" + value for a set variable, "\0-" for an unset one. An
 * environment value cannot contain NUL, so no two environments give the same key.
 */
export function configFingerprint(env: Environment): string {
  let key = "";
  for (const name of ENV_NAMES) {
    const value = env[name];
    key += value === undefined ? "\0-" : `\0=${value}`;
  }
  return key;
}
