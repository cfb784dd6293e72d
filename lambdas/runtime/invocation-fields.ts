/**
 * What a request's log line says about its Lambda invocation: whether it was its container's first
 * (`cold_start`), and its X-Ray trace id (`xray_trace_id`), so that a slow or failed request's
 * line leads to its trace and shows whether a cold start was to blame. The names are the ones
 * Powertools for AWS Lambda writes, which CloudWatch Logs Insights queries often assume.
 */
import type { Environment } from "./runtime-config";

/** The variable Lambda sets, for each invocation, to the X-Ray trace header. */
export const TRACE_ID_VARIABLE = "_X_AMZN_TRACE_ID";

/** The fields of one invocation. */
export interface InvocationFields {
  readonly cold_start: boolean;
  readonly xray_trace_id?: string;
}

/** The Root of an X-Ray trace header ("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=…;Sampled=1"). */
export function xrayTraceId(header: string | undefined): string | undefined {
  const root = header
    ?.split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith("Root="));
  const id = root?.slice("Root=".length);
  return id ? id : undefined;
}

/** Counts one container's invocations: each call gives the fields of the next one. */
export function invocationCounter(): (env: Environment) => InvocationFields {
  let invoked = false;
  return (env) => {
    const coldStart = !invoked;
    invoked = true;
    const traceId = xrayTraceId(env[TRACE_ID_VARIABLE]);
    return { cold_start: coldStart, ...(traceId ? { xray_trace_id: traceId } : {}) };
  };
}
