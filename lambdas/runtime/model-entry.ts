/**
 * Checks a RuntimeModelEntry (from models/manifest.json or HELIOS_MODELS) before it is used: it
 * must describe a model that the form using it can feed and decide with (its contract). A wrong
 * entry must never quietly load a wrong model, so every field the runtime relies on is checked here.
 */

import type { RuntimeModelEntry, TensorSpec } from "../../models/manifest-schema";
import type { DetectorSpec } from "../catalog";
import { checkSeriesParameters, type SeriesModelParameters } from "../detection/series/series-settings";
import { isRecord } from "./is-record";

/** Output names every Helios model graph provides (the models contract). */
export const MODEL_OUTPUTS = {
  label: "label",
  score: "score",
  probability: "probability",
  category: "category",
} as const;

/** What a form needs of its model: the one input tensor it feeds, and the outputs it reads. */
export interface ModelContract {
  readonly input: Pick<TensorSpec, "type" | "shape">;
  /** float32 outputs. */
  readonly outputs: readonly string[];
  /** int64 outputs (the content model's category); default none. */
  readonly int64Outputs?: readonly string[];
  /** Whether the entry must carry the series core's post-processing parameters (`series`). */
  readonly seriesParameters?: boolean;
}

/** The input tensor a detector's reading model must take, from its input kind. */
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

/** The contract of a detector's reading model (the seed-compatible form). */
export function readingContract(detector: DetectorSpec): ModelContract {
  return {
    input: expectedInput(detector),
    outputs: detector.hasProbability
      ? [MODEL_OUTPUTS.score, MODEL_OUTPUTS.probability]
      : [MODEL_OUTPUTS.score],
    ...(detector.categories ? { int64Outputs: [MODEL_OUTPUTS.category] } : {}),
  };
}

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

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

/** Validates an untrusted model entry against its contract; the problem names the offending field. */
export function checkModelEntry(value: unknown, contract: ModelContract): Checked<RuntimeModelEntry> {
  const bad = (problem: string): Checked<RuntimeModelEntry> => ({ ok: false, problem });
  if (!isRecord(value)) return bad("model entry is not a JSON object");
  const { file, sha256, modelVersion, inputs, outputs, decision, expected, series } = value;
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
  const want = contract.input;
  if (!input || input.type !== want.type || !sameShape(input.shape, want.shape)) {
    return bad(`model input must be ${want.type} [${want.shape.join(", ")}]`);
  }
  if (!Array.isArray(outputs)) return bad("model entry field 'outputs' must be a list");
  const outputSpecs = outputs.map(tensorSpec);
  if (outputSpecs.some((o) => o === undefined))
    return bad("model entry field 'outputs' has a malformed tensor");
  const specs = outputSpecs as TensorSpec[];
  const named = (name: string) => specs.find((o) => o.name === name);
  for (const name of contract.outputs) {
    if (named(name)?.type !== "float32") return bad(`model must have a float32 output '${name}'`);
  }
  for (const name of contract.int64Outputs ?? []) {
    if (named(name)?.type !== "int64") return bad(`model must have an int64 output '${name}'`);
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
  if (
    expected !== undefined &&
    !(
      Array.isArray(expected) &&
      expected.length === 2 &&
      expected.every((x) => typeof x === "number" && Number.isFinite(x)) &&
      expected[0] <= expected[1]
    )
  ) {
    return bad("model entry field 'expected' must be [low, high], two finite numbers in order");
  }
  // A series model's post-processing parameters travel with its threshold; the series core checks them.
  let seriesParameters: SeriesModelParameters | undefined;
  if (series === undefined && contract.seriesParameters) {
    return bad("model entry field 'series' (the series core's parameters) is missing");
  }
  if (series !== undefined) {
    const checked = checkSeriesParameters(series);
    if (!checked.ok) return bad(`model entry field ${checked.problem}`);
    seriesParameters = checked.value;
  }
  return {
    ok: true,
    value: {
      ...(expected === undefined ? {} : { expected: [expected[0], expected[1]] as const }),
      ...(seriesParameters === undefined ? {} : { series: seriesParameters }),
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
