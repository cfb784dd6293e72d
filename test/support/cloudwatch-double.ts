/**
 * A small CloudWatch test double that speaks the real protocol on 127.0.0.1: AWS JSON 1.0 as the
 * pinned @aws-sdk/client-cloudwatch sends it (POST /, content-type application/x-amz-json-1.0,
 * x-amz-target GraniteServiceVersion20100801.<Operation>, timestamps as epoch-second numbers).
 * It serves GetMetricData (with pages, PartialData and per-metric status codes) and ListMetrics
 * from series the test puts in, and can throttle, fail or stall on request. No emulator exists.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A stored series: ascending epoch seconds. */
export interface DoubleSeries {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly timestamps: readonly number[];
  readonly values: readonly number[];
}

/** How the double misbehaves; change fields between calls. */
export interface DoubleBehaviour {
  /** Most datapoints in one GetMetricData answer; more gives a NextToken. @default 100800 */
  pageDatapoints: number;
  /** The next this-many calls are answered 400 Throttling. */
  throttleNext: number;
  /** Calls are accepted and never answered. */
  stall: boolean;
  /** Metric names answered with StatusCode Forbidden. */
  forbidden: Set<string>;
  /** Metric names whose data stops early with StatusCode PartialData and no NextToken. */
  partial: Set<string>;
  /** Most metrics in one ListMetrics page. @default 500 */
  listPage: number;
}

/** One request as the double received it. */
export interface RecordedCall {
  readonly operation: string;
  readonly body: Record<string, unknown>;
  readonly headers: IncomingMessage["headers"];
}

/** A running double. */
export interface CloudWatchDouble {
  /** For AWS_ENDPOINT_URL_CLOUDWATCH. */
  readonly endpoint: string;
  readonly series: DoubleSeries[];
  readonly behaviour: DoubleBehaviour;
  readonly calls: RecordedCall[];
  stop(): Promise<void>;
}

interface Query {
  Id: string;
  MetricStat: {
    Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
}

function sameDimensions(
  a: Readonly<Record<string, string>>,
  list: { Name: string; Value: string }[] = [],
): boolean {
  return Object.keys(a).length === list.length && list.every((d) => a[d.Name] === d.Value);
}

function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/x-amz-json-1.0",
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": "double-request",
    ...headers,
  });
  response.end(text);
}

/** Starts the double on 127.0.0.1 and an ephemeral port. */
export async function startCloudWatchDouble(): Promise<CloudWatchDouble> {
  const series: DoubleSeries[] = [];
  const calls: RecordedCall[] = [];
  const behaviour: DoubleBehaviour = {
    pageDatapoints: 100_800,
    throttleNext: 0,
    stall: false,
    forbidden: new Set(),
    partial: new Set(),
    listPage: 500,
  };
  const stalled: ServerResponse[] = [];

  function getMetricData(body: Record<string, unknown>, response: ServerResponse): void {
    const queries = body.MetricDataQueries as Query[];
    const start = body.StartTime as number;
    const end = body.EndTime as number;
    if (typeof start !== "number" || typeof end !== "number") {
      json(response, 400, {
        __type: "InvalidParameterValue",
        message: "StartTime and EndTime must be epoch seconds",
      });
      return;
    }
    if (!Array.isArray(queries) || queries.length === 0 || queries.length > 500) {
      json(response, 400, { __type: "InvalidParameterValue", message: "1 to 500 MetricDataQueries" });
      return;
    }
    // The token is "<query index>:<point offset>": where the previous page stopped.
    const [qFrom, pFrom] = ((body.NextToken as string | undefined) ?? "0:0").split(":").map(Number) as [
      number,
      number,
    ];
    let budget = behaviour.pageDatapoints;
    const results: Record<string, unknown>[] = [];
    let nextToken: string | undefined;
    for (let q = qFrom; q < queries.length; q++) {
      const query = queries[q]!;
      const m = query.MetricStat.Metric;
      const found = series.find(
        (s) =>
          s.namespace === m.Namespace &&
          s.metricName === m.MetricName &&
          sameDimensions(s.dimensions, m.Dimensions),
      );
      if (behaviour.forbidden.has(m.MetricName)) {
        results.push({
          Id: query.Id,
          Label: m.MetricName,
          Timestamps: [],
          Values: [],
          StatusCode: "Forbidden",
          Messages: [{ Code: "Forbidden", Value: "not authorized" }],
        });
        continue;
      }
      const inWindow: number[] = [];
      found?.timestamps.forEach((t, i) => {
        if (t >= start && t < end) inWindow.push(i);
      });
      const offset = q === qFrom ? pFrom : 0;
      let take = inWindow.slice(offset, offset + budget);
      let status = "Complete";
      if (behaviour.partial.has(m.MetricName)) {
        take = take.slice(0, Math.floor(take.length / 2));
        status = "PartialData";
      } else if (offset + take.length < inWindow.length) {
        status = "PartialData";
        nextToken = `${q}:${offset + take.length}`;
      }
      budget -= take.length;
      results.push({
        Id: query.Id,
        Label: m.MetricName,
        Timestamps: take.map((i) => found!.timestamps[i]),
        Values: take.map((i) => found!.values[i]),
        StatusCode: status,
      });
      if (nextToken) break;
    }
    json(response, 200, {
      MetricDataResults: results,
      Messages: [],
      ...(nextToken ? { NextToken: nextToken } : {}),
    });
  }

  function listMetrics(body: Record<string, unknown>, response: ServerResponse): void {
    const matching = series.filter(
      (s) =>
        (!body.Namespace || s.namespace === body.Namespace) &&
        (!body.MetricName || s.metricName === body.MetricName),
    );
    const from = Number((body.NextToken as string | undefined) ?? "0");
    const page = matching.slice(from, from + behaviour.listPage);
    const next = from + page.length < matching.length ? String(from + page.length) : undefined;
    json(response, 200, {
      Metrics: page.map((s) => ({
        Namespace: s.namespace,
        MetricName: s.metricName,
        Dimensions: Object.entries(s.dimensions).map(([Name, Value]) => ({ Name, Value })),
      })),
      ...(next ? { NextToken: next } : {}),
    });
  }

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const target = String(request.headers["x-amz-target"] ?? "");
      const operation = target.replace(/^GraniteServiceVersion20100801\./, "");
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      } catch {
        json(response, 400, { __type: "SerializationException", message: "body is not JSON" });
        return;
      }
      calls.push({ operation, body, headers: request.headers });
      if (
        request.method !== "POST" ||
        request.url !== "/" ||
        !target.startsWith("GraniteServiceVersion20100801.")
      ) {
        json(response, 400, {
          __type: "UnknownOperationException",
          message: `unexpected ${request.method} ${request.url} ${target}`,
        });
        return;
      }
      if (request.headers["content-type"] !== "application/x-amz-json-1.0") {
        json(response, 400, {
          __type: "SerializationException",
          message: "content-type must be application/x-amz-json-1.0",
        });
        return;
      }
      if (behaviour.stall) {
        stalled.push(response);
        return;
      }
      if (behaviour.throttleNext > 0) {
        behaviour.throttleNext -= 1;
        json(
          response,
          400,
          { __type: "Throttling", message: "Rate exceeded" },
          { "x-amzn-query-error": "Throttling;Sender" },
        );
        return;
      }
      if (operation === "GetMetricData") getMetricData(body, response);
      else if (operation === "ListMetrics") listMetrics(body, response);
      else json(response, 400, { __type: "UnknownOperationException", message: operation });
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    series,
    behaviour,
    calls,
    async stop() {
      for (const response of stalled) response.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
