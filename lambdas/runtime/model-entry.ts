/**
 * Checks a RuntimeModelEntry (from models/manifest.json or HELIOS_MODEL_ENTRY) before it is used:
 * it must describe a model this detector can feed and decide with. A wrong entry must never
 * quietly load a wrong model, so every field the runtime relies on is checked here.
 */

import type { RuntimeModelEntry, TensorSpec } from "../../models/manifest-schema";
import type { DetectorSpec } from "../catalog";

/** Output names every Helios model graph provides (the models contract). */
export const MODEL_OUTPUTS = {
  label: "label",
  score: "score",
  probability: "probability",
  category: "category",
} as const;

/** The outputs the runtime reads from a detector's model, with their types (besides the decision's). */
export function requiredOutputs(detector: DetectorSpec): readonly Pick<TensorSpec, "name" | "type">[] {
  return [
    { name: MODEL_OUTPUTS.score, type: "float32" },
    ...(detector.hasProbability ? [{ name: MODEL_OUTPUTS.probability, type: "float32" as const }] : []),
    ...(detector.categories ? [{ name: MODEL_OUTPUTS.category, type: "int64" as const }] : []),
  ];
}

/** The input tensor a detector's model must take, from its input kind. */
export function expectedInput(detector: DetectorSpec): Pick<TensorSpec, "type" | "shape"> {
  switch (detector.input.kind) {
    case "number":
      return { type: "float32", shape: ["N", 1] };
    case "pair":
      return { type: "float32", shape: ["N", detector.input.parts.length] };
    case "text":
      return { type: "string", shape: ["N"] };
  }
}

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function tensorSpec(value: unknown): TensorSpec | undefined {
  if (!isRecord(value) || typeof value.name !== "string" || !Array.isArray(value.shape)) return undefined;
  if (value.type !== "float32" && value.type !== "int64" && value.type !== "string") return undefined;
  const shape = value.shape as unknown[];
  if (!shape.every((d) => d === "N" || (typeof d === "number" && Number.isInteger(d) && d > 0)))
    return undefined;
  return { name: value.name, type: value.type, shape: shape as TensorSpec["shape"] };
}

function sameShape(a: TensorSpec["shape"], b: TensorSpec["shape"]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Validates an untrusted model entry for a detector; the problem names the offending field. */
export function checkModelEntry(value: unknown, detector: DetectorSpec): Checked<RuntimeModelEntry> {
  const bad = (problem: string): Checked<RuntimeModelEntry> => ({ ok: false, problem });
  if (!isRecord(value)) return bad("model entry is not a JSON object");
  const { file, sha256, modelVersion, inputs, outputs, decision } = value;
  // A bare file name only: the entry must not be able to point outside the model folder.
  if (typeof file !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._-]*\.onnx$/.test(file)) {
    return bad("model entry field 'file' must be a bare .onnx file name");
  }
  if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256)) {
    return bad("model entry field 'sha256' must be 64 lowercase hex digits");
  }
  if (typeof modelVersion !== "string" || modelVersion.length === 0 || modelVersion.length > 100) {
    return bad("model entry field 'modelVersion' must be a non-empty string");
  }
  if (!Array.isArray(inputs) || inputs.length !== 1)
    return bad("model entry field 'inputs' must list one input");
  const input = tensorSpec(inputs[0]);
  const want = expectedInput(detector);
  if (!input || input.type !== want.type || !sameShape(input.shape, want.shape)) {
    return bad(`model input must be ${want.type} [${want.shape.join(", ")}] for detector ${detector.name}`);
  }
  if (!Array.isArray(outputs)) return bad("model entry field 'outputs' must be a list");
  const outputSpecs = outputs.map(tensorSpec);
  if (outputSpecs.some((o) => o === undefined))
    return bad("model entry field 'outputs' has a malformed tensor");
  const specs = outputSpecs as TensorSpec[];
  const named = (name: string) => specs.find((o) => o.name === name);
  for (const { name, type } of requiredOutputs(detector)) {
    if (named(name)?.type !== type) return bad(`model must have a ${type} output '${name}'`);
  }
  if (!isRecord(decision)) return bad("model entry field 'decision' must be an object");
  const { output, operator, threshold, description } = decision;
  if (typeof output !== "string" || !named(output) || named(output)?.type === "string") {
    return bad("model entry field 'decision.output' must name a numeric model output");
  }
  if (operator !== ">" && operator !== ">=")
    return bad("model entry field 'decision.operator' must be '>' or '>='");
  if (typeof threshold !== "number" || !Number.isFinite(threshold)) {
    return bad("model entry field 'decision.threshold' must be a finite number");
  }
  return {
    ok: true,
    value: {
      file,
      sha256,
      modelVersion,
      inputs: [input],
      outputs: specs,
      decision: {
        output,
        operator,
        threshold,
        description: typeof description === "string" ? description : "",
      },
    },
  };
}
