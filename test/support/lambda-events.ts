/** API Gateway proxy events and Lambda contexts for handler tests, shaped as the REST API sends them. */
import type { APIGatewayProxyEvent, Context } from "aws-lambda";

/** A POST of a JSON body to a route, with overridable event fields. */
export function postEvent(
  path: string,
  body: unknown,
  fields: Partial<APIGatewayProxyEvent> = {},
): APIGatewayProxyEvent {
  return {
    resource: path,
    path,
    httpMethod: "POST",
    headers: { "Content-Type": "application/json" },
    multiValueHeaders: { "Content-Type": ["application/json"] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { requestId: "gateway-request-id" } as APIGatewayProxyEvent["requestContext"],
    body: typeof body === "string" ? body : JSON.stringify(body),
    isBase64Encoded: false,
    ...fields,
  };
}

/** A GET of a route. */
export function getEvent(path: string, fields: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return postEvent(path, null, {
    httpMethod: "GET",
    headers: {},
    multiValueHeaders: {},
    body: null,
    ...fields,
  });
}

/** A Lambda context with the given request id (the fields handlers read). */
export function lambdaContext(awsRequestId = "test-request-id"): Context {
  return {
    awsRequestId,
    functionName: "helios-test",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:helios-test",
    memoryLimitInMB: "512",
    logGroupName: "/aws/lambda/helios-test",
    logStreamName: "test",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Collects the JSON lines a runtime writes (logs and EMF), parsed. */
export function lineCollector(): {
  readonly lines: Record<string, unknown>[];
  write: (line: string) => void;
} {
  const lines: Record<string, unknown>[] = [];
  return { lines, write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) };
}
