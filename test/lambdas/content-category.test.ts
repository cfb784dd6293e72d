/**
 * The content detector's `category`: the runtime maps the model's index through the catalog, answers
 * "none" exactly when a text is allowed, refuses a model entry without an int64 category output, and
 * puts the category into responses' schema and alerts.
 */
import { getDetector, NO_CATEGORY } from "../../lambdas/catalog";
import { buildOpenApiDocument } from "../../lambdas/catalog/openapi";
import { buildAlert } from "../../lambdas/runtime/alert-message";
import { checkModelEntry, readingContract } from "../../lambdas/runtime/model-entry";
import { categoryOf } from "../../lambdas/runtime/predict";
import { fixtureEntry, fixtureModelBytes } from "../support/fixture-models";

const content = getDetector("content");
const categories = content.categories!;
const entry = fixtureEntry(content, fixtureModelBytes(content));

describe("categoryOf", () => {
  it("answers the catalog's category for a blocked text and none for an allowed one, whatever the index", () => {
    expect(categories).toEqual(["sqli", "xss", "cmdi", "traversal", "spam"]);
    categories.forEach((name, index) => {
      expect(categoryOf(categories, 1, BigInt(index))).toBe(name);
      expect(categoryOf(categories, 0, BigInt(index))).toBe(NO_CATEGORY);
    });
  });

  it("refuses an index the catalog does not have (a wrong model, not a user error)", () => {
    expect(() => categoryOf(categories, 1, 5n)).toThrow("'category' 5 is not one of 5 categories");
    expect(() => categoryOf(categories, 1, -1n)).toThrow();
  });
});

describe("model entry check", () => {
  it("accepts the fixture entry and rejects one whose category output is missing or not int64", () => {
    expect(checkModelEntry(entry, readingContract(content)).ok).toBe(true);
    const without = { ...entry, outputs: entry.outputs.filter((o) => o.name !== "category") };
    expect(checkModelEntry(without, readingContract(content))).toEqual({
      ok: false,
      problem: "model must have an int64 output 'category'",
    });
    const asFloat = {
      ...entry,
      outputs: entry.outputs.map((o) => (o.name === "category" ? { ...o, type: "float32" } : o)),
    };
    expect(checkModelEntry(asFloat, readingContract(content)).ok).toBe(false);
    // Detectors without categories do not need the output.
    const cpu = getDetector("cpu");
    expect(checkModelEntry(fixtureEntry(cpu, fixtureModelBytes(cpu)), readingContract(cpu)).ok).toBe(true);
  });
});

describe("alerts and the API document", () => {
  const context = { requestId: "req-category", time: new Date("2026-11-21T00:00:00Z") };

  it("a single blocked text's alert names its category in the subject and the message", () => {
    const alert = buildAlert(
      content,
      entry,
      { form: "reading", mode: "single", items: ["' or 1=1--"] },
      [{ decision: 1, score: 7.5, probability: 0.9994, category: "sqli" }],
      context,
    )!;
    expect(alert.subject).toBe("Helios: content blocked text (sqli)");
    expect(alert.message).toMatchObject({ input: "' or 1=1--", category: "sqli", score: 7.5 });
    expect(alert.textParts.facts).toContainEqual(["Category", "sqli"]);
  });

  it("a batch alert lists each blocked text's category", () => {
    const alert = buildAlert(
      content,
      entry,
      { form: "reading", mode: "batch", items: ["<script>", "hi", "../../x"] },
      [
        { decision: 1, score: 3, probability: 0.95, category: "xss" },
        { decision: 0, score: -3, probability: 0.05, category: NO_CATEGORY },
        { decision: 1, score: 2, probability: 0.88, category: "traversal" },
      ],
      context,
    )!;
    expect(
      (alert.message.anomalies as { index: number; category: string }[]).map((a) => [a.index, a.category]),
    ).toEqual([
      [0, "xss"],
      [2, "traversal"],
    ]);
  });

  it("the OpenAPI result schema requires category and enumerates the catalog's categories and none", () => {
    const schemas = (
      buildOpenApiDocument() as unknown as {
        components: { schemas: Record<string, Record<string, unknown>> };
      }
    ).components.schemas;
    const result = Object.values(schemas).find(
      (s) => (s.properties as Record<string, unknown> | undefined)?.blocked !== undefined,
    )!;
    expect(result.required).toContain("category");
    expect((result.properties as Record<string, { enum: string[] }>).category.enum).toEqual([
      ...categories,
      "none",
    ]);
  });
});
