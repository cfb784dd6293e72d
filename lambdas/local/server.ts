/**
 * Local mode's HTTP server: the whole Helios API on one machine, through the same handlers the
 * Lambda functions run. Each request is routed as API Gateway routes it (404, 405, 413), turned
 * into a REST proxy event and a Lambda context, and the handler's result becomes the response.
 * Every answer is JSON, including those to what Node's HTTP layer catches before routing
 * (malformed requests, an unknown Expect, CONNECT); see docs/local-mode.md.
 */
import { randomUUID } from "node:crypto";
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { MAX_BODY_BYTES } from "../catalog";
import { buildOpenApiDocument } from "../catalog/openapi";
import { createLogger, describeError, type Logger } from "../runtime/logger";
import { type ApiFunction, loadApiFunctions } from "./api-functions";
import { ConnectionQueue } from "./connection-queue";
import { createLambdaContext } from "./lambda-context";
import { drainThenEnd } from "./lingering-close";
import { applyLocalEnvironment, type LocalModeSettings } from "./local-environment";
import { toProxyEvent } from "./proxy-event";
import { fromProxyResult, type HttpResponseParts, MalformedProxyResultError } from "./proxy-response";
import { readBody } from "./request-body";
import { parseRequestTarget, quotePath } from "./request-target";
import { matchRoute, type Route } from "./route-table";

/** Options of {@link startLocalServer}; every one has a safe default. */
export interface LocalServerOptions {
  /** Interface to bind. Default "127.0.0.1": loopback only, nothing on the network can call it. */
  readonly host?: string;
  /** Port to bind; 0 picks a free one (read it back from the result). Default 3000. */
  readonly port?: number;
  /** JSON-lines alert file. Default: $HELIOS_ALERT_FILE, else .helios/alerts.jsonl in the repo. */
  readonly alertFile?: string;
  /** Model folder. Default: $HELIOS_MODEL_DIR, else the repo's models/. */
  readonly modelDir?: string;
  /** State file (alert cooldowns, login baselines). Default: $HELIOS_STATE_FILE, else .helios/state.json in the repo. */
  readonly stateFile?: string;
  /** The functions to serve. Default: the real handlers, found from the catalog. */
  readonly functions?: readonly ApiFunction[];
  /** Stage name reported in events. Default "local". */
  readonly stage?: string;
  /** Per-invocation timeout, as a Lambda function's timeout. Default 10,000 ms. */
  readonly functionTimeoutMs?: number;
  /** Memory reported in the Lambda context, in MB. Default 1024. */
  readonly memoryLimitInMB?: number;
  /** Largest accepted body, in bytes. Default: the catalog's MAX_BODY_BYTES. */
  readonly maxBodyBytes?: number;
  /** How long close() lets in-flight requests finish before cutting connections. Default 10,000 ms. */
  readonly shutdownGraceMs?: number;
  /**
   * After refusing a body (413, 417), how many more of its bytes are read and dropped before the
   * connection is cut. Default 64 MiB: a client that sends first and reads after (Node's fetch)
   * gets its answer for any upload up to that size.
   */
  readonly lingerBytes?: number;
  /** ...and how long the rest of a refused body may pause before the connection is cut. Default 5,000 ms. */
  readonly lingerIdleMs?: number;
  /** Where log lines go. Default: JSON lines on stdout. */
  readonly logger?: Logger;
}

/** A running local server. */
export interface LocalServer {
  /** Base URL, e.g. "http://127.0.0.1:3000" (with the real port when 0 was asked for). */
  readonly url: string;
  readonly port: number;
  /** The configuration the handlers run with (model folder, alert file, metrics). */
  readonly settings: LocalModeSettings;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

/** What serves a route: a Lambda handler, or the server itself (the API document). */
type RouteTarget = { readonly kind: "function"; readonly fn: ApiFunction } | { readonly kind: "openapi" };

/** What one request came to, for its log line. */
interface Outcome {
  readonly status: number;
  /** A handler answered: it wrote the request's log line itself, as it does on Lambda. */
  readonly answeredByHandler?: boolean;
  readonly function?: string;
  readonly error?: string;
}

const DEFAULTS = {
  host: "127.0.0.1",
  port: 3000,
  stage: "local",
  functionTimeoutMs: 10_000,
  memoryLimitInMB: 1024,
  shutdownGraceMs: 10_000,
  lingerBytes: 64 * 1024 * 1024,
  lingerIdleMs: 5_000,
} as const;

/** Starts the local API server and resolves once it is listening. */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  // Configuration first: a function reads its environment when it first runs.
  const settings = applyLocalEnvironment({
    alertFile: options.alertFile,
    modelDir: options.modelDir,
    stateFile: options.stateFile,
  });
  const functions = options.functions ?? loadApiFunctions();
  const logger = options.logger ?? createLogger();
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const stage = options.stage ?? DEFAULTS.stage;
  const routes: Route<RouteTarget>[] = [
    ...functions.map((fn) => ({
      method: fn.method,
      path: fn.path,
      target: { kind: "function", fn } as const,
    })),
    { method: "GET", path: "/openapi.json", target: { kind: "openapi" } },
  ];

  let closing = false;
  let openApiBody: Buffer | undefined;
  const connections = new ConnectionQueue();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    connections.opened(req, res);
    const started = Date.now();
    const requestId = randomUUID();
    // An aborted upload emits 'error' on the request; without a listener it would crash the server.
    req.on("error", () => {});
    let outcome: Outcome;
    try {
      outcome = await serve(req, res, requestId, started);
    } catch (error) {
      // A bug in the server itself: the client gets a bare 500, the log gets the reason.
      outcome = send(res, requestId, internalError(500, requestId), { error: describeError(error) });
    }
    // One line per request: the handler's own when it answered, else this one (routing, limits, faults).
    if (outcome.answeredByHandler) return;
    logger.log(outcome.status >= 500 ? "error" : "info", "request", {
      requestId,
      method: req.method,
      path: parseRequestTarget(req.url).path,
      status: outcome.status,
      durationMs: Date.now() - started,
      ...(outcome.function ? { function: outcome.function } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
    });
  };
  // Without a Host header Node answers 400 itself, bodiless; the gateway's part is routing, so
  // such a request is served like any other (nothing here depends on the host name).
  const server = createServer({ requireHostHeader: false }, handle);
  // A request the HTTP parser rejects never reaches `handle`, and Node would answer it with a
  // bare status line: answer it as every other error, in JSON, with the status Node would choose.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The parser reports every later chunk too: one answer per connection.
    if (connections.markFailed(socket)) return;
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    // As Node's own handler: write nothing into a response that has already started (a refused
    // body the client stopped sending, a lingering request that timed out); let it go, then close.
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (inFlight?.headersSent) {
      (socket as Socket).destroySoon();
      return;
    }
    const [status, message] = CLIENT_ERRORS[error.code ?? ""] ?? [400, "malformed HTTP request"];
    // Requests pipelined before the bad one are answered first, in order, then this error.
    connections.whenAnswered(socket, () => {
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      socket.end(rawJsonError(status, message));
      logger.log("info", "request", { status, error: `${message} (${error.code ?? error.message})` });
    });
  });
  // "Expect: 100-continue": a body declared over the limit is refused before the client sends it.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    if (!(Number(req.headers["content-length"]) > limit)) res.writeContinue();
    void handle(req, res);
  });
  // Any other Expect: Node would answer a bare 417; serve() answers it in JSON.
  server.on("checkExpectation", (req: IncomingMessage, res: ServerResponse) => void handle(req, res));
  // CONNECT asks for a tunnel; Node would close the socket without a word.
  server.on("connect", (req: IncomingMessage, socket: Duplex) => {
    socket.on("error", () => {});
    const allow = [...new Set(routes.map((r) => r.method))].sort().join(", ");
    const message = `method CONNECT is not allowed: this is an API, not a proxy; use ${ROUTE_HINT}`;
    socket.end(rawJsonError(405, message, { Allow: allow }));
    logger.log("info", "request", { method: req.method, status: 405, error: message });
  });

  async function serve(req: IncomingMessage, res: ServerResponse, requestId: string, started: number) {
    const expect = req.headers.expect;
    // Node's own test for 100-continue, which it hands to checkContinue instead.
    if (expect !== undefined && !/(?:^|\W)100-continue(?:$|\W)/i.test(expect)) {
      return refuse(
        req,
        res,
        requestId,
        jsonError(
          417,
          `unsupported Expect header ${JSON.stringify(quotePath(expect))}: only "100-continue" is supported; send the request without it`,
        ),
      );
    }
    const { path } = parseRequestTarget(req.url);
    const method = req.method ?? "GET";
    const match = matchRoute(routes, method, path);
    if (match.kind === "not-found") {
      return send(
        res,
        requestId,
        jsonError(404, `no route ${quotePath(path)}; the routes are listed at GET /openapi.json`),
      );
    }
    if (match.kind === "method-not-allowed") {
      const allow = match.allow.join(", ");
      return send(
        res,
        requestId,
        jsonError(405, `method ${method} is not allowed on ${path}; use ${allow}`, { Allow: allow }),
      );
    }
    const target = match.route.target;
    if (target.kind === "openapi") {
      openApiBody ??= Buffer.from(JSON.stringify(buildOpenApiDocument({ serverUrl: address.url }), null, 2));
      return send(res, requestId, {
        statusCode: 200,
        headers: { "Content-Type": ["application/json; charset=utf-8"] },
        body: openApiBody,
      });
    }

    const body = await readBody(req, limit);
    if (body.kind === "aborted") {
      res.destroy();
      return { status: 499, function: target.fn.name, error: "client closed the connection" };
    }
    if (body.kind === "too-large") {
      return refuse(
        req,
        res,
        requestId,
        jsonError(413, `the request body is larger than the limit of ${limit} bytes`),
      );
    }
    return invoke(res, target.fn, requestId, {
      method,
      url: req.url ?? "/",
      rawHeaders: req.rawHeaders,
      body: body.body,
      sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
      receivedAt: started,
    });
  }

  async function invoke(
    res: ServerResponse,
    fn: ApiFunction,
    requestId: string,
    request: Parameters<typeof toProxyEvent>[0],
  ): Promise<Outcome> {
    const event = toProxyEvent(request, { resource: fn.path, stage, requestId });
    const timeoutMs = options.functionTimeoutMs ?? DEFAULTS.functionTimeoutMs;
    const context = createLambdaContext({
      functionName: `helios-${fn.name}-local`,
      awsRequestId: requestId,
      memoryLimitInMB: options.memoryLimitInMB ?? DEFAULTS.memoryLimitInMB,
      timeoutMs,
      startedAt: Date.now(),
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    try {
      const result = await Promise.race([fn.handler(event, context), timedOut]);
      if (result === "timeout") {
        return send(res, requestId, jsonError(504, `the ${fn.name} function did not answer in time`), {
          function: fn.name,
          error: `timed out after ${timeoutMs} ms`,
        });
      }
      return send(res, requestId, fromProxyResult(result), { function: fn.name, answeredByHandler: true });
    } catch (error) {
      // A throwing handler is a Lambda error; the deployed gateway hides its details too.
      const status = error instanceof MalformedProxyResultError ? 502 : 500;
      return send(res, requestId, internalError(status, requestId), {
        function: fn.name,
        error: describeError(error),
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes a response and returns what to log about it. */
  function send(
    res: ServerResponse,
    requestId: string,
    parts: HttpResponseParts,
    details: Omit<Outcome, "status"> = {},
  ): Outcome {
    writeAnswer(res, requestId, parts);
    res.end();
    if (closing) res.once("finish", () => server.closeIdleConnections());
    return { ...details, status: parts.statusCode };
  }

  /** Writes the status, headers and whole body of a response, without ending it. */
  function writeAnswer(res: ServerResponse, requestId: string, parts: HttpResponseParts): void {
    const headers: Record<string, string[]> = {};
    for (const [name, values] of Object.entries(parts.headers)) {
      // The server frames the message itself; a handler's framing headers could only break it.
      if (!HOP_BY_HOP.has(name.toLowerCase())) headers[name] = [...values];
    }
    headers["x-amzn-RequestId"] = [requestId];
    headers["Content-Length"] = [String(parts.body.length)];
    if (closing) res.shouldKeepAlive = false;
    res.writeHead(parts.statusCode, headers);
    res.write(parts.body);
  }

  /**
   * Answers a request whose body will not be used (413, 417) and closes its connection without
   * resetting it under a client that is still sending: the whole answer goes out at once, then
   * the rest of the body is read and dropped (a lingering close, as nginx does) until it ends,
   * passes lingerBytes or pauses longer than lingerIdleMs. Closing at once would make the
   * client's next write fail (EPIPE), and a client that reads only after sending (Node's fetch)
   * would never see the answer.
   */
  function refuse(req: IncomingMessage, res: ServerResponse, requestId: string, parts: HttpResponseParts) {
    res.shouldKeepAlive = false; // "Connection: close": nothing more is read from this connection
    writeAnswer(res, requestId, parts);
    drainThenEnd(req, res, {
      bytes: options.lingerBytes ?? DEFAULTS.lingerBytes,
      idleMs: options.lingerIdleMs ?? DEFAULTS.lingerIdleMs,
    });
    return { status: parts.statusCode };
  }

  // Bounds on slow clients (the gateway gives up on an integration after 29 s).
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  const address = await listen(server, options.host ?? DEFAULTS.host, options.port ?? DEFAULTS.port);

  return {
    url: address.url,
    port: address.port,
    settings,
    close: () => {
      closing = true;
      return new Promise<void>((resolve, reject) => {
        const force = setTimeout(
          () => server.closeAllConnections(),
          options.shutdownGraceMs ?? DEFAULTS.shutdownGraceMs,
        );
        server.close((error) => {
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}

/** Where the routes are, for messages about requests that match none. */
const ROUTE_HINT = "GET / or POST /predict/<detector>";

/** Node's parser errors with a status of their own; anything else it rejects is a 400. */
const CLIENT_ERRORS: Readonly<Record<string, readonly [number, string]>> = {
  HPE_HEADER_OVERFLOW: [431, "the request headers are too large"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "the request took too long to arrive"],
};

/** A complete HTTP/1.1 error response, for writing straight to a socket. */
function rawJsonError(
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): string {
  const body = JSON.stringify({ error: message });
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n${extra}` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/** Headers that describe one connection's framing, which the server sets itself. */
const HOP_BY_HOP = new Set(["connection", "content-length", "keep-alive", "transfer-encoding", "upgrade"]);

/** An `{"error": "..."}` response made by the gateway layer (not by a handler). */
function jsonError(
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): HttpResponseParts {
  return {
    statusCode: status,
    headers: {
      "Content-Type": ["application/json; charset=utf-8"],
      ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    },
    body: Buffer.from(JSON.stringify({ error: message })),
  };
}

/** A 5xx that tells the client only what to quote when reporting it (as the handlers' own 500s do). */
function internalError(status: number, requestId: string): HttpResponseParts {
  return jsonError(status, `internal error; quote request id ${requestId}`);
}

/** Binds and resolves with the real address (the port is only known after binding when 0 was asked). */
function listen(server: Server, host: string, port: number): Promise<{ url: string; port: number }> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const bound = server.address() as AddressInfo;
      const shownHost = bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
      resolve({ url: `http://${shownHost}:${bound.port}`, port: bound.port });
    });
  });
}
