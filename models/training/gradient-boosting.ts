/**
 * Gradient-boosted regression trees for a binary target (logistic loss), grown level by level on
 * quantile histograms, as XGBoost's "hist" method does: each round fits one tree of depth <= maxDepth
 * to the gradient and hessian of the log-loss, with L2-regularised leaf values and a least hessian
 * per child. Split thresholds are feature values (float32), so `x <= threshold` gives the same
 * answer in float64 here, in the TypeScript reference and in onnxruntime's float32 tree ensemble.
 * Deterministic: row subsampling draws from the SeededRandom passed in; sums run in row order.
 */
import type { BoostedTreesModel, RegressionTree, RegressionTreeNode } from "../trained-model";
import type { SeededRandom } from "./random";

/** Hyperparameters, named as in XGBoost. */
export interface BoostingOptions {
  /** Number of trees. */
  readonly rounds: number;
  /** Deepest split level (a tree has at most 2^maxDepth leaves). */
  readonly maxDepth: number;
  /** Shrinkage applied to every leaf value (eta). */
  readonly learningRate: number;
  /** L2 penalty on leaf values (lambda). */
  readonly l2: number;
  /** Least sum of hessians in a child (min_child_weight). */
  readonly minChildWeight: number;
  /** Least loss reduction to make a split (gamma). */
  readonly minGain: number;
  /** Most histogram bins per feature. */
  readonly maxBins: number;
  /** Share of rows each tree is grown on (drawn without replacement). */
  readonly subsample: number;
}

/** A training set: row-major float32 features, 0/1 labels and a weight per row. */
export interface BoostingData {
  readonly features: Float32Array;
  readonly featureCount: number;
  readonly labels: Uint8Array;
  readonly weights: Float32Array;
}

/** The candidate thresholds of one feature: at most maxBins - 1 distinct quantiles of its values. */
export function binThresholds(values: Float32Array, maxBins: number): Float32Array {
  const sorted = Float32Array.from(values).sort();
  const cuts: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / maxBins))];
    // A threshold at the largest value splits nothing off; equal quantiles collapse into one.
    if (v < sorted[sorted.length - 1] && (cuts.length === 0 || v > cuts[cuts.length - 1])) cuts.push(v);
  }
  return Float32Array.from(cuts);
}

/** The bin of x: the first k with x <= thresholds[k], or thresholds.length. */
function binOf(thresholds: Float32Array, x: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (x <= thresholds[m]) hi = m;
    else lo = m + 1;
  }
  return lo;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Trains boosted trees on the data; returns the model with float32 thresholds and leaf values. */
export function trainBoostedTrees(
  data: BoostingData,
  options: BoostingOptions,
  random: SeededRandom,
): BoostedTreesModel {
  const { features, featureCount: F, labels, weights } = data;
  const n = labels.length;
  const column = new Float32Array(n);
  const thresholds: Float32Array[] = [];
  const bins = new Uint8Array(n * F);
  if (options.maxBins > 256) throw new Error("maxBins must be at most 256");
  for (let f = 0; f < F; f++) {
    for (let r = 0; r < n; r++) column[r] = features[r * F + f];
    const cuts = binThresholds(column, options.maxBins);
    thresholds.push(cuts);
    for (let r = 0; r < n; r++) bins[r * F + f] = binOf(cuts, column[r]);
  }
  const B = options.maxBins;

  let positive = 0;
  let total = 0;
  for (let r = 0; r < n; r++) {
    total += weights[r];
    if (labels[r] === 1) positive += weights[r];
  }
  const prior = Math.min(Math.max(positive / total, 1e-6), 1 - 1e-6);
  const baseScore = Math.fround(Math.log(prior / (1 - prior)));
  const margin = new Float64Array(n).fill(baseScore);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const nodeOf = new Int32Array(n);
  const trees: RegressionTree[] = [];

  for (let round = 0; round < options.rounds; round++) {
    for (let r = 0; r < n; r++) {
      const prob = sigmoid(margin[r]);
      gradient[r] = weights[r] * (prob - labels[r]);
      hessian[r] = weights[r] * Math.max(prob * (1 - prob), 1e-16);
    }
    // Rows outside the subsample sit in node -1 for this tree's growth.
    const inSample = sampleRows(n, options.subsample, random);
    for (let r = 0; r < n; r++) nodeOf[r] = inSample[r] ? 0 : -1;
    const tree = growTree(bins, thresholds, F, B, gradient, hessian, nodeOf, options);
    trees.push(tree);
    for (let r = 0; r < n; r++) margin[r] += leafValue(tree, features, r * F);
  }
  return { kind: "boosted-trees", featureCount: F, baseScore, trees };
}

function sampleRows(n: number, share: number, random: SeededRandom): Uint8Array {
  const keep = new Uint8Array(n);
  if (share >= 1) return keep.fill(1);
  for (let r = 0; r < n; r++) keep[r] = random.nextDouble() < share ? 1 : 0;
  return keep;
}

/** The leaf value a tree gives the row starting at features[offset]. */
function leafValue(tree: RegressionTree, features: Float32Array, offset: number): number {
  let node = tree.nodes[0];
  while (node.kind === "split") {
    node = tree.nodes[features[offset + node.feature] <= node.threshold ? node.left : node.right];
  }
  return node.value;
}

interface Split {
  readonly feature: number;
  readonly bin: number;
  readonly gain: number;
}

function growTree(
  bins: Uint8Array,
  thresholds: readonly Float32Array[],
  F: number,
  B: number,
  gradient: Float64Array,
  hessian: Float64Array,
  nodeOf: Int32Array,
  options: BoostingOptions,
): RegressionTree {
  const n = gradient.length;
  const maxNodes = 2 ** (options.maxDepth + 1);
  // Node ids are positions in `nodes`; growth is breadth-first. slotOf maps a node id to its place in
  // the current level's histograms (-1: not growing).
  const nodes: (RegressionTreeNode | undefined)[] = [undefined];
  const slotOf = new Int32Array(maxNodes).fill(-1);
  const rowsOf = new Int32Array(maxNodes);
  let level = [0];
  // The histogram of each node of the level; a child is either built from its rows or, for the larger
  // of two siblings, computed as parent minus sibling (XGBoost's subtraction trick).
  let levelHists: Float64Array[] = [buildHistograms(bins, F, B, gradient, hessian, nodeOf, [0], slotOf)[0]];
  for (let depth = 0; level.length > 0; depth++) {
    const next: number[] = [];
    const nextParents: Float64Array[] = [];
    const splitBin = new Int32Array(maxNodes).fill(-1);
    const splitFeature = new Int32Array(maxNodes);
    const leftOf = new Int32Array(maxNodes);
    level.forEach((id, k) => {
      const hist = levelHists[k];
      let G = 0;
      let H = 0;
      for (let b = 0; b < B; b++) {
        G += hist[b * 2];
        H += hist[b * 2 + 1];
      }
      const split = depth < options.maxDepth ? bestSplit(hist, F, B, thresholds, G, H, options) : undefined;
      if (split === undefined) {
        nodes[id] = { kind: "leaf", value: Math.fround((-G / (H + options.l2)) * options.learningRate) };
        return;
      }
      const left = nodes.length;
      nodes.push(undefined, undefined);
      const threshold = thresholds[split.feature][split.bin];
      nodes[id] = { kind: "split", feature: split.feature, threshold, left, right: left + 1 };
      splitBin[id] = split.bin;
      splitFeature[id] = split.feature;
      leftOf[id] = left;
      next.push(left, left + 1);
      nextParents.push(hist);
    });
    if (next.length === 0) break;
    for (const id of next) rowsOf[id] = 0;
    for (let r = 0; r < n; r++) {
      const id = nodeOf[r];
      if (id < 0 || splitBin[id] < 0) {
        nodeOf[r] = -1;
        continue;
      }
      // bin <= b exactly when x <= thresholds[b].
      const child = bins[r * F + splitFeature[id]] <= splitBin[id] ? leftOf[id] : leftOf[id] + 1;
      nodeOf[r] = child;
      rowsOf[child]++;
    }
    // Build the smaller child of each pair from its rows, the other by subtraction.
    const smaller: number[] = [];
    for (let j = 0; j < next.length; j += 2)
      smaller.push(rowsOf[next[j]] <= rowsOf[next[j + 1]] ? next[j] : next[j + 1]);
    const built = buildHistograms(bins, F, B, gradient, hessian, nodeOf, smaller, slotOf);
    levelHists = [];
    for (let j = 0; j < next.length; j += 2) {
      const parent = nextParents[j / 2];
      const small = built[j / 2];
      const other = new Float64Array(parent.length);
      for (let q = 0; q < other.length; q++) other[q] = parent[q] - small[q];
      if (smaller[j / 2] === next[j]) levelHists.push(small, other);
      else levelHists.push(other, small);
    }
    level = next;
  }
  return { nodes: nodes.map((node) => node ?? { kind: "leaf", value: 0 }) };
}

/** Gradient and hessian histograms (F x B x 2) of the rows in each of the given nodes. */
function buildHistograms(
  bins: Uint8Array,
  F: number,
  B: number,
  gradient: Float64Array,
  hessian: Float64Array,
  nodeOf: Int32Array,
  ids: readonly number[],
  slotOf: Int32Array,
): Float64Array[] {
  const hists = ids.map(() => new Float64Array(F * B * 2));
  slotOf.fill(-1);
  ids.forEach((id, k) => {
    slotOf[id] = k;
  });
  const n = gradient.length;
  for (let r = 0; r < n; r++) {
    const id = nodeOf[r];
    if (id < 0) continue;
    const k = slotOf[id];
    if (k < 0) continue;
    const hist = hists[k];
    const g = gradient[r];
    const h = hessian[r];
    const row = r * F;
    for (let f = 0; f < F; f++) {
      const idx = (f * B + bins[row + f]) * 2;
      hist[idx] += g;
      hist[idx + 1] += h;
    }
  }
  return hists;
}

function bestSplit(
  hist: Float64Array,
  F: number,
  B: number,
  thresholds: readonly Float32Array[],
  G: number,
  H: number,
  options: BoostingOptions,
): Split | undefined {
  const lambda = options.l2;
  const parent = (G * G) / (H + lambda);
  let best: Split | undefined;
  for (let f = 0; f < F; f++) {
    const cuts = thresholds[f].length;
    let gl = 0;
    let hl = 0;
    const base = f * B;
    for (let b = 0; b < cuts; b++) {
      gl += hist[(base + b) * 2];
      hl += hist[(base + b) * 2 + 1];
      const gr = G - gl;
      const hr = H - hl;
      if (hl < options.minChildWeight || hr < options.minChildWeight) continue;
      const gain = 0.5 * ((gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent) - options.minGain;
      if (gain > 0 && (best === undefined || gain > best.gain)) best = { feature: f, bin: b, gain };
    }
  }
  return best;
}
