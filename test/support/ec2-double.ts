/**
 * A protocol double of EC2 on 127.0.0.1 for DescribeTags and RebootInstances. EC2 speaks its own
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
    if (action === "DescribeTags") return describeTags(params);
    if (action === "RebootInstances") return rebootInstances(params);
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
    callsOf: (action) => calls.filter((call) => call.action === action),
    close: () => double.close(),
  };
}
