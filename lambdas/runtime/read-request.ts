/**
 * The edge of a handler: checks the route, the method and the Content-Type, decodes the body
 * (API Gateway may base64-encode it), bounds its size and parses the JSON. Everything a client
 * can get wrong here becomes a 4xx with a message, never an exception.
 */
import type { APIGatewayProxyEvent } from "aws-lambda";
import { fail, ok, type Result } from "./http-error";

/** The route a handler serves. */
export interface RouteSpec {
  readonly method: "GET" | "POST";
  readonly path: string;
}

function normalisePath(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

/** 404 for a path this handler does not serve, 405 (with Allow) for a wrong method. */
export function checkRoute(event: APIGatewayProxyEvent, route: RouteSpec): Result<void> {
  // The resource is the matched template; a greedy template ({proxy+}) leaves only the path to go on.
  const resource = event.resource && !event.resource.includes("{") ? event.resource : event.path;
  if (normalisePath(resource ?? "") !== route.path) {
    return fail(404, `no route ${event.httpMethod ?? ""} ${event.path ?? ""}`.trim());
  }
  const method = (event.httpMethod ?? "").toUpperCase();
  if (method !== route.method) {
    return fail(405, `method ${method || "(none)"} is not allowed on ${route.path}; use ${route.method}`, {
      Allow: route.method,
    });
  }
  return ok(undefined);
}

/** A header's value, by case-insensitive name (API Gateway keeps the client's spelling). */
export function headerValue(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  for (const [key, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (key.toLowerCase() === wanted && values && values.length > 0) return values[values.length - 1];
  }
  return undefined;
}

/** True for `application/json`, with at most a UTF-8 charset parameter (any case, optional quotes). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [mediaType, ...parameters] = contentType.split(";").map((part) => part.trim().toLowerCase());
  if (mediaType !== "application/json") return false;
  return parameters.every((parameter) => {
    if (parameter === "") return true;
    const [name, value = ""] = parameter.split("=").map((part) => part.trim());
    return name === "charset" && ["utf-8", "utf8", '"utf-8"', '"utf8"'].includes(value);
  });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Longest JSON parser message quoted back to the client. */
const MAX_PARSE_MESSAGE = 200;

/** Decodes, bounds and parses a JSON request body. */
export function readJsonBody(event: APIGatewayProxyEvent, maxBytes: number): Result<unknown> {
  if (!isJsonContentType(headerValue(event, "content-type"))) {
    return fail(415, "Content-Type must be application/json");
  }
  const raw = event.body ?? "";
  let text: string;
  if (event.isBase64Encoded) {
    // Base64 grows data by 4/3, so a body this long cannot decode to less than the limit.
    if (raw.length > Math.ceil((maxBytes * 4) / 3) + 4) return tooLarge(maxBytes);
    const bytes = Buffer.from(raw, "base64");
    if (bytes.length > maxBytes) return tooLarge(maxBytes, bytes.length);
    try {
      text = utf8.decode(bytes);
    } catch {
      return fail(400, "request body is not valid UTF-8");
    }
  } else {
    const size = Buffer.byteLength(raw, "utf8");
    if (size > maxBytes) return tooLarge(maxBytes, size);
    text = raw;
  }
  if (text.trim() === "") return fail(400, "request body is empty; send a JSON object");
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message.slice(0, MAX_PARSE_MESSAGE) : "parse error";
    return fail(400, `request body is not valid JSON: ${detail}`);
  }
}

function tooLarge<T>(maxBytes: number, size?: number): Result<T> {
  const actual = size === undefined ? "" : ` (${size} bytes)`;
  return fail(413, `request body is too large${actual}; the limit is ${maxBytes} bytes`);
}
