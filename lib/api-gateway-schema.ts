/**
 * Turns a catalog JSON Schema into the form CDK's API Gateway models take, refusing keywords
 * that API Gateway's draft-4 validator does not know (it would ignore them silently, and the
 * gateway would accept bodies the catalog means to reject).
 */
import type { JsonSchema as ApiGatewaySchema } from "aws-cdk-lib/aws-apigateway";
import type { JsonSchema } from "../lambdas/catalog";
import { isRecord } from "../lambdas/runtime/is-record";

/** The validation and annotation keywords of JSON Schema draft 4. */
export const DRAFT4_KEYWORDS: ReadonlySet<string> = new Set([
  "title",
  "description",
  "default",
  "format",
  "type",
  "enum",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "items",
  "additionalItems",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxProperties",
  "minProperties",
  "required",
  "properties",
  "additionalProperties",
  "patternProperties",
  "dependencies",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "definitions",
]);

// Keywords whose value is a schema, a list of schemas, or a map of names to schemas.
const SCHEMA_VALUED = new Set(["items", "additionalItems", "additionalProperties", "not"]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions"]);

function check(schema: unknown, at: string): void {
  if (typeof schema === "boolean") return; // e.g. additionalProperties: false
  if (!isRecord(schema)) throw new Error(`${at}: a schema must be an object`);
  for (const [keyword, value] of Object.entries(schema)) {
    const here = `${at}/${keyword}`;
    if (!DRAFT4_KEYWORDS.has(keyword))
      throw new Error(`${here}: "${keyword}" is not a JSON Schema draft-4 keyword`);
    if (SCHEMA_VALUED.has(keyword)) {
      const items: unknown[] = Array.isArray(value) ? value : [value];
      for (const [i, item] of items.entries()) check(item, Array.isArray(value) ? `${here}/${i}` : here);
    } else if (SCHEMA_LISTS.has(keyword)) {
      if (!Array.isArray(value)) throw new Error(`${here}: must be a list of schemas`);
      for (const [i, item] of value.entries()) check(item, `${here}/${i}`);
    } else if (SCHEMA_MAPS.has(keyword)) {
      if (!isRecord(value)) throw new Error(`${here}: must map names to schemas`);
      for (const [name, sub] of Object.entries(value)) check(sub, `${here}/${name}`);
    }
  }
}

/** The catalog schema as an API Gateway model schema, after checking it uses draft-4 keywords only. */
export function toApiGatewaySchema(schema: JsonSchema): ApiGatewaySchema {
  check(schema, "#");
  // Draft-4 keywords are spelled the same in CDK's JsonSchema (only $schema/$ref/id differ,
  // and the check above rejects those), so the checked object is passed through unchanged.
  return schema as ApiGatewaySchema;
}
