/** Ajv validators for the schemas inside the OpenAPI document, resolving its "#/components/..." refs. */
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import type { OpenApiDocument } from "../../lambdas/catalog/openapi";

/** The document's schemas as validators: `validator("#/components/schemas/CpuRequest")`. */
export interface OpenApiValidators {
  readonly ajv: Ajv2020;
  /** Base id the document is registered under; prefix it to a "#/..." ref to compile your own schema. */
  readonly id: string;
  validator(ref: string): ValidateFunction;
}

/** Registers the whole document as one schema resource, so that its local refs resolve. */
export function openApiValidators(doc: OpenApiDocument): OpenApiValidators {
  const id = "https://helios.invalid/openapi.json";
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...doc, $id: id }, undefined, undefined, false);
  const cache = new Map<string, ValidateFunction>();
  return {
    ajv,
    id,
    validator(ref) {
      let validate = cache.get(ref);
      if (!validate) {
        validate = ajv.compile({ $ref: `${id}${ref}` });
        cache.set(ref, validate);
      }
      return validate;
    },
  };
}
