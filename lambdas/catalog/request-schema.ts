/**
 * JSON Schema (draft 4, the dialect API Gateway models use) of a detector's request body,
 * derived from its catalog entry. API Gateway validates with it, the OpenAPI document embeds it,
 * and tests check that the handler's own validation agrees with it. Batch size limits are left
 * to the handler on purpose: an over-long batch is a 413 with a message, which a gateway
 * validator (always 400) cannot give.
 */
import { type DetectorInput, type DetectorSpec, REQUEST_FIELDS } from "./detectors";

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

/** Schema of a detector's request body: either one item or a non-empty batch of items. */
export function requestSchema(detector: DetectorSpec): JsonSchema {
  const fields = REQUEST_FIELDS[detector.input.kind];
  const item = itemSchema(detector.input);
  return {
    title: `${detector.name} request`,
    type: "object",
    oneOf: [
      {
        type: "object",
        required: [fields.single],
        properties: { [fields.single]: item },
        additionalProperties: false,
      },
      {
        type: "object",
        required: [fields.batch],
        properties: { [fields.batch]: { type: "array", minItems: 1, items: item } },
        additionalProperties: false,
      },
    ],
  };
}
