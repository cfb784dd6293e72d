/**
 * A small EC2 test double that speaks the real protocol on 127.0.0.1: the EC2 query protocol as
 * the pinned @aws-sdk/client-ec2 sends it (form-encoded POST with Action and Version, filters as
 * Filter.N.Name / Filter.N.Value.M) and XML answers. It serves DescribeInstances over the
 * instances the test puts in, honouring the tag and state filters, MaxResults and NextToken.
 */
import { once } from "node:events";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One stored instance. */
export interface DoubleInstance {
  readonly instanceId: string;
  readonly state: "pending" | "running" | "stopping" | "stopped" | "terminated";
  readonly tags: Readonly<Record<string, string>>;
}

/** A running double. */
export interface Ec2Double {
  /** For AWS_ENDPOINT_URL_EC2. */
  readonly endpoint: string;
  readonly instances: DoubleInstance[];
  /** Each call's form parameters. */
  readonly calls: Record<string, string>[];
  /** Instances per page (at most the request's MaxResults). @default 1000 */
  pageSize: number;
  /** The next this-many calls are answered 503 RequestLimitExceeded. */
  throttleNext: number;
  stop(): Promise<void>;
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(response: ServerResponse, status: number, xml: string): void {
  response.writeHead(status, {
    "content-type": "text/xml;charset=UTF-8",
    "content-length": Buffer.byteLength(xml),
  });
  response.end(xml);
}

function errorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error></Errors><RequestID>double-request</RequestID></Response>`;
}

/** The filters of a request: name to accepted values. */
function filtersOf(params: Record<string, string>): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (const [key, value] of Object.entries(params)) {
    const name = /^Filter\.(\d+)\.Name$/.exec(key);
    if (!name) continue;
    const values = Object.entries(params)
      .filter(([k]) => k.startsWith(`Filter.${name[1]}.Value.`))
      .map(([, v]) => v);
    filters.set(value, values);
  }
  return filters;
}

function matches(instance: DoubleInstance, filters: Map<string, string[]>): boolean {
  for (const [name, values] of filters) {
    if (name === "instance-state-name") {
      if (!values.includes(instance.state)) return false;
    } else if (name.startsWith("tag:")) {
      const tag = instance.tags[name.slice(4)];
      if (tag === undefined || !values.includes(tag)) return false;
    } else {
      return false; // a filter this double does not know matches nothing, loudly in the test
    }
  }
  return true;
}

/** Starts the double on 127.0.0.1 and an ephemeral port. */
export async function startEc2Double(): Promise<Ec2Double> {
  const state = {
    instances: [] as DoubleInstance[],
    calls: [] as Record<string, string>[],
    pageSize: 1000,
    throttleNext: 0,
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
      state.calls.push(params);
      if (
        request.method !== "POST" ||
        !String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded")
      ) {
        send(response, 400, errorXml("InvalidRequest", "expected a form-encoded POST"));
        return;
      }
      if (state.throttleNext > 0) {
        state.throttleNext -= 1;
        send(response, 503, errorXml("RequestLimitExceeded", "Request limit exceeded."));
        return;
      }
      if (params.Action !== "DescribeInstances" || params.Version !== "2016-11-15") {
        send(response, 400, errorXml("InvalidAction", `${params.Action} ${params.Version}`));
        return;
      }
      const filters = filtersOf(params);
      const found = state.instances.filter((i) => matches(i, filters));
      const from = Number(params.NextToken ?? "0");
      const size = Math.min(state.pageSize, Number(params.MaxResults ?? "1000"));
      const page = found.slice(from, from + size);
      const next = from + page.length < found.length ? String(from + page.length) : undefined;
      // One reservation per two instances, as launches often group them.
      const reservations: DoubleInstance[][] = [];
      for (let i = 0; i < page.length; i += 2) reservations.push(page.slice(i, i + 2));
      const xml = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">',
        "<requestId>double-request</requestId>",
        "<reservationSet>",
        ...reservations.map((group, r) =>
          [
            `<item><reservationId>r-${r}</reservationId><ownerId>123456789012</ownerId><instancesSet>`,
            ...group.map(
              (i) =>
                `<item><instanceId>${i.instanceId}</instanceId><instanceState><code>16</code><name>${i.state}</name></instanceState><tagSet>${Object.entries(
                  i.tags,
                )
                  .map(([k, v]) => `<item><key>${xmlEscape(k)}</key><value>${xmlEscape(v)}</value></item>`)
                  .join("")}</tagSet></item>`,
            ),
            "</instancesSet></item>",
          ].join(""),
        ),
        "</reservationSet>",
        ...(next ? [`<nextToken>${next}</nextToken>`] : []),
        "</DescribeInstancesResponse>",
      ].join("\n");
      send(response, 200, xml);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const double: Ec2Double = {
    endpoint: `http://127.0.0.1:${port}`,
    get instances() {
      return state.instances;
    },
    get calls() {
      return state.calls;
    },
    get pageSize() {
      return state.pageSize;
    },
    set pageSize(value: number) {
      state.pageSize = value;
    },
    get throttleNext() {
      return state.throttleNext;
    },
    set throttleNext(value: number) {
      state.throttleNext = value;
    },
    async stop() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
  return double;
}
