/**
 * GET / : the service status and every catalogued detector with its model version. On Lambda the
 * versions come from HELIOS_DETECTOR_VERSIONS (set by the stack from the manifest); in local mode
 * from models/manifest.json, read per request so a retrained model shows at once.
 */
import { randomUUID } from "node:crypto";
import { DETECTORS, routeOf } from "../catalog";
import { readManifestJson } from "../model-source/local-model-source";
import type { ProxyHandler } from "./detector-runtime";
import { ENV } from "./environment-names";
import { errorResponse, jsonResponse } from "./http-response";
import { invocationCounter } from "./invocation-fields";
import { createLogger, describeError, type LineWriter, stdoutWriter } from "./logger";
import { checkRoute } from "./read-request";
import { DEFAULT_MODEL_DIR } from "./repo-paths";
import { type Environment, readModelSourceConfig } from "./runtime-config";

/** Options for the status handler; the defaults are what a deployed function uses. */
export interface StatusHandlerOptions {
  readonly env?: Environment;
  readonly writeLine?: LineWriter;
}

/** One detector in the status document. */
export interface DetectorStatus {
  readonly name: string;
  readonly title: string;
  readonly route: string;
  /** Null when no model version is known for the detector. */
  readonly modelVersion: string | null;
  /** "cpu@<version>", as in prediction responses; null with modelVersion. */
  readonly model: string | null;
  /** The detector's request forms beyond the reading form, each with its model's version. */
  readonly forms?: readonly FormStatus[];
}

/** One extra request form of a detector and the version of the model it runs. */
export interface FormStatus {
  readonly kind: string;
  /** Manifest id of the form's model, e.g. "login-events". */
  readonly model: string;
  /** Null when no version is known for that model. */
  readonly modelVersion: string | null;
}

/** The body of GET /. */
export interface ServiceStatus {
  readonly service: "helios";
  /** "ok" when every detector has a model version, "degraded" otherwise. */
  readonly status: "ok" | "degraded";
  readonly detectors: readonly DetectorStatus[];
}

/** Reads detector name → model version from the environment (Lambda) or the local manifest. */
async function readVersions(env: Environment): Promise<Record<string, unknown>> {
  const fromEnv = env[ENV.detectorVersions]?.trim();
  if (fromEnv) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fromEnv);
    } catch {
      throw new Error(`${ENV.detectorVersions} is not valid JSON`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new Error(`${ENV.detectorVersions} must be a JSON object of detector name to model version`);
    }
    return parsed as Record<string, unknown>;
  }
  // The model folder setting is the same for every detector; the first one's reading names it.
  const model = readModelSourceConfig(env, DETECTORS[0]);
  const dir = model.ok && model.config.kind === "local" ? model.config.dir : DEFAULT_MODEL_DIR;
  const manifest = (await readManifestJson(dir)) as {
    models?: Record<string, { modelVersion?: unknown } | null>;
  } | null;
  const models = manifest?.models ?? {};
  return Object.fromEntries(Object.entries(models).map(([name, entry]) => [name, entry?.modelVersion]));
}

/** The status document for a map of detector versions. */
export function serviceStatus(versions: Readonly<Record<string, unknown>>): ServiceStatus {
  const versionOf = (id: string): string | null => {
    const version = Object.hasOwn(versions, id) ? versions[id] : undefined;
    return typeof version === "string" && version !== "" ? version : null;
  };
  const detectors = DETECTORS.map((detector): DetectorStatus => {
    const modelVersion = versionOf(detector.name);
    const forms = detector.forms.map((form) => ({
      kind: form.kind,
      model: form.model,
      modelVersion: versionOf(form.model),
    }));
    return {
      name: detector.name,
      title: detector.title,
      route: routeOf(detector),
      modelVersion,
      model: modelVersion === null ? null : `${detector.name}@${modelVersion}`,
      ...(forms.length > 0 ? { forms } : {}),
    };
  });
  const known = detectors.every(
    (d) => d.modelVersion !== null && (d.forms ?? []).every((form) => form.modelVersion !== null),
  );
  return { service: "helios", status: known ? "ok" : "degraded", detectors };
}

/** Builds the GET / handler. */
export function createStatusHandler(options: StatusHandlerOptions = {}): ProxyHandler {
  const env = options.env ?? process.env;
  const logger = createLogger(options.writeLine ?? stdoutWriter, env);
  const nextInvocation = invocationCounter();
  return async (event, context) => {
    const started = performance.now();
    const invocation = nextInvocation(env);
    const requestId = context?.awsRequestId ?? event?.requestContext?.requestId ?? randomUUID();
    const log = (outcome: string, status: number, extra: Record<string, unknown> = {}) =>
      logger.log(status >= 500 ? "error" : "info", "request", {
        requestId,
        ...invocation,
        detector: "status",
        outcome,
        status,
        latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
        ...extra,
      });
    const routed = checkRoute(event, { method: "GET", path: "/" });
    if (!routed.ok) {
      log("rejected", routed.error.status);
      return errorResponse(routed.error);
    }
    let versions: Record<string, unknown>;
    try {
      versions = await readVersions(env);
    } catch (error) {
      // No versions known: every detector shows null and the service reports itself degraded.
      versions = {};
      logger.log("warn", "model versions unavailable", { requestId, reason: describeError(error) });
    }
    const body = serviceStatus(versions);
    log(body.status, 200);
    return jsonResponse(200, body);
  };
}
