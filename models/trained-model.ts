/**
 * The trained models as plain data: what a trainer produces, what the ONNX exporters turn into
 * graphs and what the TypeScript reference implementations evaluate. Every number here is
 * already rounded the way the ONNX graph stores it (float32), so the exporters and the
 * references read identical parameters.
 */

/** One isolation tree as a flat node list in pre-order; node 0 is the root. */
export interface IsolationTree {
  readonly nodes: readonly IsolationTreeNode[];
}

/** A split (x <= threshold goes left) or a leaf carrying the path length it stands for. */
export type IsolationTreeNode =
  | { readonly kind: "split"; readonly threshold: number; readonly left: number; readonly right: number }
  | { readonly kind: "leaf"; readonly pathLength: number };

/** An isolation forest over one feature, scored like scikit-learn: 2^(-mean path length / c(psi)). */
export interface IsolationForestModel {
  readonly kind: "isolation-forest";
  readonly trees: readonly IsolationTree[];
  /** psi, the number of samples each tree was grown on. */
  readonly sampleSize: number;
  /** c(psi), the average path length of an unsuccessful BST search over psi samples (float32). */
  readonly pathLengthNormaliser: number;
  /** A score above this (float32) is an anomaly; it is minus scikit-learn's offset_. */
  readonly threshold: number;
}

/** Two k-means centres over one feature; the anomaly cluster is the high one. */
export interface TwoMeansModel {
  readonly kind: "two-means";
  /** Cluster centres, low (normal) first. */
  readonly centres: readonly [number, number];
  /** The largest float32 not above the centres' midpoint: x > midpoint iff x is nearer the high centre. */
  readonly midpoint: number;
}

/** A binary logistic regression on numeric features (float32 weights). */
export interface LogisticModel {
  readonly kind: "logistic";
  readonly weights: readonly number[];
  readonly intercept: number;
}

/**
 * The content detector: character n-gram counts (scaled by 1 / sqrt(their total)) and rule
 * features into a softmax over classes; class 0 is benign, the rest are blocked categories.
 */
export interface ContentClassifierModel {
  readonly kind: "content-softmax";
  /** Class names in output order; index 0 is the benign class. */
  readonly classes: readonly string[];
  /** The n-gram vocabulary (ASCII, 1 to maxGram code points), grouped by length, shortest first. */
  readonly ngrams: readonly string[];
  readonly maxGram: number;
  /** How many rule features follow the n-grams (models/content-rules.ts, in order). */
  readonly ruleCount: number;
  /** Row-major (ngrams + rules) x classes weights (float32). */
  readonly weights: readonly number[];
  /** One bias per class (float32). */
  readonly biases: readonly number[];
  /** Blocked when score = log(sum of attack-class odds against benign) exceeds this (float32). */
  readonly threshold: number;
}

/** Any trained model. */
export type TrainedModel =
  | IsolationForestModel
  | TwoMeansModel
  | LogisticModel
  | ContentClassifierModel
  | BoostedTreesModel;

/** A split (x[feature] <= threshold goes left) or a leaf adding its value to the margin. */
export type RegressionTreeNode =
  | {
      readonly kind: "split";
      readonly feature: number;
      readonly threshold: number;
      readonly left: number;
      readonly right: number;
    }
  | { readonly kind: "leaf"; readonly value: number };

/** One regression tree as a flat node list; node 0 is the root. */
export interface RegressionTree {
  readonly nodes: readonly RegressionTreeNode[];
}

/** Boosted trees for a binary target: probability = sigmoid(baseScore + sum of the trees' leaf values). */
export interface BoostedTreesModel {
  readonly kind: "boosted-trees";
  readonly featureCount: number;
  /** The starting margin (log-odds of the weighted positive share), float32. */
  readonly baseScore: number;
  readonly trees: readonly RegressionTree[];
}
