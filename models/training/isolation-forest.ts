/**
 * Isolation forest training as scikit-learn 1.x builds it (IsolationForest with ExtraTreeRegressor
 * trees): each tree grows on psi = min(256, n) samples drawn without replacement, to a depth of at
 * most ceil(log2(psi)); every split uses a threshold drawn uniformly between the node's minimum and
 * maximum; a leaf stands for its depth plus c(size). The data are float32, as scikit-learn converts
 * them. No library implements this in TypeScript, hence the hand-written version.
 */
import { float32AtOrBelow } from "../float32";
import { isolationForestScore } from "../reference/isolation-forest";
import type { IsolationForestModel, IsolationTree, IsolationTreeNode } from "../trained-model";
import type { SeededRandom } from "./random";

const EULER_GAMMA = 0.5772156649015329;

/** Hyperparameters, named as in scikit-learn. */
export interface IsolationForestOptions {
  /** Number of trees (scikit-learn default 100). */
  readonly nEstimators: number;
  /** Samples per tree before the min(., n) cap (scikit-learn "auto" = 256). */
  readonly maxSamples: number;
  /** Expected share of anomalies; sets the threshold at this training-score percentile. */
  readonly contamination: number;
}

/** c(n): average path length of an unsuccessful binary-search-tree lookup among n points (scikit-learn's _average_path_length). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** Trains an isolation forest on one feature and sets its threshold from the contamination. */
export function trainIsolationForest(
  values: readonly number[],
  options: IsolationForestOptions,
  random: SeededRandom,
): IsolationForestModel {
  const data = values.map((v) => Math.fround(v));
  const sampleSize = Math.min(options.maxSamples, data.length);
  const maxDepth = Math.ceil(Math.log2(Math.max(sampleSize, 2)));
  const trees = Array.from({ length: options.nEstimators }, () => {
    const sample = random.sampleWithoutReplacement(data.length, sampleSize).map((i) => data[i]);
    return growTree(sample, maxDepth, random);
  });
  const unthresholded: IsolationForestModel = {
    kind: "isolation-forest",
    trees,
    sampleSize,
    pathLengthNormaliser: Math.fround(averagePathLength(sampleSize)),
    threshold: Number.POSITIVE_INFINITY,
  };
  // scikit-learn: offset_ = percentile(score_samples(X), 100 * contamination), and score_samples is
  // minus the anomaly score, so an anomaly is a score above -offset_.
  const negatedScores = data.map((x) => -isolationForestScore(unthresholded, x));
  const offset = percentile(negatedScores, 100 * options.contamination);
  return { ...unthresholded, threshold: Math.fround(-offset) };
}

function growTree(sample: readonly number[], maxDepth: number, random: SeededRandom): IsolationTree {
  const nodes: IsolationTreeNode[] = [];
  const grow = (values: readonly number[], depth: number): number => {
    const id = nodes.length;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (depth >= maxDepth || values.length <= 1 || min === max) {
      nodes.push({ kind: "leaf", pathLength: Math.fround(depth + averagePathLength(values.length)) });
      return id;
    }
    let threshold = min + (max - min) * random.nextDouble();
    if (threshold === max) threshold = min; // as scikit-learn's random splitter does
    // Stored as the largest float32 not above the float64 threshold: for float32 inputs the
    // comparison x <= threshold then gives exactly scikit-learn's answer, in ORT's float32 too.
    const stored = float32AtOrBelow(threshold);
    const placeholder = { kind: "split" as const, threshold: stored, left: -1, right: -1 };
    nodes.push(placeholder);
    const left = grow(
      values.filter((v) => v <= stored),
      depth + 1,
    );
    const right = grow(
      values.filter((v) => v > stored),
      depth + 1,
    );
    nodes[id] = { ...placeholder, left, right };
    return id;
  };
  grow(sample, 0);
  return { nodes };
}

/** numpy.percentile with its default linear interpolation. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = ((sorted.length - 1) * q) / 100;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}
