/**
 * Builds the Lambda `Context` object that local mode passes to a handler, with the fields the
 * Lambda runtime provides (request id, function name and version, memory, log names) and a
 * working `getRemainingTimeInMillis` counting down from the function timeout.
 */
import type { Context } from "aws-lambda";

/** What the local server knows about the function it pretends to be. */
export interface LocalContextOptions {
  /** Function name, e.g. "helios-cpu-local". */
  readonly functionName: string;
  /** The invocation's request id (the gateway's request id, as on Lambda behind API Gateway). */
  readonly awsRequestId: string;
  /** Configured memory, in MB. */
  readonly memoryLimitInMB: number;
  /** Function timeout, in milliseconds. */
  readonly timeoutMs: number;
  /** When the invocation started, in epoch milliseconds. */
  readonly startedAt: number;
  /** Clock, for tests; Date.now when omitted. */
  readonly now?: () => number;
}

/** Placeholder region and account for ARNs; nothing in local mode resolves them. */
const LOCAL_ARN_PREFIX = "arn:aws:lambda:local:000000000000:function";

/** A Lambda context for one local invocation. */
export function createLambdaContext(options: LocalContextOptions): Context {
  const now = options.now ?? Date.now;
  const deadline = options.startedAt + options.timeoutMs;
  const unsupported = (what: string) => () => {
    // The callback-style completion methods are deprecated and Helios's handlers return promises.
    throw new Error(`context.${what} is not supported: return a promise from the handler`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `${LOCAL_ARN_PREFIX}:${options.functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB),
    awsRequestId: options.awsRequestId,
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `local/[$LATEST]${options.awsRequestId.replaceAll("-", "")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: unsupported("done"),
    fail: unsupported("fail"),
    succeed: unsupported("succeed"),
  };
}
