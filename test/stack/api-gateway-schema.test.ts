/** The catalog's request schemas reach API Gateway only if they use draft-4 keywords it enforces. */
import { DETECTORS, requestSchema } from "../../lambdas/catalog";
import { toApiGatewaySchema } from "../../lib/api-gateway-schema";

describe("toApiGatewaySchema", () => {
  it.each(DETECTORS.map((d) => [d.name, d]))(
    "passes the %s request schema through unchanged",
    (_name, detector) => {
      const schema = requestSchema(detector);
      expect(toApiGatewaySchema(schema)).toEqual(schema);
    },
  );

  it.each([
    [{ type: "object", const: 1 }, /#\/const: "const" is not a JSON Schema draft-4 keyword/],
    [
      { properties: { value: { type: "number", exclusiveMinimum: 0, $ref: "#/x" } } },
      /#\/properties\/value\/\$ref/,
    ],
    [{ oneOf: [{ type: "string" }, { if: {} }] }, /#\/oneOf\/1\/if/],
    [{ items: [{ type: "integer" }, { contains: {} }] }, /#\/items\/1\/contains/],
    [{ additionalProperties: { propertyNames: {} } }, /#\/additionalProperties\/propertyNames/],
    [{ oneOf: { type: "string" } }, /#\/oneOf: must be a list of schemas/],
  ])("refuses keywords API Gateway would ignore: %j", (schema, message) => {
    expect(() => toApiGatewaySchema(schema)).toThrow(message);
  });
});
