/** Turns validated input items into the model's one input tensor (the models contract's shapes). */
import * as ort from "onnxruntime-node";
import { toModelText } from "../../models/content-input";
import type { DetectorInput } from "../catalog";
import type { InputItem } from "./validate-request";

/** Largest finite float32. The API accepts larger readings; the model sees this instead of Infinity. */
export const FLOAT32_MAX = 3.4028234663852886e38;

function toFloat32Range(value: number): number {
  return Math.min(Math.max(value, -FLOAT32_MAX), FLOAT32_MAX);
}

/** The input tensor for a list of items: float32 [N,1], float32 [N,2] or string [N]. */
export function buildInputTensor(input: DetectorInput, items: readonly InputItem[]): ort.Tensor {
  switch (input.kind) {
    case "number": {
      const data = Float32Array.from(items as readonly number[], toFloat32Range);
      return new ort.Tensor("float32", data, [items.length, 1]);
    }
    case "pair": {
      const width = input.parts.length;
      const data = new Float32Array(items.length * width);
      (items as readonly (readonly number[])[]).forEach((pair, row) => {
        for (let column = 0; column < width; column += 1)
          data[row * width + column] = toFloat32Range(pair[column]!);
      });
      return new ort.Tensor("float32", data, [items.length, width]);
    }
    case "text":
      // ORT hands strings to the graph as C strings: toModelText keeps a U+0000 from hiding the rest.
      return new ort.Tensor("string", (items as readonly string[]).map(toModelText), [items.length]);
  }
}
