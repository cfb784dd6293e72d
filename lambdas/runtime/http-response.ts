/** JSON responses in the API Gateway proxy format, with the headers every Helios response carries. */
import type { APIGatewayProxyResult } from "aws-lambda";
import type { HttpError } from "./http-error";

/** Headers on every response: JSON, never cached, never sniffed as something else. */
const BASE_HEADERS = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
} as const;

/** A JSON response with the given status and body. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyResult {
  return { statusCode: status, headers: { ...BASE_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** The `{"error": "..."}` response for an HttpError. */
export function errorResponse(error: HttpError): APIGatewayProxyResult {
  return jsonResponse(error.status, { error: error.message }, error.headers);
}
