/** The exact text of docs/openapi.json, shared by the writer script and the test that checks it. */
import { buildOpenApiDocument } from "../lambdas/catalog/openapi";

/** The committed API document: the default (local mode) server URL, two-space JSON, final newline. */
export function renderOpenApiFile(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}
