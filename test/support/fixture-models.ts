/**
 * Tiny ONNX models with the Helios models contract (input "input"; outputs "label", "score" and,
 * where the detector has one, "probability"), built in the test so that the runtime's behaviour
 * (checksums, decision rules, batching) is tested with models whose outputs are known exactly:
 *   number/pair: score = sum(row) × scale; probability = sigmoid(score)
 *   text:        score = 0.9 for the text "spam", 0.1 for anything else; probability = score;
 *                category (detectors with categories) = the index of "spam" for "spam", 0 otherwise
 * The graph's own label uses threshold 0.5, so tests can tell it from the manifest's rule.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { onnx } from "onnx-proto";
import type { DetectorSpec } from "../../lambdas/catalog";
import type { ModelManifest, RuntimeModelEntry } from "../../models/manifest-schema";

const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;

function tensorInfo(name: string, elemType: number, dims: (number | "N")[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (d === "N" ? { dimParam: "N" } : { dimValue: d })) },
      },
    },
  };
}

function floatConstant(name: string, value: number): onnx.ITensorProto {
  return { name, dataType: DataType.FLOAT, dims: [1], floatData: [value] };
}

function labelNodes(): onnx.INodeProto[] {
  return [
    { opType: "Greater", input: ["score", "half"], output: ["above"] },
    {
      opType: "Cast",
      input: ["above"],
      output: ["label"],
      attribute: [{ name: "to", type: AttributeType.INT, i: DataType.INT64 }],
    },
  ];
}

/** The fixture's category output: "spam" gets the index of the category "spam" (0 if none), anything else 0. */
function categoryNode(categories: readonly string[]): onnx.INodeProto {
  return {
    opType: "LabelEncoder",
    domain: "ai.onnx.ml",
    input: ["input"],
    output: ["category"],
    attribute: [
      { name: "keys_strings", type: AttributeType.STRINGS, strings: [new TextEncoder().encode("spam")] },
      { name: "values_int64s", type: AttributeType.INTS, ints: [Math.max(0, categories.indexOf("spam"))] },
      { name: "default_int64", type: AttributeType.INT, i: 0 },
    ],
  };
}

/** ONNX bytes of a fixture model for a detector's input kind. */
export function fixtureModelBytes(detector: DetectorSpec, scale = 0.01): Uint8Array {
  const width = detector.input.kind === "pair" ? detector.input.parts.length : 1;
  const outputs = [tensorInfo("label", DataType.INT64, ["N"]), tensorInfo("score", DataType.FLOAT, ["N"])];
  if (detector.hasProbability) outputs.push(tensorInfo("probability", DataType.FLOAT, ["N"]));
  if (detector.categories) outputs.push(tensorInfo("category", DataType.INT64, ["N"]));
  let graph: onnx.IGraphProto;
  if (detector.input.kind === "text") {
    graph = {
      name: `${detector.name}-fixture`,
      input: [tensorInfo("input", DataType.STRING, ["N"])],
      output: outputs,
      initializer: [floatConstant("half", 0.5)],
      node: [
        {
          opType: "LabelEncoder",
          domain: "ai.onnx.ml",
          input: ["input"],
          output: ["score"],
          attribute: [
            {
              name: "keys_strings",
              type: AttributeType.STRINGS,
              strings: [new TextEncoder().encode("spam")],
            },
            { name: "values_floats", type: AttributeType.FLOATS, floats: [0.9] },
            { name: "default_float", type: AttributeType.FLOAT, f: 0.1 },
          ],
        },
        ...labelNodes(),
        ...(detector.hasProbability
          ? [{ opType: "Identity", input: ["score"], output: ["probability"] }]
          : []),
        ...(detector.categories ? [categoryNode(detector.categories)] : []),
      ],
    };
  } else {
    graph = {
      name: `${detector.name}-fixture`,
      input: [tensorInfo("input", DataType.FLOAT, ["N", width])],
      output: outputs,
      initializer: [
        floatConstant("scale", scale),
        floatConstant("half", 0.5),
        { name: "axes", dataType: DataType.INT64, dims: [1], int64Data: [1] },
      ],
      node: [
        {
          opType: "ReduceSum",
          input: ["input", "axes"],
          output: ["sum"],
          attribute: [{ name: "keepdims", type: AttributeType.INT, i: 0 }],
        },
        { opType: "Mul", input: ["sum", "scale"], output: ["score"] },
        ...labelNodes(),
        ...(detector.hasProbability
          ? [{ opType: "Sigmoid", input: ["score"], output: ["probability"] }]
          : []),
      ],
    };
  }
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "helios-test-fixture",
    opsetImport: [
      { domain: "", version: 13 },
      { domain: "ai.onnx.ml", version: 2 },
    ],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Hex sha256 of bytes. */
export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The manifest entry of a fixture model, deciding on `score > threshold`. */
export function fixtureEntry(detector: DetectorSpec, bytes: Uint8Array, threshold = 0.5): RuntimeModelEntry {
  const width = detector.input.kind === "pair" ? detector.input.parts.length : 1;
  return {
    file: `${detector.name}.onnx`,
    sha256: sha256(bytes),
    modelVersion: `0.0.1-fixture+${sha256(bytes).slice(0, 8)}`,
    inputs: [
      detector.input.kind === "text"
        ? { name: "input", type: "string", shape: ["N"] }
        : { name: "input", type: "float32", shape: ["N", width] },
    ],
    outputs: [
      { name: "label", type: "int64", shape: ["N"] },
      { name: "score", type: "float32", shape: ["N"] },
      ...(detector.hasProbability
        ? [{ name: "probability", type: "float32" as const, shape: ["N" as const] }]
        : []),
      ...(detector.categories ? [{ name: "category", type: "int64" as const, shape: ["N" as const] }] : []),
    ],
    decision: { output: "score", operator: ">", threshold, description: "fixture: score above threshold" },
  };
}

/** Writes fixture models and their manifest into `dir`; returns the manifest. */
export function writeFixtureModelDir(
  dir: string,
  detectors: readonly DetectorSpec[],
  thresholds: Readonly<Record<string, number>> = {},
): ModelManifest {
  mkdirSync(dir, { recursive: true });
  const models: Record<string, ModelManifest["models"][string]> = {};
  for (const detector of detectors) {
    const bytes = fixtureModelBytes(detector);
    writeFileSync(join(dir, `${detector.name}.onnx`), bytes);
    models[detector.name] = {
      ...fixtureEntry(detector, bytes, thresholds[detector.name] ?? 0.5),
      boundaries: "fixture",
      recipe: "fixture",
      trainingData: "none",
    };
  }
  const manifest: ModelManifest = { formatVersion: 1, models };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return manifest;
}
