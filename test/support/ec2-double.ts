/**
 * A protocol double of EC2 on 127.0.0.1 for DescribeTags, DescribeInstances (the watcher's
 * discovery: tag and state filters, MaxResults and NextToken pages) and RebootInstances. EC2 speaks its own
 * query protocol: a form-encoded POST (Action, Version=2016-11-15, lists as Name.1, Name.2, ...)
 * answered with XML in the 2016-11-15 namespace, and errors as <Response><Errors><Error> with a
 * Code and Message (as @aws-sdk/client-ec2 3.1169.0's AwsEc2QueryProtocol writes and reads them).
 */
import { signedService, startProtocolDouble, type WireReply, type WireRequest } from "./protocol-double";

/** One call the double received: the action and its form parameters. */
export interface Ec2Call {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
}

/** An error the double answers an action with. */
export interface Ec2Failure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** A running EC2 double. */
export interface Ec2Double {
  readonly endpoint: string;
  /** Every call received, in order. */
  readonly calls: Ec2Call[];
  /** Instance id to its tags; tests may change them. */
  readonly instances: Map<string, Record<string, string>>;
  /** Action to the error every later call of it gets (delete the entry to heal). */
  readonly failures: Map<string, Ec2Failure>;
  /** Action to an error its next `times` calls get (then it heals by itself, as throttling does). */
  readonly transientFailures: Map<string, { readonly failure: Ec2Failure; times: number }>;
  /** Instance id to its state for DescribeInstances; an instance not listed is "running". */
  readonly states: Map<string, string>;
  /** Most instances in one DescribeInstances page (at most the request's MaxResults). */
  pageSize: number;
  /** The calls of one action. */
  callsOf(action: string): Ec2Call[];
  close(): Promise<void>;
}

const XML_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
const API_VERSION = "2016-11-15";

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function xml(status: number, body: string): WireReply {
  return {
    status,
    contentType: "text/xml;charset=UTF-8",
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}

function errorReply({ status, code, message }: Ec2Failure): WireReply {
  return xml(
    status,
    `<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>ec2-double</RequestID></Response>`,
  );
}

/** The values of a flattened list parameter: Name.1, Name.2, ... */
function listParam(params: Readonly<Record<string, string>>, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params[`${name}.${i}`] !== undefined; i += 1) values.push(params[`${name}.${i}`]!);
  return values;
}

/** DescribeTags filters: Filter.N.Name with Filter.N.Value.M. */
function filtersOf(params: Readonly<Record<string, string>>): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (let i = 1; params[`Filter.${i}.Name`] !== undefined; i += 1) {
    filters.set(params[`Filter.${i}.Name`]!, listParam(params, `Filter.${i}.Value`));
  }
  return filters;
}

/** Starts an EC2 double holding these instances and their tags. */
export async function startEc2Double(
  instances: Record<string, Record<string, string>> = {},
): Promise<Ec2Double> {
  const calls: Ec2Call[] = [];
  const state = new Map(Object.entries(instances).map(([id, tags]) => [id, { ...tags }]));
  const failures = new Map<string, Ec2Failure>();
  const transientFailures = new Map<string, { readonly failure: Ec2Failure; times: number }>();
  const states = new Map<string, string>();
  const paging = { size: 1000 };

  const describeTags = (params: Readonly<Record<string, string>>): WireReply => {
    const filters = filtersOf(params);
    for (const name of filters.keys()) {
      if (!["resource-id", "key", "resource-type"].includes(name)) {
        return errorReply({ status: 400, code: "InvalidParameterValue", message: `unknown filter ${name}` });
      }
    }
    const accepts = (name: string, value: string) => !filters.has(name) || filters.get(name)!.includes(value);
    const items = [...state.entries()].flatMap(([id, tags]) =>
      Object.entries(tags)
        .filter(
          ([key]) =>
            accepts("resource-id", id) && accepts("key", key) && accepts("resource-type", "instance"),
        )
        .map(
          ([key, value]) =>
            `<item><resourceId>${escapeXml(id)}</resourceId><resourceType>instance</resourceType><key>${escapeXml(key)}</key><value>${escapeXml(value)}</value></item>`,
        ),
    );
    return xml(
      200,
      `<DescribeTagsResponse xmlns="${XML_NAMESPACE}"><requestId>ec2-double</requestId><tagSet>${items.join("")}</tagSet></DescribeTagsResponse>`,
    );
  };

  const describeInstances = (params: Readonly<Record<string, string>>): WireReply => {
    const filters = filtersOf(params);
    const matching = [...state.entries()].filter(([id, tags]) =>
      [...filters].every(([name, values]) => {
        if (name === "instance-state-name") return values.includes(states.get(id) ?? "running");
        if (name.startsWith("tag:")) return values.includes(tags[name.slice(4)] ?? "\u0000");
        return false; // a filter this double does not know matches nothing, loudly in the test
      }),
    );
    const from = Number(params.NextToken ?? "0");
    const size = Math.min(paging.size, Number(params.MaxResults ?? "1000"));
    const page = matching.slice(from, from + size);
    const next = from + page.length < matching.length ? String(from + page.length) : undefined;
    // One reservation per two instances, as launches often group them.
    const reservations: string[] = [];
    for (let i = 0; i < page.length; i += 2) {
      const items = page.slice(i, i + 2).map(
        ([id, tags]) =>
          `<item><instanceId>${escapeXml(id)}</instanceId><instanceState><code>16</code><name>${escapeXml(states.get(id) ?? "running")}</name></instanceState><tagSet>${Object.entries(
            tags,
          )
            .map(([k, v]) => `<item><key>${escapeXml(k)}</key><value>${escapeXml(v)}</value></item>`)
            .join("")}</tagSet></item>`,
      );
      reservations.push(
        `<item><reservationId>r-${from + i}</reservationId><ownerId>123456789012</ownerId><instancesSet>${items.join("")}</instancesSet></item>`,
      );
    }
    return xml(
      200,
      `<DescribeInstancesResponse xmlns="${XML_NAMESPACE}"><requestId>ec2-double</requestId><reservationSet>${reservations.join("")}</reservationSet>${next ? `<nextToken>${next}</nextToken>` : ""}</DescribeInstancesResponse>`,
    );
  };

  const rebootInstances = (params: Readonly<Record<string, string>>): WireReply => {
    const ids = listParam(params, "InstanceId");
    const unknown = ids.filter((id) => !state.has(id));
    if (ids.length === 0 || unknown.length > 0) {
      return errorReply({
        status: 400,
        code: "InvalidInstanceID.NotFound",
        message: `The instance IDs '${unknown.join(", ")}' do not exist`,
      });
    }
    return xml(
      200,
      `<RebootInstancesResponse xmlns="${XML_NAMESPACE}"><requestId>ec2-double</requestId><return>true</return></RebootInstancesResponse>`,
    );
  };

  const answer = (request: WireRequest): WireReply => {
    const params = Object.fromEntries(new URLSearchParams(request.body));
    const wireProblem =
      request.method !== "POST" || request.path !== "/"
        ? `expected POST /, got ${request.method} ${request.path}`
        : !String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded")
          ? "expected a form-encoded body"
          : signedService(request.headers) !== "ec2"
            ? "expected a request signed for ec2"
            : params.Version !== API_VERSION
              ? `expected Version=${API_VERSION}`
              : undefined;
    if (wireProblem) return errorReply({ status: 400, code: "MalformedQueryString", message: wireProblem });
    const action = params.Action ?? "";
    calls.push({ action, params });
    const failure = failures.get(action);
    if (failure) return errorReply(failure);
    const transient = transientFailures.get(action);
    if (transient && transient.times > 0) {
      transient.times -= 1;
      return errorReply(transient.failure);
    }
    if (action === "DescribeTags") return describeTags(params);
    if (action === "RebootInstances") return rebootInstances(params);
    if (action === "DescribeInstances") return describeInstances(params);
    return errorReply({
      status: 400,
      code: "InvalidAction",
      message: `the EC2 double does not do ${action}`,
    });
  };

  const double = await startProtocolDouble(answer);
  return {
    endpoint: double.endpoint,
    calls,
    instances: state,
    failures,
    transientFailures,
    states,
    get pageSize() {
      return paging.size;
    },
    set pageSize(size: number) {
      paging.size = size;
    },
    callsOf: (action) => calls.filter((call) => call.action === action),
    close: () => double.close(),
  };
}
