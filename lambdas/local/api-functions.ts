/**
 * The functions behind the API, in the same arrangement the stack deploys: `GET /` served by the
 * status handler and `POST /predict/<name>` by each catalogued detector's handler. The handler
 * modules are found from the catalog (lambdas/handlers/<name>.ts), never from a second list.
 */
import { join } from "node:path";
import { DETECTORS, routeOf } from "../catalog";
import type { ProxyHandler } from "../runtime/detector-runtime";

/** One function of the API and the route it serves. */
export interface ApiFunction {
  /** Short name, used in the local function name and the logs: a detector name or "status". */
  readonly name: string;
  readonly method: "GET" | "POST";
  /** The resource path, e.g. "/predict/cpu". */
  readonly path: string;
  readonly handler: ProxyHandler;
}

/** Where the handler modules live: one file per function, named after it. */
export const HANDLERS_DIR = join(__dirname, "..", "handlers");

/** Name of the module that answers `GET /` with the service status. */
export const STATUS_FUNCTION = "status";

/**
 * Loads every handler module. Loading is what a Lambda cold start does, so it happens once,
 * before the first request, and a missing or malformed handler stops the server with its name.
 */
export function loadApiFunctions(handlersDir: string = HANDLERS_DIR): ApiFunction[] {
  return [
    { name: STATUS_FUNCTION, method: "GET", path: "/", handler: loadHandler(handlersDir, STATUS_FUNCTION) },
    ...DETECTORS.map(
      (detector): ApiFunction => ({
        name: detector.name,
        method: "POST",
        path: routeOf(detector),
        handler: loadHandler(handlersDir, detector.name),
      }),
    ),
  ];
}

/** Requires `<dir>/<name>` and returns its exported `handler`. */
function loadHandler(dir: string, name: string): ProxyHandler {
  const file = join(dir, name);
  // A computed module path: the catalog decides which handlers exist, so a static import cannot.
  const loaded: unknown = require(file);
  const handler = (loaded as { handler?: unknown } | null)?.handler;
  if (typeof handler !== "function") {
    throw new Error(`${file} does not export a handler function`);
  }
  return handler as ProxyHandler;
}
