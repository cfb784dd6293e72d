/**
 * Runs a detector's session on validated items and applies the manifest's decision rule. The rule
 * is applied here rather than trusting the graph's label, so a threshold can be tuned in the
 * manifest without retraining.
 */
import type { Tensor } from "onnxruntime-node";
import type { DecisionRule } from "../../models/manifest-schema";
import { type DetectorSpec, NO_CATEGORY } from "../catalog";
import { MODEL_OUTPUTS } from "./model-entry";
import { buildInputTensor } from "./model-features";
import type { LoadedModel } from "./model-loader";
import type { InputItem } from "./validate-request";

/** The model's verdict on one item. */
export interface ItemPrediction {
  readonly decision: 0 | 1;
  /** The model's continuous score (what the decision rule compares, for most models). */
  readonly score: number;
  /** Class probability, for detectors whose model has one. */
  readonly probability?: number;
  /** For detectors with categories: what a flagged item is, NO_CATEGORY when it is not flagged. */
  readonly category?: string;
}

/** Applies a decision rule to one output value. */
export function decide(rule: Pick<DecisionRule, "operator" | "threshold">, value: number): 0 | 1 {
  return (rule.operator === ">" ? value > rule.threshold : value >= rule.threshold) ? 1 : 0;
}

/** Significant digits most float32 scores need (float32 carries about 7.2). */
const FIRST_GUESS_DIGITS = 7;

/**
 * The shortest decimal that reads back as the same float32, so a score prints as 0.71 rather than
 * 0.7099999785423279. The decision is taken on the exact value before this rounding.
 * If d significant digits read back, so do d + 1 (the nearest (d + 1)-digit decimal is at least as
 * close as the d-digit one), and 9 always do: so the search starts at 7 digits, where most model
 * scores land, and walks down or up from there. Counting up from 1 took 7–9 tries per score and
 * was a third of a 10,000-item batch's time.
 */
export function shortestFloat32(value: number): number {
  if (!Number.isFinite(value)) return value;
  let candidate = Number(value.toPrecision(FIRST_GUESS_DIGITS));
  if (Math.fround(candidate) === value) {
    for (let digits = FIRST_GUESS_DIGITS - 1; digits >= 1; digits -= 1) {
      const shorter = Number(value.toPrecision(digits));
      if (Math.fround(shorter) !== value) break;
      candidate = shorter;
    }
    return candidate;
  }
  candidate = Number(value.toPrecision(8));
  return Math.fround(candidate) === value ? candidate : Number(value.toPrecision(9));
}

function column(tensor: Tensor | undefined, name: string, count: number): ArrayLike<number | bigint> {
  if (!tensor || tensor.type === "string" || tensor.data.length !== count) {
    throw new Error(`model output '${name}' is missing or does not hold one number per item`);
  }
  return tensor.data as ArrayLike<number | bigint>;
}

/**
 * The category answered for an item: the model's category when the (manifest) decision flags it,
 * NO_CATEGORY otherwise, so a flagged item never answers NO_CATEGORY and an allowed one always does.
 */
export function categoryOf(categories: readonly string[], decision: 0 | 1, index: number | bigint): string {
  if (decision === 0) return NO_CATEGORY;
  const category = categories[Number(index)];
  if (category === undefined)
    throw new Error(`model output 'category' ${index} is not one of ${categories.length} categories`);
  return category;
}

/** Predicts every item in one session run. */
export async function predict(
  model: LoadedModel,
  detector: DetectorSpec,
  items: readonly InputItem[],
): Promise<ItemPrediction[]> {
  const { entry, session } = model;
  const inputName = entry.inputs[0]!.name;
  const fetches = [
    ...new Set([
      MODEL_OUTPUTS.score,
      entry.decision.output,
      ...(detector.hasProbability ? [MODEL_OUTPUTS.probability] : []),
      ...(detector.categories ? [MODEL_OUTPUTS.category] : []),
    ]),
  ];
  const outputs = await session.run({ [inputName]: buildInputTensor(detector.input, items) }, fetches);
  const scores = column(outputs[MODEL_OUTPUTS.score], MODEL_OUTPUTS.score, items.length);
  const decisions = column(outputs[entry.decision.output], entry.decision.output, items.length);
  const probabilities = detector.hasProbability
    ? column(outputs[MODEL_OUTPUTS.probability], MODEL_OUTPUTS.probability, items.length)
    : undefined;
  const { categories } = detector;
  const categoryIndices = categories
    ? column(outputs[MODEL_OUTPUTS.category], MODEL_OUTPUTS.category, items.length)
    : undefined;
  return items.map((_, index) => {
    const score = Number(scores[index]);
    const decisionValue = Number(decisions[index]);
    if (!Number.isFinite(score) || Number.isNaN(decisionValue)) {
      throw new Error(`model ${entry.modelVersion} produced a non-finite score for item ${index}`);
    }
    const decision = decide(entry.decision, decisionValue);
    return {
      decision,
      score: shortestFloat32(score),
      ...(probabilities ? { probability: shortestFloat32(Number(probabilities[index])) } : {}),
      ...(categories && categoryIndices
        ? { category: categoryOf(categories, decision, categoryIndices[index]!) }
        : {}),
    };
  });
}
