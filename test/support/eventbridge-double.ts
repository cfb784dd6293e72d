/**
 * A protocol double of EventBridge on 127.0.0.1 for PutEvents: AWS JSON 1.1 as the pinned
 * @aws-sdk/client-eventbridge sends it (POST /, content-type application/x-amz-json-1.1,
 * x-amz-target AWSEvents.PutEvents, Time as epoch seconds) and its answer (FailedEntryCount and
 * one result per entry, an EventId or an ErrorCode).
 */
import { signedService, startProtocolDouble, type WireReply, type WireRequest } from "./protocol-double";

/** One entry as the double received it. */
export interface ReceivedEvent {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  /** Epoch seconds. */
  readonly Time?: number;
  readonly EventBusName?: string;
}

/** A running EventBridge double. */
export interface EventBridgeDouble {
  readonly endpoint: string;
  /** Every PutEvents call's entries, call by call. */
  readonly calls: ReceivedEvent[][];
  /** Entries whose Source is in here are refused with this error code. */
  readonly refuseSources: Map<string, string>;
  close(): Promise<void>;
}

function json(status: number, body: unknown): WireReply {
  return { status, contentType: "application/x-amz-json-1.1", body: JSON.stringify(body) };
}

/** Starts the double. */
export async function startEventBridgeDouble(): Promise<EventBridgeDouble> {
  const calls: ReceivedEvent[][] = [];
  const refuseSources = new Map<string, string>();
  const answer = (request: WireRequest): WireReply => {
    const target = String(request.headers["x-amz-target"] ?? "");
    if (
      request.method !== "POST" ||
      request.path !== "/" ||
      request.headers["content-type"] !== "application/x-amz-json-1.1" ||
      signedService(request.headers) !== "events" ||
      target !== "AWSEvents.PutEvents"
    ) {
      return json(400, {
        __type: "ValidationException",
        message: `unexpected ${request.method} ${request.path} ${target}`,
      });
    }
    const entries = (JSON.parse(request.body) as { Entries?: ReceivedEvent[] }).Entries ?? [];
    if (entries.length === 0 || entries.length > 10) {
      return json(400, { __type: "ValidationException", message: "1 to 10 entries per PutEvents" });
    }
    calls.push(entries);
    const results = entries.map((entry, i) => {
      const refused = refuseSources.get(entry.Source);
      return refused
        ? { ErrorCode: refused, ErrorMessage: "refused by the double" }
        : { EventId: `event-${calls.length}-${i}` };
    });
    return json(200, { FailedEntryCount: results.filter((r) => "ErrorCode" in r).length, Entries: results });
  };
  const double = await startProtocolDouble(answer);
  return { endpoint: double.endpoint, calls, refuseSources, close: () => double.close() };
}
