/**
 * A model that passes every load-time check (checksum, inputs, outputs) and then fails inside
 * ONNX Runtime when it runs on anything but exactly three readings: its graph reshapes the
 * [N, 1] input to a fixed [3]. It stands in for a fault of Helios's own at prediction time,
 * the one path that ends in a 500.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { onnx } from "onnx-proto";
import type { DetectorSpec } from "../../../lambdas/catalog";
import type { ModelManifest } from "../../../models/manifest-schema";
import { fixtureEntry, writeFixtureModelDir } from "../../support/fixture-models";

const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;

const tensor = (name: string, elemType: number, dims: (number | "N")[]): onnx.IValueInfoProto => ({
  name,
  type: {
    tensorType: {
      elemType,
      shape: { dim: dims.map((d) => (d === "N" ? { dimParam: "N" } : { dimValue: d })) },
    },
  },
});

/** ONNX bytes of the faulty model for a number detector. */
export function faultyModelBytes(detector: DetectorSpec): Uint8Array {
  if (detector.input.kind !== "number") throw new Error("the faulty model takes one number per reading");
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "helios-test-faulty",
    opsetImport: [{ domain: "", version: 13 }],
    graph: {
      name: `${detector.name}-faulty`,
      input: [tensor("input", DataType.FLOAT, ["N", 1])],
      output: [tensor("label", DataType.INT64, ["N"]), tensor("score", DataType.FLOAT, ["N"])],
      initializer: [
        { name: "three", dataType: DataType.INT64, dims: [1], int64Data: [3] },
        { name: "half", dataType: DataType.FLOAT, dims: [1], floatData: [0.5] },
      ],
      node: [
        { opType: "Reshape", input: ["input", "three"], output: ["score"] },
        { opType: "Greater", input: ["score", "half"], output: ["above"] },
        {
          opType: "Cast",
          input: ["above"],
          output: ["label"],
          attribute: [{ name: "to", type: AttributeType.INT, i: DataType.INT64 }],
        },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Writes a model folder where `detector` has the faulty model (correctly checksummed) and the rest fixtures. */
export function writeFaultyModelDir(
  dir: string,
  detectors: readonly DetectorSpec[],
  faulty: DetectorSpec,
): void {
  mkdirSync(dir, { recursive: true });
  const manifest = writeFixtureModelDir(dir, detectors) as ModelManifest;
  const bytes = faultyModelBytes(faulty);
  writeFileSync(join(dir, `${faulty.name}.onnx`), bytes);
  const entry = { ...manifest.models[faulty.name]!, ...fixtureEntry(faulty, bytes) };
  const updated: ModelManifest = { ...manifest, models: { ...manifest.models, [faulty.name]: entry } };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(updated, null, 2));
}
