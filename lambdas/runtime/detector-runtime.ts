/**
 * The shared detector runtime: builds a detector's Lambda handler from its catalog entry.
 * parse → validate (which picks the request form) → the form's model and detection core →
 * response → alert (through the cooldown) → metrics, with the configuration read from the
 * environment at the first invocation (and re-read if it changes). A detector with the sign-in
 * events form also takes AWS console sign-ins from EventBridge through the same handler.
 */
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { admitAlert, alertAfterCooldown } from "../alerts/alert-cooldown";
import type { Alert, AlertDraft, AlertSink } from "../alerts/alert-sink";
import { createAlertSink } from "../alerts/create-alert-sink";
import { type DetectorSpec, MAX_BODY_BYTES, readingModelOf, routeOf } from "../catalog";
import { consoleSignInEvent, isConsoleSignIn } from "../detection/login/console-sign-in";
import { createMetricsSink, type MetricsSink } from "../metrics/metrics-sink";
import { createModelSource } from "../model-source/model-source";
import { createStateStore } from "../state/create-state-store";
import type { StateStore } from "../state/state-store";
import { type EventsRequest, eventsFormOf } from "./forms/events-request";
import { modelIdFor, runForm } from "./forms/run-form";
import { type HttpError, unavailable } from "./http-error";
import { errorResponse, jsonResponse } from "./http-response";
import { invocationCounter } from "./invocation-fields";
import { createLogger, describeError, type LineWriter, type Logger, stdoutWriter } from "./logger";
import { detectorModels } from "./model-contracts";
import {
  type BackoffPolicy,
  DEFAULT_BACKOFF,
  isHttpError,
  type LoadTimings,
  ModelLoader,
} from "./model-loader";
import { predict } from "./predict";
import { checkRoute, readJsonBody } from "./read-request";
import { configFingerprint, type Environment, type RuntimeConfig, readRuntimeConfig } from "./runtime-config";
import { type DetectorRequest, validateRequest } from "./validate-request";

/** A Lambda handler behind an API Gateway REST proxy integration. */
export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Options for building a runtime; the defaults are what a deployed function uses. */
export interface DetectorRuntimeOptions {
  /** Where configuration is read from (default process.env, read at each invocation). */
  readonly env?: Environment;
  /** Receives log and EMF lines (default stdout). */
  readonly writeLine?: LineWriter;
  /** Retry policy after a failed model load (default 1 s doubling to 60 s). */
  readonly backoff?: BackoffPolicy;
  /** Clock in epoch milliseconds (default Date.now). */
  readonly now?: () => number;
}

/** Phase timings of an explicit warm-up, in milliseconds (for cold-start benchmarks). */
export interface WarmUpReport extends Partial<LoadTimings> {
  readonly modelVersion: string;
  /** First session run, on the detector's documented normal example. */
  readonly firstRunMs: number;
}

/** A detector's handler plus the hooks benchmarks and tests need. */
export interface DetectorRuntime {
  readonly detector: DetectorSpec;
  readonly handler: ProxyHandler;
  /** Reads the configuration and loads the model now, then runs it once; rejects if either fails. */
  warmUp(): Promise<WarmUpReport>;
  /** Sends any buffered metrics (only the CloudWatch sink buffers). */
  flushMetrics(): Promise<void>;
  /**
   * Starts loading every model of the detector now, without waiting (Lambda's init phase); the
   * first requests wait on the same loads. Failures are logged and retried as usual.
   */
  prefetch(): Promise<void>;
}

/** Seconds a client is asked to wait when the function is misconfigured (a redeploy is needed). */
const MISCONFIGURED_RETRY_SECONDS = 60;

/**
 * Time kept back from the invocation's deadline for answering. A model read or an alert publish
 * still running then is abandoned: a function killed at its timeout gives the client a bare 5xx
 * with no Retry-After (and a stalled S3 would stall every cold start the same way).
 */
const ANSWER_MARGIN_MS = 1_000;

/** Milliseconds this invocation may still spend waiting on S3 or SNS; undefined without a deadline. */
function timeLeft(context: Context | undefined): number | undefined {
  const remaining = context?.getRemainingTimeInMillis?.();
  return typeof remaining === "number" && Number.isFinite(remaining)
    ? Math.max(0, remaining - ANSWER_MARGIN_MS)
    : undefined;
}

/** Everything built from one configuration: kept for the life of the container. */
interface Wiring {
  readonly fingerprint: string;
  readonly config: RuntimeConfig;
  /** One loader per model id the detector uses; each loads its model on first use. */
  readonly loaders: ReadonlyMap<string, ModelLoader>;
  readonly alerts: AlertSink;
  /** Where the alert cooldown is kept; built on the first alert. */
  state: StateStore | undefined;
  readonly metrics: MetricsSink;
}

/** What one request came to, for its log line. */
type Outcome = "normal" | "anomaly" | "rejected" | "unavailable" | "error";

/** A request's outcome, its response and the fields of its log line. */
interface Answer {
  readonly outcome: Outcome;
  readonly response: APIGatewayProxyResult;
  readonly fields?: Record<string, unknown>;
}

/** Builds a detector's runtime: its handler, an explicit warm-up and a metrics flush. */
export function createDetectorRuntime(
  detector: DetectorSpec,
  options: DetectorRuntimeOptions = {},
): DetectorRuntime {
  const env = options.env ?? process.env;
  const writeLine = options.writeLine ?? stdoutWriter;
  const now = options.now ?? Date.now;
  const logger = createLogger(writeLine, env);
  const nextInvocation = invocationCounter();
  const route = { method: "POST", path: routeOf(detector) } as const;
  const signInEvents = eventsFormOf(detector) !== undefined;
  let wiring: Wiring | undefined;

  /** The wiring for the current environment, rebuilt only when the environment changed. */
  function currentWiring(): Wiring | HttpError {
    const fingerprint = configFingerprint(env);
    if (wiring?.fingerprint === fingerprint) return wiring;
    const read = readRuntimeConfig(env, detector);
    if (!read.ok) {
      logger.log("error", "invalid configuration", { detector: detector.name, problem: read.problem });
      return unavailable(
        `the ${detector.name} detector is misconfigured; retry later`,
        MISCONFIGURED_RETRY_SECONDS,
      );
    }
    const { config } = read;
    const sameMetrics = wiring !== undefined && wiring.config.metrics === config.metrics;
    const metrics = sameMetrics ? wiring!.metrics : createMetricsSink(config.metrics, logger, writeLine);
    // A changed alert setting keeps the loaded models; a changed source (or metrics sink, which
    // the loaders report their failures to) makes new loaders.
    const sameModel = sameMetrics && JSON.stringify(wiring!.config.model) === JSON.stringify(config.model);
    const loaders = sameModel
      ? wiring!.loaders
      : new Map(
          detectorModels(detector).map((model) => [
            model.id,
            new ModelLoader(
              createModelSource(config.model, model),
              model,
              detector.name,
              logger,
              metrics,
              options.backoff ?? DEFAULT_BACKOFF,
              now,
            ),
          ]),
        );
    const sameState =
      wiring !== undefined && JSON.stringify(wiring.config.state) === JSON.stringify(config.state);
    wiring = {
      fingerprint,
      config,
      loaders,
      alerts: createAlertSink(config.alerts, logger),
      state: sameState ? wiring!.state : undefined,
      metrics,
    };
    return wiring;
  }

  /** The model loader of a model id (the catalog and the configuration reader agree on the ids). */
  function loaderOf(wired: Wiring, modelId: string): ModelLoader {
    const loader = wired.loaders.get(modelId);
    if (!loader) throw new Error(`detector ${detector.name} has no model ${modelId}`);
    return loader;
  }

  /**
   * The alert to publish now, or undefined when the cooldown holds it back. A state store that
   * cannot be reached lets the alert through: a duplicate email beats a lost one.
   */
  async function throughCooldown(
    wired: Wiring,
    draft: AlertDraft,
    resource: string | undefined,
    anomalies: number,
    requestId: string,
    signal: AbortSignal | undefined,
  ): Promise<Alert | undefined> {
    const window = wired.config.alertCooldownSeconds;
    try {
      const verdict = await admitAlert(
        stateOf(wired),
        window,
        detector.name,
        resource,
        anomalies,
        now(),
        signal,
      );
      return verdict.send ? alertAfterCooldown(draft, verdict, window) : undefined;
    } catch (error) {
      logger.log("warn", "alert cooldown unavailable; alerting anyway", {
        requestId,
        detector: detector.name,
        reason: describeError(error),
      });
      return alertAfterCooldown(draft, { send: true, suppressedBefore: 0 }, window);
    }
  }

  /** The state store of the current wiring, built on first use (cooldowns and sign-in state). */
  function stateOf(wired: Wiring): StateStore {
    wired.state ??= createStateStore(wired.config.state);
    return wired.state;
  }

  async function respond(
    event: APIGatewayProxyEvent,
    context: Context | undefined,
    requestId: string,
    started: number,
  ): Promise<Answer> {
    const routed = checkRoute(event, route);
    if (!routed.ok) return { outcome: "rejected", response: errorResponse(routed.error) };
    const body = readJsonBody(event, MAX_BODY_BYTES);
    if (!body.ok) return { outcome: "rejected", response: errorResponse(body.error) };
    const request = validateRequest(body.value, detector);
    if (!request.ok) return { outcome: "rejected", response: errorResponse(request.error) };
    return answer(request.value, context, requestId, started, "api");
  }

  /**
   * AWS console sign-ins from EventBridge: mapped to a sign-in event and scored like an API
   * request, under the resource `console/<account>` (one alert per account per cooldown window).
   */
  async function consoleSignIn(
    event: unknown,
    context: Context | undefined,
    requestId: string,
    started: number,
  ): Promise<Answer> {
    const mapped = consoleSignInEvent(event);
    if (!mapped.ok) return { outcome: "rejected", response: jsonResponse(400, { error: mapped.problem }) };
    const account = (event as { account?: unknown }).account;
    const request: EventsRequest = {
      form: "events",
      mode: "single",
      events: [mapped.value],
      ...(typeof account === "string" && /^\d{12}$/.test(account) ? { resource: `console/${account}` } : {}),
    };
    return answer(request, context, requestId, started, "console");
  }

  /** Scores a validated request of any form, from any door: model, core, alert, metrics. */
  async function answer(
    request: DetectorRequest,
    context: Context | undefined,
    requestId: string,
    started: number,
    source: "api" | "console",
  ): Promise<Answer> {
    const wired = currentWiring();
    if ("status" in wired) return { outcome: "unavailable", response: errorResponse(wired) };
    const model = await loaderOf(wired, modelIdFor(detector, request)).get(timeLeft(context));
    if (isHttpError(model)) return { outcome: "unavailable", response: errorResponse(model) };

    const time = new Date(now());
    const left = timeLeft(context);
    const result = await runForm(
      model,
      detector,
      request,
      { requestId, time, env, source },
      { state: () => stateOf(wired), ...(left === undefined ? {} : { signal: AbortSignal.timeout(left) }) },
    );
    if ("status" in result) return { outcome: "unavailable", response: errorResponse(result) };
    const resource = request.resource;

    let alertFailures = 0;
    if (result.alert) {
      const left = timeLeft(context);
      const signal = left === undefined ? undefined : AbortSignal.timeout(left);
      const alert = await throughCooldown(wired, result.alert, resource, result.anomalies, requestId, signal);
      if (alert) {
        try {
          await wired.alerts.publish(alert, signal);
        } catch (error) {
          // The prediction stands; the alert survives in the log, and AlertFailures drives an alarm.
          alertFailures = 1;
          logger.log("error", "alert not delivered; logged here instead", {
            requestId,
            detector: detector.name,
            reason: describeError(error),
            subject: alert.subject,
            alert: alert.message,
          });
        }
      }
    }
    wired.metrics.record({
      detector: detector.name,
      predictions: result.items,
      anomalies: result.anomalies,
      alertFailures,
      latency: performance.now() - started,
    });
    return {
      outcome: result.anomalies > 0 ? "anomaly" : "normal",
      response: jsonResponse(200, result.body),
      fields: {
        form: request.form,
        ...(source === "api" ? {} : { source }),
        items: result.items,
        anomalies: result.anomalies,
        model: result.body.model,
        ...(resource === undefined ? {} : { resource }),
      },
    };
  }

  const handler: ProxyHandler = async (event, context) => {
    const started = performance.now();
    const invocation = nextInvocation(env);
    const requestId = context?.awsRequestId ?? event?.requestContext?.requestId ?? randomUUID();
    // EventBridge invokes the same function with console sign-ins when the detector takes sign-in events.
    const fromConsole = signInEvents && isConsoleSignIn(event);
    let result: Answer;
    try {
      result = fromConsole
        ? await consoleSignIn(event, context, requestId, started)
        : await respond(event, context, requestId, started);
    } catch (error) {
      // Only a fault of ours gets here; the client sees the request id, never the error.
      logger.log("error", "unexpected failure", {
        requestId,
        detector: detector.name,
        reason: describeError(error),
      });
      result = {
        outcome: "error",
        response: jsonResponse(500, { error: `internal error; quote request id ${requestId}` }),
      };
    }
    logRequest(logger, {
      requestId,
      ...invocation,
      detector: detector.name,
      outcome: result.outcome,
      status: result.response.statusCode,
      latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
      ...(result.outcome === "rejected" || result.outcome === "unavailable"
        ? { error: (JSON.parse(result.response.body) as { error: string }).error }
        : {}),
      ...result.fields,
    });
    // A console sign-in that could not be scored fails the invocation: Lambda retries it, then
    // sends it to the dead-letter queue. One that is not a readable sign-in is dropped (logged above).
    if (fromConsole && (result.outcome === "unavailable" || result.outcome === "error")) {
      throw new Error(
        `console sign-in not scored (status ${result.response.statusCode}); see request ${requestId}`,
      );
    }
    return result.response;
  };

  return {
    detector,
    handler,
    async warmUp() {
      const wired = currentWiring();
      if ("status" in wired) throw new Error(`the ${detector.name} detector is misconfigured (see the log)`);
      const { model, timings } = await loaderOf(wired, readingModelOf(detector)).load();
      const started = performance.now();
      await predict(model, detector, [detector.examples.normal]);
      return { modelVersion: model.entry.modelVersion, ...timings, firstRunMs: performance.now() - started };
    },
    async flushMetrics() {
      await wiring?.metrics.flush();
    },
    async prefetch() {
      const wired = currentWiring();
      if ("status" in wired) return; // logged by currentWiring; the first request answers 503
      await Promise.all([...wired.loaders.values()].map((loader) => loader.get()));
    },
  };
}

function logRequest(logger: Logger, fields: Record<string, unknown>): void {
  const level = fields.outcome === "error" ? "error" : fields.outcome === "unavailable" ? "warn" : "info";
  logger.log(level, "request", fields);
}

/** Set by Lambda in every function's environment ("on-demand", "provisioned-concurrency", ...). */
const LAMBDA_INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

/**
 * The Lambda handler of a detector: what lambdas/handlers/<name>.ts exports. On Lambda, the
 * models start loading while the handler module is initialised (Lambda's init phase), so that
 * the S3 read overlaps the rest of the start-up, and a provisioned or pre-warmed container has
 * them ready before its first request (docs/benchmarks.md has the measurements).
 */
export function detectorHandler(detector: DetectorSpec): ProxyHandler {
  const runtime = createDetectorRuntime(detector);
  if (process.env[LAMBDA_INITIALIZATION_TYPE]) void runtime.prefetch();
  return runtime.handler;
}
