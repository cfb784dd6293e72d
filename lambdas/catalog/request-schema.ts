/**
 * JSON Schema (draft 4, the dialect API Gateway models use) of a detector's request body,
 * derived from its catalog entry. API Gateway validates with it, the OpenAPI document embeds it,
 * and tests check that the handler's own validation agrees with it. Batch size limits are left
 * to the handler on purpose: an over-long batch is a 413 with a message, which a gateway
 * validator (always 400) cannot give.
 */
import { signInEventSchema } from "../detection/login/sign-in-event-schema";
import {
  type DetectorForm,
  type DetectorInput,
  type DetectorSpec,
  REQUEST_FIELDS,
  RESOURCE_FIELD,
} from "./detectors";

/** A JSON Schema draft-4 document, as plain JSON data. */
export interface JsonSchema {
  readonly [keyword: string]: unknown;
}

/** Schema of one item (one reading, one pair or one text) of a detector's input. */
export function itemSchema(input: DetectorInput): JsonSchema {
  switch (input.kind) {
    case "number":
      return {
        type: "number",
        minimum: input.minimum,
        ...(input.maximum === undefined ? {} : { maximum: input.maximum }),
        description: input.unit,
      };
    case "pair":
      return {
        type: "array",
        minItems: 2,
        maxItems: 2,
        items: input.parts.map((part) => ({
          type: "integer",
          minimum: part.minimum,
          ...(part.maximum === undefined ? {} : { maximum: part.maximum }),
          description: part.name,
        })),
        additionalItems: false,
        description: `[${input.parts.map((p) => p.name).join(", ")}]`,
      };
    case "text":
      // maxLength counts characters, which never exceed UTF-8 bytes: the handler checks bytes.
      return { type: "string", maxLength: input.maxBytes };
  }
}

/** Schema of the optional `resource` field every request form accepts. */
export function resourceSchema(): JsonSchema {
  return {
    type: "string",
    minLength: 1,
    maxLength: RESOURCE_FIELD.maxLength,
    pattern: RESOURCE_FIELD.pattern,
    description:
      "What the readings are about (an instance id, a user pool, a form name): echoed, and named in alerts",
  };
}

/** The request bodies of an extra form, each a oneOf alternative. */
function formSchemas(detector: DetectorSpec, form: DetectorForm, resource: JsonSchema): JsonSchema[] {
  switch (form.kind) {
    case "events": {
      const event = signInEventSchema();
      return [
        {
          type: "object",
          required: ["event"],
          properties: { event, [RESOURCE_FIELD.name]: resource },
          additionalProperties: false,
        },
        {
          type: "object",
          required: ["events"],
          // maxItems is left to the handler, which answers an over-long list with 413.
          properties: {
            events: { type: "array", minItems: 1, items: event, description: "in time order" },
            [RESOURCE_FIELD.name]: resource,
          },
          additionalProperties: false,
        },
      ];
    }
    case "series":
      return [
        {
          type: "object",
          required: ["series"],
          properties: {
            series: {
              type: "object",
              required: ["timestamps", "values"],
              properties: {
                // Lengths, order and one type throughout are the handler's checks (a schema cannot say them).
                timestamps: {
                  type: "array",
                  minItems: 1,
                  items: { type: ["number", "string"] },
                  description: "epoch seconds or ISO-8601 date-times, non-decreasing",
                },
                values: { type: "array", minItems: 1, items: itemSchema(detector.input) },
              },
              additionalProperties: false,
            },
            score_from: {
              type: ["number", "string"],
              description: "a timestamp: points before it are history only, answers start there",
            },
            [RESOURCE_FIELD.name]: resource,
          },
          additionalProperties: false,
        },
      ];
  }
}

/** Schema of a detector's request body: one item, a non-empty batch of items, or one of its extra forms. */
export function requestSchema(detector: DetectorSpec): JsonSchema {
  const fields = REQUEST_FIELDS[detector.input.kind];
  const item = itemSchema(detector.input);
  const resource = resourceSchema();
  return {
    title: `${detector.name} request`,
    type: "object",
    oneOf: [
      {
        type: "object",
        required: [fields.single],
        properties: { [fields.single]: item, [RESOURCE_FIELD.name]: resource },
        additionalProperties: false,
      },
      {
        type: "object",
        required: [fields.batch],
        properties: {
          [fields.batch]: { type: "array", minItems: 1, items: item },
          [RESOURCE_FIELD.name]: resource,
        },
        additionalProperties: false,
      },
      ...detector.forms.flatMap((form) => formSchemas(detector, form, resource)),
    ],
  };
}
