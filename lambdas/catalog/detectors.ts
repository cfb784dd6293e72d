/**
 * The detector catalog: the one place that lists Helios's detectors.
 *
 * The stack (functions, routes, validators, alarms, dashboard), the local server, the OpenAPI
 * document, the handlers and the tests all read this list. Adding a detector means one entry
 * here plus one trainer in models/. This module must stay free of onnxruntime and the AWS SDK
 * so that the CDK app and the tests can import it cheaply.
 */

import { MAX_SERIES_POINTS } from "../detection/series/series-input";

/** A numeric reading, e.g. CPU percent: request `{"value": n}` or `{"values": [n, ...]}`. */
export interface NumberInput {
  readonly kind: "number";
  /** What the number measures, for docs and error messages. */
  readonly unit: string;
  readonly minimum: number;
  /** Omitted means unbounded above. */
  readonly maximum?: number;
}

/** One named integer inside a pair input. */
export interface PairPart {
  readonly name: string;
  readonly minimum: number;
  /** Omitted means unbounded above. */
  readonly maximum?: number;
}

/** A fixed-length list of integers, e.g. [failed_attempts, hour]: `{"value": [a, b]}` or `{"values": [[a, b], ...]}`. */
export interface PairInput {
  readonly kind: "pair";
  readonly parts: readonly [PairPart, PairPart];
}

/** Free text: `{"text": "..."}` or `{"texts": ["...", ...]}`. */
export interface TextInput {
  readonly kind: "text";
  /** Longest accepted text, in UTF-8 bytes. */
  readonly maxBytes: number;
}

export type DetectorInput = NumberInput | PairInput | TextInput;

/** What a blocked text can be, in the content model's output order; allowed texts answer "none". */
export const CONTENT_CATEGORIES = ["sqli", "xss", "cmdi", "traversal", "spam"] as const;

/** The `category` of an allowed text. */
export const NO_CATEGORY = "none";

/**
 * A whole series of one resource's readings, scored against that resource's own history:
 * `{"series": {"timestamps": [...], "values": [...]}}`.
 */
export interface SeriesForm {
  readonly kind: "series";
  /** Manifest id of the model this form runs. */
  readonly model: string;
  /** Most points accepted in one request; more is a 413. */
  readonly maxPoints: number;
}

/** Sign-in events scored against each user's own history: `{"event": {...}}` or `{"events": [...]}`. */
export interface EventsForm {
  readonly kind: "events";
  /** Manifest id of the model this form runs. */
  readonly model: string;
  /** Most events accepted in one request; more is a 413. */
  readonly maxEvents: number;
}

/** A request form beyond the seed's reading form, with the model it uses. */
export type DetectorForm = SeriesForm | EventsForm;

/** One detector: its route, request shape, response field names and model file. */
export interface DetectorSpec {
  /** Short lowercase name; also the route segment, the model file stem and the metric dimension. */
  readonly name: string;
  /** Human-readable title for docs, alarms and the dashboard. */
  readonly title: string;
  readonly description: string;
  readonly input: DetectorInput;
  /** Response field that echoes the input (seed-compatible), e.g. `cpu_value`. */
  readonly echoField: string;
  /** Response field that carries the 0/1 decision (seed-compatible). */
  readonly decisionField: "anomaly" | "blocked";
  /** Whether responses carry a class `probability` besides the `score`. */
  readonly hasProbability: boolean;
  /**
   * Categories a flagged item can have, in the order of the model's int64 `category` output; responses
   * then carry `category` (NO_CATEGORY when not flagged). Omitted: the detector has no categories.
   */
  readonly categories?: readonly string[];
  /** Most items accepted in one batch request; more is a 413. */
  readonly maxBatchItems: number;
  /** Request forms beyond the reading form (each with its own model); empty for most detectors. */
  readonly forms: readonly DetectorForm[];
  /** The seed's documented checks: one request that must be flagged and one that must not. */
  readonly examples: {
    readonly anomalous: number | readonly number[] | string;
    readonly normal: number | readonly number[] | string;
  };
}

/** Request field names for single and batch requests, by input kind. */
export const REQUEST_FIELDS = {
  number: { single: "value", batch: "values" },
  pair: { single: "value", batch: "values" },
  text: { single: "text", batch: "texts" },
} as const;

/**
 * The optional `resource` field every request form accepts: a short name of what the readings are
 * about (an instance id, a user pool, a form name), echoed in the answer and carried into alerts,
 * logs and the alert cooldown key. No control characters (it ends up in emails and log lines), and
 * it must not start with whitespace.
 */
export const RESOURCE_FIELD = {
  name: "resource",
  maxLength: 256,
  pattern: "^[^\\s\\u0000-\\u001F\\u007F][^\\u0000-\\u001F\\u007F]*$",
} as const;

/** Largest request body accepted, in bytes (API Gateway and the local server enforce it too). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Default most items in one batch request. */
const MAX_BATCH = 10_000;

/** Every Helios detector, in display order. */
export const DETECTORS = [
  {
    name: "cpu",
    title: "CPU utilisation",
    description:
      "Flags CPU utilisation readings (percent) that the isolation forest finds unusual, or points of a resource's " +
      "series that are unusual for that resource's own history.",
    input: { kind: "number", unit: "percent", minimum: 0, maximum: 100 },
    echoField: "cpu_value",
    decisionField: "anomaly",
    hasProbability: false,
    maxBatchItems: MAX_BATCH,
    forms: [{ kind: "series", model: "cpu-series", maxPoints: MAX_SERIES_POINTS }],
    examples: { anomalous: 95, normal: 40 },
  },
  {
    name: "network",
    title: "Network traffic",
    description:
      "Flags request rates (requests per second) that fall in the high-traffic cluster, or points of a resource's " +
      "series (any unit) that are unusual for that resource's own history.",
    input: { kind: "number", unit: "requests per second", minimum: 0 },
    echoField: "network_value",
    decisionField: "anomaly",
    hasProbability: false,
    maxBatchItems: MAX_BATCH,
    forms: [{ kind: "series", model: "network-series", maxPoints: MAX_SERIES_POINTS }],
    examples: { anomalous: 600, normal: 100 },
  },
  {
    name: "login",
    title: "Unauthorised logins",
    description: "Flags login activity ([failed attempts, hour of day]) that looks like an attack.",
    input: {
      kind: "pair",
      parts: [
        { name: "failed_attempts", minimum: 0 },
        { name: "hour", minimum: 0, maximum: 23 },
      ],
    },
    echoField: "login_attempts",
    decisionField: "anomaly",
    hasProbability: true,
    maxBatchItems: MAX_BATCH,
    forms: [{ kind: "events", model: "login-events", maxEvents: 1_000 }],
    examples: { anomalous: [6, 2], normal: [1, 10] },
  },
  {
    name: "content",
    title: "Malicious content injection",
    description:
      "Flags text that looks like SQL injection, cross-site scripting, OS command injection, path traversal or spam " +
      "links; the decision field is `blocked` and `category` names which.",
    input: { kind: "text", maxBytes: 64 * 1024 },
    echoField: "text",
    decisionField: "blocked",
    hasProbability: true,
    categories: CONTENT_CATEGORIES,
    maxBatchItems: 1_000,
    forms: [],
    examples: { anomalous: "click http://spam.com", normal: "hello friend" },
  },
  {
    name: "storage",
    title: "Storage usage",
    description:
      "Flags storage usage readings (MB) that the isolation forest finds unusual, or points of a resource's series " +
      "(any unit) that are unusual for that resource's own history.",
    input: { kind: "number", unit: "MB", minimum: 0 },
    echoField: "storage_value",
    decisionField: "anomaly",
    hasProbability: false,
    maxBatchItems: MAX_BATCH,
    forms: [{ kind: "series", model: "storage-series", maxPoints: MAX_SERIES_POINTS }],
    examples: { anomalous: 950, normal: 200 },
  },
] as const satisfies readonly DetectorSpec[];

/** The name of a catalogued detector. */
export type DetectorName = (typeof DETECTORS)[number]["name"];

/** The API route of a detector. */
export function routeOf(detector: Pick<DetectorSpec, "name">): string {
  return `/predict/${detector.name}`;
}

/** The committed ONNX file name of a detector's reading model (also its S3 key below the models/ prefix). */
export function modelFileOf(detector: Pick<DetectorSpec, "name">): string {
  return `${detector.name}.onnx`;
}

/** Manifest id of a detector's reading model (the seed-compatible form): the detector's name. */
export function readingModelOf(detector: Pick<DetectorSpec, "name">): string {
  return detector.name;
}

/** Every manifest model id a detector uses: its reading model, then one per extra form. */
export function modelIdsOf(detector: Pick<DetectorSpec, "name" | "forms">): string[] {
  return [readingModelOf(detector), ...detector.forms.map((form) => form.model)];
}

/** Every manifest model id of every detector, in catalog order. */
export const MODEL_IDS: readonly string[] = DETECTORS.flatMap(modelIdsOf);

/** Looks a detector up by name; undefined when there is none. */
export function findDetector(name: string): DetectorSpec | undefined {
  return DETECTORS.find((d) => d.name === name);
}

/** Looks a detector up by name, throwing for an unknown name (a programming error, not user input). */
export function getDetector(name: DetectorName): DetectorSpec {
  const found = findDetector(name);
  if (!found) throw new Error(`unknown detector ${name}`);
  return found;
}
