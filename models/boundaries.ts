/**
 * Where each trained model's decision flips, measured on the model itself (through the reference
 * implementations), in numbers and in words for the manifest and docs/models.md.
 */
import type { DetectorInput } from "../lambdas/catalog";
import { CONTENT_RULES } from "./content-rules";
import { contentPredict } from "./reference/content-classifier";
import { predictReference } from "./reference/predict";
import type { IsolationForestModel, LogisticModel, TrainedModel, TwoMeansModel } from "./trained-model";

/** Texts whose decisions the manifest spells out: the seed's checks and the issue's must-pass texts. */
export const CONTENT_BOUNDARY_TEXTS = [
  "click http://spam.com",
  "check https://malware.biz",
  "hello friend",
  "select your seat",
  "https://github.com",
  "' or 1=1--",
  "<script>alert(1)</script>",
  "; cat /etc/passwd",
  "../../etc/passwd",
  "",
] as const;

/** A stretch of the input range with one decision: from < x <= to (from = -Infinity: x <= to). */
export interface DecisionInterval {
  readonly from: number;
  readonly to: number;
  readonly label: 0 | 1;
}

/**
 * The exact decision over the whole number line for a one-feature model. An isolation forest only
 * changes its mind at split thresholds (x <= t), so evaluating at every threshold and beyond the last
 * covers every float32 input.
 */
export function decisionIntervals(model: IsolationForestModel | TwoMeansModel): DecisionInterval[] {
  const cuts =
    model.kind === "two-means"
      ? [model.midpoint]
      : [
          ...new Set(
            model.trees.flatMap((t) => t.nodes.flatMap((n) => (n.kind === "split" ? [n.threshold] : []))),
          ),
        ].sort((a, b) => a - b);
  const intervals: DecisionInterval[] = [];
  let from = Number.NEGATIVE_INFINITY;
  for (const to of [...cuts, Number.POSITIVE_INFINITY]) {
    const label = predictReference(model, to).label;
    const last = intervals.at(-1);
    if (last && last.label === label) intervals[intervals.length - 1] = { ...last, to };
    else intervals.push({ from, to, label });
    from = to;
  }
  return intervals;
}

/** The boundary of a logistic model on [failed_attempts, hour]: anomalous iff failed_attempts > intercept + slope * hour. */
export function logisticBoundaryLine(model: LogisticModel): { intercept: number; slope: number } {
  const [wAttempts, wHour] = model.weights;
  return { intercept: -model.intercept / wAttempts, slope: -wHour / wAttempts };
}

/** Smallest integer first feature flagged for a given second feature, searching 0..limit (undefined: none). */
export function smallestFlagged(model: LogisticModel, second: number, limit: number): number | undefined {
  for (let first = 0; first <= limit; first++)
    if (predictReference(model, [first, second]).label === 1) return first;
  return undefined;
}

/**
 * The one range of readings a one-feature model calls normal, within the input's bounds, for alerts
 * ("expected 5.42-68.86"); undefined for other models or when the normal readings are not one range.
 */
export function expectedRange(
  model: TrainedModel,
  input: DetectorInput,
): readonly [number, number] | undefined {
  if ((model.kind !== "isolation-forest" && model.kind !== "two-means") || input.kind !== "number")
    return undefined;
  const low = input.minimum;
  const high = input.maximum ?? Number.POSITIVE_INFINITY;
  const normal = decisionIntervals(model).filter((i) => i.label === 0 && i.to >= low && i.from < high);
  if (normal.length !== 1) return undefined;
  const range = [Math.max(normal[0]!.from, low), Math.min(normal[0]!.to, high)] as const;
  return range.every(Number.isFinite)
    ? [Number(range[0].toPrecision(6)), Number(range[1].toPrecision(6))]
    : undefined;
}

/** The measured boundaries in words (for the manifest), with the seed's for comparison. */
export function describeBoundaries(model: TrainedModel, input: DetectorInput, seed: string): string {
  return `${measured(model, input)} Seed (DESIGN.md): ${seed}.`;
}

function measured(model: TrainedModel, input: DetectorInput): string {
  switch (model.kind) {
    case "isolation-forest":
    case "two-means": {
      const low = input.kind === "number" ? input.minimum : 0;
      const high =
        input.kind === "number" ? (input.maximum ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
      const parts = decisionIntervals(model)
        .filter((i) => i.to >= low && i.from < high)
        .map(
          (i) =>
            `${i.label ? "anomaly" : "normal"} for ${range(Math.max(i.from, low), Math.min(i.to, high), i.from < low)}`,
        );
      const centres =
        model.kind === "two-means" ? ` (centres ${fmt(model.centres[0])} and ${fmt(model.centres[1])})` : "";
      return `Measured over ${low}..${high === Number.POSITIVE_INFINITY ? "Infinity" : high}${centres}: ${parts.join("; ")}.`;
    }
    case "logistic": {
      const line = logisticBoundaryLine(model);
      const flagged = [0, 6, 12, 18, 23].map(
        (h) => `hour ${h}: >= ${smallestFlagged(model, h, 1000) ?? "none"}`,
      );
      return (
        `Anomaly when failed_attempts > ${fmt(line.intercept)} + ${fmt(line.slope)} x hour ` +
        `(smallest flagged failed_attempts ${flagged.join(", ")}).`
      );
    }
    case "content-softmax": {
      const rules = CONTENT_RULES.map((rule, r) => {
        const base = (model.ngrams.length + r) * model.classes.length;
        const attack = Math.max(...model.weights.slice(base + 1, base + model.classes.length));
        return `${rule.name} ${fmt(attack - model.weights[base]!)}`;
      });
      const checks = CONTENT_BOUNDARY_TEXTS.map((text) => {
        const p = contentPredict(model, text);
        return `${JSON.stringify(text)} -> ${p.label ? `blocked (${model.classes[p.category + 1]})` : "allowed"}`;
      });
      return (
        `${model.ngrams.length} character n-grams (1-${model.maxGram}) and ${model.ruleCount} rules; each rule's ` +
        `strongest attack-class weight minus its benign weight: ${rules.join(", ")}. ` +
        `Examples: ${checks.join("; ")}.`
      );
    }
    case "boosted-trees":
      return "A series model: its decision depends on each series' own history, not on one value.";
  }
}

function range(from: number, to: number, closedBelow: boolean): string {
  if (to === Number.POSITIVE_INFINITY) return `x > ${fmt(from)}`;
  return closedBelow ? `${fmt(from)} <= x <= ${fmt(to)}` : `${fmt(from)} < x <= ${fmt(to)}`;
}

function fmt(x: number): string {
  return Number(x.toPrecision(6)).toString();
}
