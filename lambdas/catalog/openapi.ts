/**
 * The OpenAPI 3.1 document of the Helios API, generated from the catalog: one operation per
 * detector with its request schema, seed examples, single and batch responses, and the error
 * responses the gateway and the handlers give. Local mode serves it at GET /openapi.json and
 * `npm run openapi` writes it to docs/openapi.json; it imports into Postman and Swagger UI.
 */
import {
  DETECTORS,
  type DetectorSpec,
  MAX_BODY_BYTES,
  NO_CATEGORY,
  REQUEST_FIELDS,
  routeOf,
} from "./detectors";
import { type FormOpenApi, formOpenApi, MODEL, RESOURCE } from "./openapi-forms";
import { itemSchema, type JsonSchema, requestSchema } from "./request-schema";

/** Version of the HTTP API contract (not of the package): bump the major on a breaking change. */
export const API_VERSION = "1.0.0";

/** An OpenAPI document, as plain JSON data. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: JsonSchema;
  readonly servers: readonly JsonSchema[];
  readonly paths: Readonly<Record<string, JsonSchema>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly responses: Readonly<Record<string, JsonSchema>>;
    readonly securitySchemes: Readonly<Record<string, JsonSchema>>;
  };
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
  readonly tags: readonly JsonSchema[];
}

/** Options of {@link buildOpenApiDocument}. */
export interface OpenApiOptions {
  /** Base URL of a running local server, listed first in `servers`. Default "http://127.0.0.1:3000". */
  readonly serverUrl?: string;
}

/** The error statuses every prediction can answer with, and when. */
const PREDICTION_ERRORS = {
  "400": "BadRequest",
  "404": "NotFound",
  "405": "MethodNotAllowed",
  "413": "PayloadTooLarge",
  "415": "UnsupportedMediaType",
  "503": "ServiceUnavailable",
} as const;

/** Builds the OpenAPI document from the catalog. */
export function buildOpenApiDocument(options: OpenApiOptions = {}): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = { Error: ERROR_SCHEMA, Status: STATUS_SCHEMA };
  const paths: Record<string, JsonSchema> = { "/": { get: statusOperation() } };
  for (const detector of DETECTORS) {
    const names = schemaNames(detector);
    schemas[names.request] = toOpenApiSchema(requestSchema(detector));
    schemas[names.result] = resultSchema(detector);
    schemas[names.prediction] = predictionSchema(names.result);
    schemas[names.batch] = batchSchema(detector, names.result);
    const forms = formsOf(detector);
    for (const form of forms) Object.assign(schemas, form.schemas);
    paths[routeOf(detector)] = { post: predictOperation(detector, forms) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Helios anomaly detection API",
      version: API_VERSION,
      description: [
        "Five anomaly detectors behind one API. POST a reading (or a batch of readings) to",
        "`/predict/<detector>` and get the decision, the model's score and the model version back.",
        'Errors are `{"error": "..."}` JSON with the status saying what kind. Request bodies are',
        `at most ${MAX_BODY_BYTES} bytes. Deployed, the API uses IAM authorisation: sign requests with`,
        "AWS Signature Version 4 (service `execute-api`), e.g. `curl --aws-sigv4` or Postman's",
        '"AWS Signature" auth. Local mode (`npm start`) needs no credentials.',
      ].join(" "),
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [
      { url: options.serverUrl ?? "http://127.0.0.1:3000", description: "local mode (npm start)" },
      {
        url: "https://{apiId}.execute-api.{region}.amazonaws.com/{stage}",
        description: "deployed HeliosStack (the API URL is a stack output)",
        variables: {
          apiId: { default: "your-api-id", description: "the REST API id from the stack output" },
          region: { default: "us-east-1" },
          stage: { default: "prod" },
        },
      },
    ],
    paths,
    components: {
      schemas,
      responses: ERROR_RESPONSES,
      securitySchemes: {
        sigv4: {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          description: "AWS Signature Version 4 for the execute-api service (deployed API only).",
          "x-amazon-apigateway-authtype": "awsSigv4",
        },
      },
    },
    // The empty requirement makes authorisation optional: local mode has none, AWS requires SigV4.
    security: [{}, { sigv4: [] }],
    tags: [
      { name: "detectors", description: "One route per detector in the catalog." },
      { name: "service", description: "Service status." },
    ],
  };
}

/** What a `resource` typically names, per input kind, for the examples. */
const RESOURCE_EXAMPLES = {
  number: "i-0abc1234def567890",
  pair: "corp-user-pool",
  text: "contact-form",
} as const;

/** Component names of one detector's schemas, e.g. CpuRequest, CpuResult. */
function schemaNames(detector: DetectorSpec) {
  const stem = detector.name.charAt(0).toUpperCase() + detector.name.slice(1);
  return {
    request: `${stem}Request`,
    result: `${stem}Result`,
    prediction: `${stem}Prediction`,
    batch: `${stem}BatchResponse`,
  };
}

const ref = (kind: "schemas" | "responses", name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** The OpenAPI parts of a detector's extra forms. */
function formsOf(detector: DetectorSpec): FormOpenApi[] {
  return detector.forms.flatMap((form) => formOpenApi(detector, form) ?? []);
}

/** POST /predict/<name>. */
function predictOperation(detector: DetectorSpec, forms: readonly FormOpenApi[]): JsonSchema {
  const names = schemaNames(detector);
  const fields = REQUEST_FIELDS[detector.input.kind];
  const { anomalous, normal } = detector.examples;
  const decision = detector.decisionField;
  return {
    operationId: `predict${names.request.replace(/Request$/, "")}`,
    tags: ["detectors"],
    summary: detector.title,
    description:
      `${detector.description} Send \`{"${fields.single}": ...}\` for one reading or ` +
      `\`{"${fields.batch}": [...]}\` for up to ${detector.maxBatchItems} (more is a 413). ` +
      `The response echoes the input as \`${detector.echoField}\` and gives \`${decision}\` ` +
      "(1 flagged, 0 not), the model's `score` and the `model` version. An optional `resource` names what the " +
      "readings are about: it is echoed, named in alerts, and alerts are limited to one per detector and " +
      "resource per cooldown window (the answers are not)." +
      forms.map((form) => ` ${form.description}`).join(""),
    requestBody: {
      required: true,
      content: {
        "application/json": {
          schema: ref("schemas", names.request),
          examples: {
            anomalous: {
              summary: `seed check: flagged (${decision} 1)`,
              value: { [fields.single]: anomalous },
            },
            normal: {
              summary: `seed check: not flagged (${decision} 0)`,
              value: { [fields.single]: normal },
            },
            batch: {
              summary: "both seed checks in one batch",
              value: { [fields.batch]: [anomalous, normal] },
            },
            named: {
              summary: "a reading that names its resource (echoed, and named in alerts)",
              value: { [fields.single]: anomalous, resource: RESOURCE_EXAMPLES[detector.input.kind] },
            },
            ...Object.assign({}, ...forms.map((form) => form.examples)),
          },
        },
      },
    },
    responses: {
      "200": {
        description: "The decision: one result for a single reading, `results` in request order for a batch.",
        content: {
          "application/json": {
            schema: {
              oneOf: [
                ref("schemas", names.prediction),
                ref("schemas", names.batch),
                ...forms.flatMap((form) => form.answers.map((name) => ref("schemas", name))),
              ],
            },
          },
        },
      },
      ...Object.fromEntries(
        Object.entries(PREDICTION_ERRORS).map(([status, name]) => [status, ref("responses", name)]),
      ),
    },
  };
}

/** GET /. */
function statusOperation(): JsonSchema {
  return {
    operationId: "getStatus",
    tags: ["service"],
    summary: "Service status",
    description: "The service status and every detector with its route and model version.",
    responses: {
      "200": {
        description: "Service status.",
        content: { "application/json": { schema: ref("schemas", "Status") } },
      },
      "404": ref("responses", "NotFound"),
      "405": ref("responses", "MethodNotAllowed"),
    },
  };
}

/** One prediction: the echoed input, the decision, the score (and probability where the model has one). */
function resultSchema(detector: DetectorSpec): JsonSchema {
  const echo = toOpenApiSchema(itemSchema(detector.input));
  return {
    type: "object",
    required: [
      detector.echoField,
      detector.decisionField,
      "score",
      ...(detector.hasProbability ? ["probability"] : []),
      ...(detector.categories ? ["category"] : []),
    ],
    properties: {
      [detector.echoField]:
        detector.input.kind === "text"
          ? { ...echo, description: "the text, or a short prefix of a long one" }
          : { ...echo, description: "the input, echoed" },
      [detector.decisionField]: { type: "integer", enum: [0, 1], description: "1 when flagged" },
      score: { type: "number", description: "the model's continuous score the decision is taken from" },
      ...(detector.hasProbability
        ? { probability: { type: "number", minimum: 0, maximum: 1, description: "class probability" } }
        : {}),
      ...(detector.categories
        ? {
            category: {
              type: "string",
              enum: [...detector.categories, NO_CATEGORY],
              description: `what a flagged item is; ${NO_CATEGORY} exactly when it is not flagged`,
            },
          }
        : {}),
    },
  };
}

/** The response to a single reading: its result plus the model version. */
function predictionSchema(resultName: string): JsonSchema {
  return {
    allOf: [
      ref("schemas", resultName),
      { type: "object", required: ["model"], properties: { model: MODEL, resource: RESOURCE } },
    ],
  };
}

/** The response to a batch: one result per item, in order, and the model version once. */
function batchSchema(detector: DetectorSpec, resultName: string): JsonSchema {
  return {
    type: "object",
    required: ["results", "model"],
    properties: {
      results: {
        type: "array",
        minItems: 1,
        maxItems: detector.maxBatchItems,
        items: ref("schemas", resultName),
      },
      model: MODEL,
      resource: RESOURCE,
    },
  };
}

const ERROR_SCHEMA: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: { error: { type: "string", description: "what is wrong, naming the field" } },
};

const STATUS_SCHEMA: JsonSchema = {
  type: "object",
  description: "The service status and the detectors it serves.",
  required: ["service", "status", "detectors"],
  properties: {
    service: { const: "helios" },
    status: { enum: ["ok", "degraded"], description: "degraded when a detector has no known model version" },
    detectors: {
      type: "array",
      items: {
        type: "object",
        required: ["name", "title", "route", "modelVersion", "model"],
        properties: {
          name: { enum: DETECTORS.map((d) => d.name) },
          title: { type: "string" },
          route: { type: "string", examples: DETECTORS.map(routeOf) },
          modelVersion: { type: ["string", "null"] },
          model: {
            type: ["string", "null"],
            description: "as in prediction responses, e.g. cpu@1.0.0+3fa9c2d1",
          },
          forms: {
            type: "array",
            description:
              "the detector's request forms beyond the reading form, each with its model's version",
            items: {
              type: "object",
              required: ["kind", "model", "modelVersion"],
              properties: {
                kind: { type: "string", examples: ["events"] },
                model: { type: "string", description: "the form model's manifest id, e.g. login-events" },
                modelVersion: { type: ["string", "null"] },
              },
            },
          },
        },
      },
    },
  },
};

/** The error responses, each with the error schema (and the header that goes with it). */
const ERROR_RESPONSES: Record<string, JsonSchema> = {
  BadRequest: errorResponse(
    "Malformed JSON, or a body that does not match the request schema (a value out of range, a text over its byte limit, a missing or unknown field).",
  ),
  NotFound: errorResponse("No such route."),
  MethodNotAllowed: errorResponse("The route exists but not with this method.", {
    Allow: { description: "the methods the route accepts", schema: { type: "string" } },
  }),
  PayloadTooLarge: errorResponse(
    `The body is over ${MAX_BODY_BYTES} bytes, or a batch has more items than the detector accepts.`,
  ),
  UnsupportedMediaType: errorResponse("The Content-Type is not application/json."),
  ServiceUnavailable: errorResponse("The model could not be loaded; try again after Retry-After seconds.", {
    "Retry-After": {
      description: "seconds to wait before retrying",
      schema: { type: "integer", minimum: 1 },
    },
  }),
};

function errorResponse(description: string, headers?: Record<string, JsonSchema>): JsonSchema {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { "application/json": { schema: ref("schemas", "Error") } },
  };
}

/**
 * Rewrites a draft-4 schema (the dialect of API Gateway models) into OpenAPI 3.1's JSON Schema
 * 2020-12: a tuple's `items: [...]` becomes `prefixItems`, and `additionalItems` becomes `items`.
 */
export function toOpenApiSchema(schema: JsonSchema): JsonSchema {
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "items" && Array.isArray(value)) {
      out.prefixItems = value.map((item: JsonSchema) => toOpenApiSchema(item));
    } else if (keyword === "additionalItems") {
      if (Array.isArray(schema.items)) out.items = isSchema(value) ? toOpenApiSchema(value) : value;
    } else if (keyword === "properties" && isSchema(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, isSchema(sub) ? toOpenApiSchema(sub) : sub]),
      );
    } else if (Array.isArray(value) && ["oneOf", "anyOf", "allOf"].includes(keyword)) {
      out[keyword] = value.map((sub) => (isSchema(sub) ? toOpenApiSchema(sub) : sub));
    } else if (isSchema(value) && ["items", "not", "additionalProperties"].includes(keyword)) {
      out[keyword] = toOpenApiSchema(value);
    } else {
      out[keyword] = value;
    }
  }
  return out;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
