import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DETECTORS, MAX_BODY_BYTES, REQUEST_FIELDS, requestSchema, routeOf } from "../../lambdas/catalog";
import { buildOpenApiDocument, type OpenApiDocument, toOpenApiSchema } from "../../lambdas/catalog/openapi";
import { formOpenApi } from "../../lambdas/catalog/openapi-forms";
import { renderOpenApiFile } from "../../scripts/openapi-file";
import { openApiValidators } from "./openapi-validators";

const doc = buildOpenApiDocument();
const { ajv, id: DOC_ID, validator: validatorOf } = openApiValidators(doc);

type Json = Record<string, unknown>;
const at = (value: unknown, ...keys: string[]): Json =>
  keys.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], value) as Json;

/** Every `$ref` in the document, wherever it is. */
function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "$ref" && typeof value === "string" ? [value] : refsIn(value),
  );
}

function resolveRef(document: OpenApiDocument, ref: string): unknown {
  expect(ref.startsWith("#/")).toBe(true);
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], document);
}

describe("OpenAPI document", () => {
  it("is committed up to date in docs/openapi.json (run npm run openapi after changing the catalog)", () => {
    const committed = readFileSync(join(__dirname, "..", "..", "docs", "openapi.json"), "utf8");
    expect(committed).toBe(renderOpenApiFile());
  });

  it("is OpenAPI 3.1 with the API's title, version and both servers", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toMatch(/Helios/);
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc.servers[0]).toMatchObject({ url: "http://127.0.0.1:3000" });
    expect(String(doc.servers[1]?.url)).toContain("execute-api");
    expect(buildOpenApiDocument({ serverUrl: "http://127.0.0.1:4321" }).servers[0]?.url).toBe(
      "http://127.0.0.1:4321",
    );
  });

  it("has exactly GET / and one POST route per catalogued detector", () => {
    expect(Object.keys(doc.paths).sort()).toEqual(["/", ...DETECTORS.map(routeOf)].sort());
    expect(Object.keys(doc.paths["/"]!)).toEqual(["get"]);
    for (const detector of DETECTORS) expect(Object.keys(doc.paths[routeOf(detector)]!)).toEqual(["post"]);
    const ids = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((op) => at(op).operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("resolves every $ref inside the document", () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(DETECTORS.length * 8);
    for (const ref of refs) expect(resolveRef(doc, ref)).toBeDefined();
  });

  it("holds only valid JSON Schema 2020-12 schemas (no draft-4 tuple forms)", () => {
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect({ name, valid: ajv.validateSchema(schema) }).toEqual({ name, valid: true });
    }
    expect(JSON.stringify(doc)).not.toContain('"additionalItems"');
  });

  it("lists the error statuses with the error schema, Allow on 405 and Retry-After on 503", () => {
    const validateError = validatorOf("#/components/schemas/Error");
    expect(validateError({ error: "value must be a number" })).toBe(true);
    expect(validateError({ message: "Internal server error" })).toBe(false);
    for (const detector of DETECTORS) {
      const responses = at(doc.paths[routeOf(detector)], "post", "responses");
      expect(Object.keys(responses).sort()).toEqual(["200", "400", "404", "405", "413", "415", "503"]);
      for (const status of ["400", "404", "405", "413", "415", "503"]) {
        const response = resolveRef(doc, String(at(responses, status).$ref)) as Json;
        expect(at(response, "content", "application/json", "schema").$ref).toBe("#/components/schemas/Error");
      }
    }
    expect(Object.keys(at(doc.components.responses, "MethodNotAllowed", "headers"))).toEqual(["Allow"]);
    expect(Object.keys(at(doc.components.responses, "ServiceUnavailable", "headers"))).toEqual([
      "Retry-After",
    ]);
    expect(String(at(doc.components.responses, "PayloadTooLarge").description)).toContain(
      String(MAX_BODY_BYTES),
    );
  });

  describe.each(DETECTORS.map((d) => [d.name, d] as const))("%s operation", (_name, detector) => {
    const operation = at(doc.paths[routeOf(detector)], "post");
    const media = at(operation, "requestBody", "content", "application/json");
    const validateRequest = validatorOf(String(at(media, "schema").$ref));
    const fields = REQUEST_FIELDS[detector.input.kind];

    it("embeds the catalog's request schema, converted to the 2020-12 dialect", () => {
      expect(at(operation, "requestBody").required).toBe(true);
      expect(resolveRef(doc, String(at(media, "schema").$ref))).toEqual(
        toOpenApiSchema(requestSchema(detector)),
      );
    });

    it("carries the seed's checks as examples, single and batch, each valid against the schema", () => {
      const examples = at(media, "examples");
      const { anomalous, normal } = detector.examples;
      expect(at(examples, "anomalous").value).toEqual({ [fields.single]: anomalous });
      expect(at(examples, "normal").value).toEqual({ [fields.single]: normal });
      expect(at(examples, "batch").value).toEqual({ [fields.batch]: [anomalous, normal] });
      for (const example of Object.values(examples)) expect(validateRequest(at(example).value)).toBe(true);
    });

    it("keeps the schema's constraints: missing, unknown and null fields are invalid", () => {
      expect(validateRequest({})).toBe(false);
      expect(validateRequest({ [fields.single]: detector.examples.normal, extra: 1 })).toBe(false);
      expect(validateRequest({ [fields.single]: null })).toBe(false);
      expect(validateRequest({ [fields.batch]: [] })).toBe(false);
    });

    it("describes the 200 response as a single prediction or a batch", () => {
      const schema = at(operation, "responses", "200", "content", "application/json", "schema");
      const refs = (schema.oneOf as Json[]).map((s) => String(s.$ref));
      // The reading form's two answers first; extra forms add theirs (openapi-forms.test.ts).
      const formAnswers = detector.forms.flatMap((form) => formOpenApi(detector, form)?.answers ?? []);
      expect(refs).toHaveLength(2 + formAnswers.length);
      const [single, batch] = refs.slice(0, 2).map((ref) => validatorOf(ref));
      const either = ajv.compile({ oneOf: refs.map((ref) => ({ $ref: `${DOC_ID}${ref}` })) });
      const result = {
        [detector.echoField]: detector.examples.anomalous,
        [detector.decisionField]: 1,
        score: 0.5,
        ...(detector.hasProbability ? { probability: 0.9 } : {}),
        ...("categories" in detector ? { category: detector.categories[0] } : {}),
      };
      expect(single!({ ...result, model: `${detector.name}@1.0.0` })).toBe(true);
      expect(single!(result)).toBe(false);
      expect(single!({ ...result, [detector.decisionField]: 2, model: `${detector.name}@1.0.0` })).toBe(
        false,
      );
      expect(batch!({ results: [result, result], model: `${detector.name}@1.0.0` })).toBe(true);
      expect(batch!({ results: [], model: `${detector.name}@1.0.0` })).toBe(false);
      // Exactly one branch matches each shape, so clients can tell them apart.
      expect(either({ ...result, model: `${detector.name}@1.0.0` })).toBe(true);
      expect(either({ results: [result], model: `${detector.name}@1.0.0` })).toBe(true);
    });
  });

  it("keeps the login pair's per-position bounds after conversion (hour 0-23)", () => {
    const login = DETECTORS.find((d) => d.input.kind === "pair")!;
    const validate = validatorOf(
      `#/components/schemas/${login.name[0]!.toUpperCase()}${login.name.slice(1)}Request`,
    );
    expect(validate({ value: [6, 23] })).toBe(true);
    expect(validate({ value: [6, 24] })).toBe(false);
    expect(validate({ value: [6, 2, 1] })).toBe(false);
    expect(validate({ value: [6.5, 2] })).toBe(false);
  });
});

describe("draft-4 to 2020-12 schema conversion", () => {
  it("turns a tuple's items list into prefixItems and additionalItems into items", () => {
    expect(
      toOpenApiSchema({
        type: "object",
        properties: {
          pair: { type: "array", items: [{ type: "integer" }, { type: "string" }], additionalItems: false },
          list: { type: "array", items: { type: "number" } },
        },
        oneOf: [{ required: ["pair"] }],
      }),
    ).toEqual({
      type: "object",
      properties: {
        pair: { type: "array", prefixItems: [{ type: "integer" }, { type: "string" }], items: false },
        list: { type: "array", items: { type: "number" } },
      },
      oneOf: [{ required: ["pair"] }],
    });
  });
});
