/**
 * Turns a handler's proxy result into the HTTP response the gateway would send: status, headers
 * (single- and multi-value merged the gateway's way), and the body, decoded from base64 when the
 * result says so. A result the gateway would reject as malformed is reported as such.
 */
import type { APIGatewayProxyResult } from "aws-lambda";

/** An HTTP response ready to write. */
export interface HttpResponseParts {
  readonly statusCode: number;
  /** Header name to its values, in the handler's spelling. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: Buffer;
}

/** Why a handler's result cannot be sent (the deployed gateway answers 502 for these). */
export class MalformedProxyResultError extends Error {
  override readonly name = "MalformedProxyResultError";
}

type HeaderValue = boolean | number | string;

/** Converts a proxy result into HTTP response parts, or throws MalformedProxyResultError. */
export function fromProxyResult(result: unknown): HttpResponseParts {
  if (typeof result !== "object" || result === null) {
    throw new MalformedProxyResultError("the handler returned no proxy result object");
  }
  const { statusCode, headers, multiValueHeaders, body, isBase64Encoded } =
    result as Partial<APIGatewayProxyResult>;
  if (!Number.isInteger(statusCode) || statusCode! < 100 || statusCode! > 599) {
    throw new MalformedProxyResultError(`the handler returned an invalid statusCode: ${String(statusCode)}`);
  }
  if (body !== undefined && body !== null && typeof body !== "string") {
    throw new MalformedProxyResultError("the handler returned a body that is not a string");
  }
  const merged = mergeHeaders(headers, multiValueHeaders);
  if (!Object.keys(merged).some((name) => name.toLowerCase() === "content-type")) {
    // The gateway labels an integration response without a content type as JSON.
    merged["Content-Type"] = ["application/json"];
  }
  const text = body ?? "";
  return {
    statusCode: statusCode!,
    headers: merged,
    body: isBase64Encoded === true ? Buffer.from(text, "base64") : Buffer.from(text, "utf8"),
  };
}

/**
 * Merges `multiValueHeaders` and `headers` as the gateway does: multi-value entries win for a
 * name present in both (compared case-insensitively), single values fill in the rest.
 */
function mergeHeaders(
  single: Readonly<Record<string, HeaderValue>> | undefined,
  multi: Readonly<Record<string, readonly HeaderValue[]>> | undefined,
): Record<string, string[]> {
  const merged: Record<string, string[]> = {};
  const seen = new Set<string>();
  for (const [name, values] of Object.entries(multi ?? {})) {
    if (!Array.isArray(values)) throw new MalformedProxyResultError(`header ${name} is not a list of values`);
    merged[name] = values.map((value) => headerText(name, value));
    seen.add(name.toLowerCase());
  }
  for (const [name, value] of Object.entries(single ?? {})) {
    if (!seen.has(name.toLowerCase())) merged[name] = [headerText(name, value)];
  }
  return merged;
}

/** A header value as text; objects and line breaks would corrupt the response, so they are refused. */
function headerText(name: string, value: unknown): string {
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    throw new MalformedProxyResultError(`header ${name} has a value that is not text`);
  }
  const text = String(value);
  if (/[\r\n]/.test(text)) throw new MalformedProxyResultError(`header ${name} contains a line break`);
  return text;
}
