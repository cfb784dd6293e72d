/**
 * The named bad inputs: what a careless or hostile client sends, each with the status and message
 * Helios answers. Most are answered by the handler itself; where the local server answers first
 * (as API Gateway would: unknown path, wrong method, a body over the limit), `overHttp` says what
 * the client gets over HTTP instead. The seed answered nearly all of these with a 500 traceback.
 */

import {
  DETECTORS,
  type DetectorSpec,
  MAX_BODY_BYTES,
  REQUEST_FIELDS,
  routeOf,
} from "../../../lambdas/catalog";
import { seriesFormOf } from "../../../lambdas/runtime/forms/series-request";
import type { RawRequest } from "./raw-http";

/** An expected answer: the status, and the message exactly (or a pattern where V8 words it). */
export interface ExpectedAnswer {
  readonly status: number;
  readonly message: string | RegExp;
  /** Response headers that must be present, e.g. Allow on a 405. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** One named bad input. */
export interface NamedBadInput extends ExpectedAnswer {
  readonly name: string;
  /** The detector whose handler receives it (the route's, or cpu's for an unknown path). */
  readonly detector: DetectorSpec;
  readonly request: RawRequest;
  /** The local server's own answer, where it answers before the handler (as the gateway does). */
  readonly overHttp?: ExpectedAnswer;
}

const JSON_HEADERS = { "Content-Type": "application/json" } as const;
const byName = (name: string): DetectorSpec => {
  const detector = DETECTORS.find((d) => d.name === name);
  if (!detector) throw new Error(`the catalog has no ${name} detector`);
  return detector;
};
const cpu = byName("cpu");
const login = byName("login");
const content = byName("content");

/** A JSON POST of `body` (already serialised) to a detector's route. */
const post = (
  detector: DetectorSpec,
  body: string | undefined,
  headers: Record<string, string> = JSON_HEADERS,
) => ({
  method: "POST",
  path: routeOf(detector),
  headers,
  body,
});

const EXPECTED_FIELDS = (d: DetectorSpec) => {
  const { single, batch } = REQUEST_FIELDS[d.input.kind];
  const series = seriesFormOf(d) ? ', or "series" ({"timestamps": [...], "values": [...]})' : "";
  return `"${single}" (one item) or "${batch}" (a list of items)${series}`;
};
const DEPTH = 100_000;
const FIVE_MB = 5 * 1024 * 1024;
const fiveMbText = `{"text":"${"a".repeat(FIVE_MB)}"}`;

/** The table: the list first, then the other ways a request goes wrong. */
export const NAMED_BAD_INPUTS: readonly NamedBadInput[] = [
  {
    name: "no body",
    detector: cpu,
    request: post(cpu, undefined),
    status: 400,
    message: "request body is empty; send a JSON object",
  },
  {
    name: "a body that is not JSON",
    detector: cpu,
    request: post(cpu, "hello"),
    status: 400,
    message: /^request body is not valid JSON: Unexpected token 'h', "hello" is not valid JSON$/,
  },
  {
    name: "truncated JSON",
    detector: cpu,
    request: post(cpu, '{"value":'),
    status: 400,
    message: /^request body is not valid JSON: Unexpected end of JSON input$/,
  },
  {
    name: "no Content-Type",
    detector: cpu,
    request: post(cpu, '{"value": 95}', {}),
    status: 415,
    message: "Content-Type must be application/json",
  },
  {
    name: "Content-Type text/plain",
    detector: cpu,
    request: post(cpu, '{"value": 95}', { "Content-Type": "text/plain" }),
    status: 415,
    message: "Content-Type must be application/json",
  },
  {
    name: "Content-Type JSON in latin1",
    detector: cpu,
    request: post(cpu, '{"value": 95}', { "Content-Type": "application/json; charset=latin1" }),
    status: 415,
    message: "Content-Type must be application/json",
  },
  {
    name: "{}",
    detector: cpu,
    request: post(cpu, "{}"),
    status: 400,
    message: `missing field: send ${EXPECTED_FIELDS(cpu)}`,
  },
  {
    name: '{"value": "abc"}',
    detector: cpu,
    request: post(cpu, '{"value": "abc"}'),
    status: 400,
    message: '"value" must be a number (percent), got a string',
  },
  {
    name: '{"value": null}',
    detector: cpu,
    request: post(cpu, '{"value": null}'),
    status: 400,
    message: '"value" must be a number (percent), got null',
  },
  {
    name: '{"value": 1e309} (Infinity once parsed)',
    detector: cpu,
    request: post(cpu, '{"value": 1e309}'),
    status: 400,
    message: '"value" must be a finite number',
  },
  {
    name: "a 401-digit integer",
    detector: cpu,
    request: post(cpu, `{"value": 1${"0".repeat(400)}}`),
    status: 400,
    message: '"value" must be a finite number',
  },
  {
    name: '{"value": true}',
    detector: cpu,
    request: post(cpu, '{"value": true}'),
    status: 400,
    message: '"value" must be a number (percent), got a boolean',
  },
  {
    name: '{"value": [1,2,3]} on cpu',
    detector: cpu,
    request: post(cpu, '{"value": [1,2,3]}'),
    status: 400,
    message: '"value" must be a number (percent), got a list',
  },
  {
    name: '{"value": 101} on cpu (a percentage over 100)',
    detector: cpu,
    request: post(cpu, '{"value": 101}'),
    status: 400,
    message: '"value" must be between 0 and 100 (percent), got 101',
  },
  {
    name: '{"value": NaN} (not JSON)',
    detector: cpu,
    request: post(cpu, '{"value": NaN}'),
    status: 400,
    message: /^request body is not valid JSON: Unexpected token 'N'/,
  },
  {
    name: '{"value": 5} on login',
    detector: login,
    request: post(login, '{"value": 5}'),
    status: 400,
    message: '"value" must be a list of 2 integers [failed_attempts, hour], got a number',
  },
  {
    name: '{"value": [100, 500]} on login (hour 500)',
    detector: login,
    request: post(login, '{"value": [100, 500]}'),
    status: 400,
    message: '"value[1]" (hour) must be an integer between 0 and 23, got 500',
  },
  {
    name: '{"value": [6.5, 2]} on login (half an attempt)',
    detector: login,
    request: post(login, '{"value": [6.5, 2]}'),
    status: 400,
    message: '"value[0]" (failed_attempts) must be an integer, got 6.5',
  },
  {
    name: '{"text": 123} on content',
    detector: content,
    request: post(content, '{"text": 123}'),
    status: 400,
    message: '"text" must be a string, got a number',
  },
  {
    name: "a text one byte over the content limit",
    detector: content,
    request: post(content, JSON.stringify({ text: "a".repeat(64 * 1024 + 1) })),
    status: 400,
    message: `"text" must be at most ${64 * 1024} bytes of UTF-8, got ${64 * 1024 + 1}`,
  },
  {
    name: "a 5 MB body (the seed echoed it back)",
    detector: content,
    request: post(content, fiveMbText),
    status: 413,
    message: `request body is too large (${FIVE_MB + 11} bytes); the limit is ${MAX_BODY_BYTES} bytes`,
    overHttp: {
      status: 413,
      message: `the request body is larger than the limit of ${MAX_BODY_BYTES} bytes`,
    },
  },
  {
    name: "100,000-deep nesting in the value",
    detector: cpu,
    request: post(cpu, `{"value":${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}}`),
    status: 400,
    message: '"value" must be a number (percent), got a list',
  },
  {
    name: "100,000-deep nesting as the body",
    detector: cpu,
    request: post(cpu, `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`),
    status: 400,
    message: `request body must be a JSON object with ${EXPECTED_FIELDS(cpu)}, got a list`,
  },
  {
    name: "100,000-deep objects in the value",
    detector: cpu,
    request: post(cpu, `{"value":${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}}`),
    status: 400,
    message: '"value" must be a number (percent), got an object',
  },
  {
    name: "an extra field",
    detector: cpu,
    request: post(cpu, '{"value": 95, "debug": true}'),
    status: 400,
    message: `unknown field "debug"; send ${EXPECTED_FIELDS(cpu)}`,
  },
  {
    name: "a __proto__ field",
    detector: cpu,
    request: post(cpu, '{"__proto__": {"value": 95}}'),
    status: 400,
    message: `unknown field "__proto__"; send ${EXPECTED_FIELDS(cpu)}`,
  },
  {
    name: "both value and values",
    detector: cpu,
    request: post(cpu, '{"value": 95, "values": [95]}'),
    status: 400,
    message: 'send either "value" or "values", not both',
  },
  {
    name: "an empty batch",
    detector: cpu,
    request: post(cpu, '{"values": []}'),
    status: 400,
    message: '"values" must hold at least one item',
  },
  {
    name: "a batch that is not a list",
    detector: cpu,
    request: post(cpu, '{"values": 95}'),
    status: 400,
    message: '"values" must be a list, got a number',
  },
  {
    name: "a batch with one bad item",
    detector: cpu,
    request: post(cpu, '{"values": [40, 95, "x"]}'),
    status: 400,
    message: '"values[2]" must be a number (percent), got a string',
  },
  {
    name: "GET on a POST route",
    detector: cpu,
    request: { method: "GET", path: routeOf(cpu) },
    status: 405,
    message: `method GET is not allowed on ${routeOf(cpu)}; use POST`,
    headers: { allow: "POST" },
    overHttp: {
      status: 405,
      message: `method GET is not allowed on ${routeOf(cpu)}; use POST`,
      headers: { allow: "POST" },
    },
  },
  {
    name: "DELETE with a body on a POST route",
    detector: cpu,
    request: { method: "DELETE", path: routeOf(cpu), headers: JSON_HEADERS, body: '{"value": 95}' },
    status: 405,
    message: `method DELETE is not allowed on ${routeOf(cpu)}; use POST`,
    headers: { allow: "POST" },
  },
  {
    name: "an unknown path",
    detector: cpu,
    request: { method: "POST", path: "/predict/gpu", headers: JSON_HEADERS, body: '{"value": 95}' },
    status: 404,
    message: "no route POST /predict/gpu",
    overHttp: { status: 404, message: "no route /predict/gpu; the routes are listed at GET /openapi.json" },
  },
  // A batch one item over each detector's limit.
  ...DETECTORS.map((detector): NamedBadInput => {
    const { batch } = REQUEST_FIELDS[detector.input.kind];
    const items = Array.from({ length: detector.maxBatchItems + 1 }, () => detector.examples.normal);
    return {
      name: `a batch over the limit on ${detector.name}`,
      detector,
      request: post(detector, JSON.stringify({ [batch]: items })),
      status: 413,
      message: `"${batch}" has ${items.length} items; the limit is ${detector.maxBatchItems} per request: split the batch`,
    };
  }),
];
