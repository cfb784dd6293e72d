/**
 * Translates one HTTP request into the event API Gateway sends to a Lambda proxy integration
 * (REST API, payload format 1.0), so that local mode hands the handlers exactly what they get
 * when deployed. Works on plain data (no sockets), so it can be tested on its own.
 */
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { parseRequestTarget } from "./request-target";

/** One HTTP request as the local server received it. */
export interface LocalHttpRequest {
  readonly method: string;
  /** The request target as sent, e.g. "/predict/cpu?debug=1". */
  readonly url: string;
  /** Header names and values in arrival order, names in the client's spelling (Node's rawHeaders). */
  readonly rawHeaders: readonly string[];
  /** The body bytes, or null when the request had none. */
  readonly body: Buffer | null;
  readonly sourceIp: string;
  /** When the request arrived, in epoch milliseconds. */
  readonly receivedAt: number;
}

/** What the gateway knows about the matched route and the deployment. */
export interface ProxyEventOptions {
  /** The matched resource template, e.g. "/predict/cpu". */
  readonly resource: string;
  /** Stage name that would prefix the deployed URL. */
  readonly stage: string;
  /** Request id, also used as the Lambda context's awsRequestId; a fresh UUID when omitted. */
  readonly requestId?: string;
  /** Host name the gateway answers on; the request's Host header when omitted. */
  readonly domainName?: string;
}

/** API Gateway's fixed placeholders for the parts of the context that have no local meaning. */
const LOCAL_ACCOUNT_ID = "000000000000";
const LOCAL_API_ID = "local";

/** Builds the REST API proxy event for a request that matched `options.resource`. */
export function toProxyEvent(request: LocalHttpRequest, options: ProxyEventOptions): APIGatewayProxyEvent {
  const { path, query } = parseRequestTarget(request.url);
  const multiValueHeaders = groupHeaders(request.rawHeaders);
  addForwardingHeaders(multiValueHeaders, request.sourceIp);
  const headers = lastValues(multiValueHeaders);
  const multiValueQuery = groupQuery(query);
  const requestId = options.requestId ?? randomUUID();
  const domainName = options.domainName ?? headerValue(headers, "host") ?? "localhost";

  return {
    resource: options.resource,
    path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: multiValueQuery ? lastValues(multiValueQuery) : null,
    multiValueQueryStringParameters: multiValueQuery,
    // Helios routes are literal paths: the gateway sends null, not {}, when there are no parameters.
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      authorizer: null,
      domainName,
      domainPrefix: domainName.split(".")[0],
      extendedRequestId: requestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: headerValue(headers, "user-agent") ?? null,
        userArn: null,
      },
      path: `/${options.stage}${path}`,
      protocol: "HTTP/1.1",
      requestId,
      requestTime: formatRequestTime(request.receivedAt),
      requestTimeEpoch: request.receivedAt,
      resourceId: LOCAL_API_ID,
      resourcePath: options.resource,
      stage: options.stage,
    },
    // Without binary media types on the API (Helios has none) the gateway passes bodies as text.
    body: request.body === null ? null : request.body.toString("utf8"),
    isBase64Encoded: false,
  };
}

/** Case-insensitive header lookup: the gateway keeps the client's spelling of header names. */
function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** Groups raw headers by name, case-insensitively, keeping the first spelling seen and every value. */
function groupHeaders(rawHeaders: readonly string[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  const spelling = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const key = spelling.get(name.toLowerCase()) ?? name;
    spelling.set(name.toLowerCase(), key);
    grouped[key] = [...(grouped[key] ?? []), rawHeaders[i + 1]!];
  }
  return grouped;
}

/** Adds the X-Forwarded-* headers the gateway adds in front of every integration. */
function addForwardingHeaders(headers: Record<string, string[]>, sourceIp: string): void {
  const forwardedFor = Object.keys(headers).find((k) => k.toLowerCase() === "x-forwarded-for");
  if (forwardedFor) headers[forwardedFor] = headers[forwardedFor]!.map((v) => `${v}, ${sourceIp}`);
  else headers["X-Forwarded-For"] = [sourceIp];
  if (!Object.keys(headers).some((k) => k.toLowerCase() === "x-forwarded-proto")) {
    headers["X-Forwarded-Proto"] = ["http"];
  }
}

/** Query parameters with every value (decoded, as the gateway delivers them), or null when there are none. */
function groupQuery(params: URLSearchParams): Record<string, string[]> | null {
  const grouped: Record<string, string[]> = {};
  for (const [key, value] of params) grouped[key] = [...(grouped[key] ?? []), value];
  return Object.keys(grouped).length === 0 ? null : grouped;
}

/** The single-value view of a multi-value map: the gateway keeps the last value of each name. */
function lastValues(grouped: Readonly<Record<string, readonly string[]>>): Record<string, string> {
  return Object.fromEntries(Object.entries(grouped).map(([key, values]) => [key, values.at(-1)!]));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The gateway's requestTime format, e.g. "09/Apr/2015:12:34:56 +0000". */
export function formatRequestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}
