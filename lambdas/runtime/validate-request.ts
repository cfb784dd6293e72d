/**
 * Validates a parsed request body against a detector's catalog entry, by hand, so that every
 * message names the field and says what would be accepted. It picks the request form from the
 * fields sent (the seed's reading form, or one of the detector's extra forms), accepts exactly what
 * the catalog's requestSchema accepts (a property-based test holds it to that), plus two checks a
 * JSON Schema cannot express well: texts are bounded in UTF-8 bytes, and batches in items (413).
 */
import {
  type DetectorInput,
  type DetectorSpec,
  type NumberInput,
  type PairInput,
  REQUEST_FIELDS,
  RESOURCE_FIELD,
  type TextInput,
} from "../catalog";
import {
  asksForEvents,
  EVENTS_FIELDS,
  type EventsRequest,
  eventsFormOf,
  validateEventsRequest,
} from "./forms/events-request";
import {
  asksForSeries,
  type SeriesRequest,
  seriesFormOf,
  validateSeriesRequest,
} from "./forms/series-request";
import { fail, ok, type Result } from "./http-error";

/** One validated input item: a reading, a pair of integers or a text. */
export type InputItem = number | readonly number[] | string;

/** A validated reading request (the seed's form): one item, or a batch of items in request order. */
export interface ReadingRequest {
  readonly form: "reading";
  readonly mode: "single" | "batch";
  readonly items: readonly InputItem[];
  /** What the readings are about, when the client named it. */
  readonly resource?: string;
}

/** A validated request of any form. */
export type DetectorRequest = ReadingRequest | SeriesRequest | EventsRequest;

/** The JSON type of a value, in the words a client would use. */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number") return Number.isFinite(value) ? "a number" : "a non-finite number";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function range(minimum: number, maximum: number | undefined): string {
  return maximum === undefined ? `at least ${minimum}` : `between ${minimum} and ${maximum}`;
}

function checkNumber(value: unknown, field: string, input: NumberInput): string | undefined {
  if (typeof value !== "number") return `"${field}" must be a number (${input.unit}), got ${jsonType(value)}`;
  // JSON.parse turns 1e309 into Infinity: it is not a reading anyone took.
  if (!Number.isFinite(value)) return `"${field}" must be a finite number`;
  if (value < input.minimum || (input.maximum !== undefined && value > input.maximum)) {
    return `"${field}" must be ${range(input.minimum, input.maximum)} (${input.unit}), got ${value}`;
  }
  return undefined;
}

function checkPair(value: unknown, field: string, input: PairInput): string | undefined {
  const names = input.parts.map((part) => part.name).join(", ");
  if (!Array.isArray(value) || value.length !== input.parts.length) {
    const got = Array.isArray(value) ? `a list of ${value.length}` : jsonType(value);
    return `"${field}" must be a list of ${input.parts.length} integers [${names}], got ${got}`;
  }
  for (const [index, part] of input.parts.entries()) {
    const element: unknown = value[index];
    const where = `"${field}[${index}]" (${part.name})`;
    if (typeof element !== "number") return `${where} must be an integer, got ${jsonType(element)}`;
    if (!Number.isFinite(element)) return `${where} must be a finite number`;
    if (!Number.isInteger(element)) return `${where} must be an integer, got ${element}`;
    if (element < part.minimum || (part.maximum !== undefined && element > part.maximum)) {
      return `${where} must be an integer ${range(part.minimum, part.maximum)}, got ${element}`;
    }
  }
  return undefined;
}

function checkText(value: unknown, field: string, input: TextInput): string | undefined {
  if (typeof value !== "string") return `"${field}" must be a string, got ${jsonType(value)}`;
  // A UTF-8 character takes at most 3 bytes per UTF-16 unit, so short strings skip the count.
  if (value.length * 3 > input.maxBytes) {
    const bytes = Buffer.byteLength(value, "utf8");
    if (bytes > input.maxBytes)
      return `"${field}" must be at most ${input.maxBytes} bytes of UTF-8, got ${bytes}`;
  }
  return undefined;
}

/** Checks one item; returns what is wrong with it, or undefined when it is valid. */
export function checkItem(value: unknown, field: string, input: DetectorInput): string | undefined {
  switch (input.kind) {
    case "number":
      return checkNumber(value, field, input);
    case "pair":
      return checkPair(value, field, input);
    case "text":
      return checkText(value, field, input);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const RESOURCE_PATTERN = new RegExp(RESOURCE_FIELD.pattern, "u");

/** What is wrong with a `resource` value, or undefined when it is acceptable. */
export function checkResource(value: unknown): string | undefined {
  const field = RESOURCE_FIELD.name;
  if (typeof value !== "string")
    return `"${field}" must be a string naming what the readings are about, got ${jsonType(value)}`;
  // JSON Schema's maxLength counts code points, as spreading a string does.
  const length = [...value].length;
  if (length === 0 || length > RESOURCE_FIELD.maxLength) {
    return `"${field}" must be 1 to ${RESOURCE_FIELD.maxLength} characters, got ${length}`;
  }
  if (!RESOURCE_PATTERN.test(value)) {
    return `"${field}" must not contain control characters or start with whitespace`;
  }
  return undefined;
}

/** The fields a detector's requests may carry, for messages. */
function acceptedFields(detector: DetectorSpec): string {
  const { single, batch } = REQUEST_FIELDS[detector.input.kind];
  const reading = `"${single}" (one item) or "${batch}" (a list of items)`;
  if (eventsFormOf(detector)) {
    return `${reading}, or "${EVENTS_FIELDS.single}" (one sign-in event) or "${EVENTS_FIELDS.batch}" (a list of them)`;
  }
  if (seriesFormOf(detector)) return `${reading}, or "series" ({"timestamps": [...], "values": [...]})`;
  return reading;
}

/** Validates a parsed body: 400 naming the field for a schema violation, 413 for an over-long batch. */
export function validateRequest(body: unknown, detector: DetectorSpec): Result<DetectorRequest> {
  const expected = acceptedFields(detector);
  if (!isPlainObject(body))
    return fail(400, `request body must be a JSON object with ${expected}, got ${jsonType(body)}`);
  let resource: string | undefined;
  if (Object.hasOwn(body, RESOURCE_FIELD.name)) {
    const problem = checkResource(body[RESOURCE_FIELD.name]);
    if (problem) return fail(400, problem);
    resource = body[RESOURCE_FIELD.name] as string;
  }
  const keys = Object.keys(body).filter((key) => key !== RESOURCE_FIELD.name);
  const events = eventsFormOf(detector);
  if (events && asksForEvents(keys)) return validateEventsRequest(body, keys, events, resource);
  if (seriesFormOf(detector) && asksForSeries(keys))
    return validateSeriesRequest(body, keys, detector, resource);
  return validateReading(body, keys, detector, resource);
}

/** The seed's form: `{"value": ...}` or `{"values": [...]}` (content: `text` / `texts`). */
function validateReading(
  body: Readonly<Record<string, unknown>>,
  keys: readonly string[],
  detector: DetectorSpec,
  resource: string | undefined,
): Result<ReadingRequest> {
  const { single, batch } = REQUEST_FIELDS[detector.input.kind];
  const expected = acceptedFields(detector);
  const unknown = keys.find((key) => key !== single && key !== batch);
  if (unknown !== undefined) return fail(400, `unknown field "${unknown.slice(0, 64)}"; send ${expected}`);
  if (keys.length === 0) return fail(400, `missing field: send ${expected}`);
  if (keys.length > 1) return fail(400, `send either "${single}" or "${batch}", not both`);
  const named = resource === undefined ? {} : { resource };

  if (keys[0] === single) {
    const problem = checkItem(body[single], single, detector.input);
    return problem
      ? fail(400, problem)
      : ok({ form: "reading", mode: "single", items: [body[single] as InputItem], ...named });
  }

  const items = body[batch];
  if (!Array.isArray(items)) return fail(400, `"${batch}" must be a list, got ${jsonType(items)}`);
  if (items.length === 0) return fail(400, `"${batch}" must hold at least one item`);
  if (items.length > detector.maxBatchItems) {
    return fail(
      413,
      `"${batch}" has ${items.length} items; the limit is ${detector.maxBatchItems} per request: split the batch`,
    );
  }
  for (const [index, item] of items.entries()) {
    const problem = checkItem(item, `${batch}[${index}]`, detector.input);
    if (problem) return fail(400, problem);
  }
  return ok({ form: "reading", mode: "batch", items: items as InputItem[], ...named });
}
