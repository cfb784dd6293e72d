import Ajv from "ajv";
import { DETECTORS, findDetector, modelFileOf, requestSchema, routeOf } from "../../lambdas/catalog";

const ajv = new Ajv({ strict: false, allErrors: true });

describe("detector catalog", () => {
  it("lists the five detectors once each, with distinct routes and model files", () => {
    const names = DETECTORS.map((d) => d.name);
    expect(names).toEqual(["cpu", "network", "login", "content", "storage"]);
    expect(new Set(DETECTORS.map(routeOf)).size).toBe(DETECTORS.length);
    expect(new Set(DETECTORS.map(modelFileOf)).size).toBe(DETECTORS.length);
    expect(routeOf({ name: "cpu" })).toBe("/predict/cpu");
  });

  it("finds detectors by name and rejects unknown ones", () => {
    expect(findDetector("login")?.echoField).toBe("login_attempts");
    expect(findDetector("gpu")).toBeUndefined();
  });

  describe.each(DETECTORS.map((d) => [d.name, d] as const))("%s request schema", (_name, detector) => {
    const validate = ajv.compile(requestSchema(detector));
    const single = detector.input.kind === "text" ? "text" : "value";
    const batch = detector.input.kind === "text" ? "texts" : "values";

    it("accepts the seed's two documented requests, alone and as a batch", () => {
      for (const example of [detector.examples.anomalous, detector.examples.normal]) {
        expect(validate({ [single]: example })).toBe(true);
      }
      expect(validate({ [batch]: [detector.examples.anomalous, detector.examples.normal] })).toBe(true);
    });

    it("rejects a missing field, an unknown field, null, booleans and an empty batch", () => {
      expect(validate({})).toBe(false);
      expect(validate({ [single]: detector.examples.normal, extra: 1 })).toBe(false);
      expect(validate({ [single]: null })).toBe(false);
      expect(validate({ [single]: true })).toBe(false);
      expect(validate({ [batch]: [] })).toBe(false);
      expect(validate({ [single]: detector.examples.normal, [batch]: [detector.examples.normal] })).toBe(
        false,
      );
    });
  });

  it("bounds each input kind where the API contract says", () => {
    const check = (name: string, body: unknown) => ajv.compile(requestSchema(findDetector(name)!))(body);
    expect(check("cpu", { value: 100 })).toBe(true);
    expect(check("cpu", { value: 100.5 })).toBe(false);
    expect(check("cpu", { value: -1 })).toBe(false);
    expect(check("network", { value: 1e9 })).toBe(true);
    expect(check("storage", { value: -0.1 })).toBe(false);
    expect(check("login", { value: [6, 2] })).toBe(true);
    expect(check("login", { value: [6.5, 2] })).toBe(false);
    expect(check("login", { value: [6, 24] })).toBe(false);
    expect(check("login", { value: [6, 2, 1] })).toBe(false);
    expect(check("login", { value: 5 })).toBe(false);
    expect(check("content", { text: 123 })).toBe(false);
    expect(check("content", { text: "x".repeat(64 * 1024 + 1) })).toBe(false);
  });
});
