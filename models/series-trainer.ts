/**
 * The series model: one boosted-trees scorer (series.onnx) shared by the catalog's series forms, each
 * with its own threshold. `npm run train` runs this through the model registry.
 *
 * Protocol (docs/models.md, "Series detectors"):
 * - the scorer learns only from generated series (SeededRandom(SERIES_SEEDS.training)): normal patterns
 *   with injected anomalies, labelled where each anomaly is visible (series-training-set.ts). No NAB
 *   data reaches it;
 * - each detector's threshold is chosen on nab-dev (all 41 files, NAB's standard profile at that fixed
 *   threshold, averaged with the two candidates either side) among those that keep false alerts on
 *   generated anomaly-free series of the detector's kind (a second seed), and on CloudWatch-like
 *   anomaly-free series of its kind at 5 and at 1 minute (their tuning seed; cloudwatch-like-series.ts,
 *   never training data), each at or below FALSE_ALERT_BUDGET per resource-week;
 * - held-out figures (NAB categories left out in turn, a third seed of generated series) come from
 *   scripts/series-evaluate.ts, never from the data the choices were made on.
 */
import { DETECTORS, type DetectorSpec } from "../lambdas/catalog";
import { FEATURE_COUNT, FEATURE_NAMES } from "../lambdas/detection/series/series-features";
import {
  DECISION_RULES,
  FEATURE_SET,
  SERIES_DECISION_PARAMETERS,
  type SeriesDecisionParameters,
  type SeriesSettings,
} from "../lambdas/detection/series/series-settings";
import type { ServedModel, TrainedArtifact } from "./model-registry";
import type { BoostedTreesModel } from "./trained-model";
import { type BoostingOptions, trainBoostedTrees } from "./training/gradient-boosting";
import { SeededRandom } from "./training/random";
import { CLOUDWATCH_SEEDS, cloudWatchLikeSet } from "./training/series/cloudwatch-like-series";
import { type NabSeries, readNabDev } from "./training/series/nab-dev";
import { NAB_PROFILES, nabNormalised } from "./training/series/nab-scoring";
import {
  alertsOf,
  type EvidencedSeries,
  nabScoreOf,
  prepareSeries,
  type ScoredSeries,
  scoresAt,
  withEvidence,
} from "./training/series/series-evaluation";
import {
  labelledFeatures,
  trainingRows,
  VISIBLE_NOISES,
  VISIBLE_S,
} from "./training/series/series-training-set";
import {
  type GeneratedSeries,
  generateSeries,
  SERIES_FAMILIES,
  type SeriesFamily,
} from "./training/series/synthetic-series";

/** File of the series scorer. */
export const SERIES_MODEL_FILE = "series.onnx";

/** Seeds: training series, threshold-tuning series, held-out series (the evaluation script's). */
export const SERIES_SEEDS = { training: 1, tuning: 2, heldOut: 3 } as const;

/** The scorer's hyperparameters. */
export const SERIES_BOOSTING: BoostingOptions = {
  rounds: 60,
  maxDepth: 4,
  learningRate: 0.15,
  l2: 1,
  minChildWeight: 50,
  minGain: 0,
  maxBins: 64,
  subsample: 0.7,
};

/** Generated training series, and one normal row in NORMAL_STRIDE kept. */
const TRAINING_SERIES = 800;
const NORMAL_STRIDE = 24;

/** Most false alerts per resource-week allowed on the tuning series when choosing a threshold. */
export const FALSE_ALERT_BUDGET = 1;

/** Candidate thresholds: 0.30 to 0.90 in steps of 0.01 (as float32). */
export const THRESHOLD_CANDIDATES: readonly number[] = Array.from({ length: 61 }, (_, k) =>
  Math.fround(0.3 + k / 100),
);

/** A detector's series form: its detector, the model id and the generated family it is tuned on. */
export interface SeriesFormModel {
  readonly detector: DetectorSpec;
  readonly modelId: string;
  readonly family: SeriesFamily;
}

/** The generated family a detector's series are tuned on: the family of its name (a model concern). */
export function seriesFamilyOf(detector: string): SeriesFamily {
  const family = SERIES_FAMILIES.find((f) => f === detector);
  if (!family) throw new Error(`no generated series family for detector ${detector}'s series form`);
  return family;
}

/**
 * The series models this trainer writes, in catalog order: one per series form in the detector
 * catalog (its model id is the form's), each tuned on generated series of its detector's kind.
 */
export function seriesFormModels(): SeriesFormModel[] {
  const detectors: readonly DetectorSpec[] = DETECTORS;
  return detectors.flatMap((detector) =>
    detector.forms.flatMap((form) =>
      form.kind === "series"
        ? [{ detector, modelId: form.model, family: seriesFamilyOf(detector.name) }]
        : [],
    ),
  );
}

/** Generated series: `count` of them, families in turn, 3-14 days at 5 minutes or 3-5 days at 1 minute. */
export function generatedSet(
  seed: number,
  count: number,
  options: { anomalies?: number; days?: number; stepS?: number; families?: readonly SeriesFamily[] } = {},
): GeneratedSeries[] {
  const random = new SeededRandom(seed);
  const families = options.families ?? SERIES_FAMILIES;
  return Array.from({ length: count }, (_, k) => {
    const stepS = options.stepS ?? (random.nextDouble() < 0.5 ? 60 : 300);
    // A day at one minute has five times the points of a day at five: shorter 1-minute series keep
    // the two rates balanced in the training rows and the training fast.
    const days = options.days ?? (stepS === 60 ? 3 + random.nextInt(3) : 3 + random.nextInt(12));
    return generateSeries(random, `generated-${seed}-${k}`, {
      family: families[k % families.length],
      days,
      stepS,
      anomalies: options.anomalies ?? random.nextInt(4),
    });
  });
}

/** Anomaly-free generated series of one kind: 20 of 14 days at 5 minutes (or `stepS`). */
export function normalSeries(seed: number, family: SeriesFamily, stepS = 300): GeneratedSeries[] {
  return generatedSet(seed, 20, { anomalies: 0, days: 14, stepS, families: [family] });
}

/** The threshold objective averages NAB's score over this many candidates either side. */
const PLATEAU = 2;

/** History (seconds) before alerts on a series count as false alerts. */
export const ALERT_HISTORY_S = 2 * 86_400;

/** Trains the scorer on generated series (another seed only to measure how much the seed matters). */
export function trainSeriesScorer(seed: number = SERIES_SEEDS.training): BoostedTreesModel {
  const series = generatedSet(seed, TRAINING_SERIES);
  const data = trainingRows(series.map(labelledFeatures), NORMAL_STRIDE);
  return trainBoostedTrees(data, SERIES_BOOSTING, new SeededRandom(seed));
}

/** The settings of a threshold (with the shipped post-processing parameters, or others to compare). */
export function settingsAt(
  threshold: number,
  parameters: SeriesDecisionParameters = SERIES_DECISION_PARAMETERS,
): SeriesSettings {
  return { ...parameters, threshold };
}

/** What the threshold choice found for one detector. */
export interface ThresholdChoice {
  readonly threshold: number;
  /** NAB standard score on all of nab-dev at that threshold. */
  readonly nabDevStandard: number;
  /** False alerts per resource-week on the tuning series of the detector's kind. */
  readonly falseAlertsPerWeek: number;
  /** The same on the CloudWatch-like tuning series of its kind, at 5 and at 1 minute. */
  readonly cloudWatchLikeFalseAlertsPerWeek: readonly [number, number];
}

/** The CloudWatch-like tuning sets the threshold rule counts the budget on: 5- and 1-minute steps. */
export const CLOUDWATCH_TUNING_STEPS_S = [300, 60] as const;

/** Features and raw scores of the tuning series, per scorer (they do not depend on the decision). */
const TUNING_CACHE = new WeakMap<BoostedTreesModel, Map<string, ScoredSeries[]>>();

function preparedTuning(
  model: BoostedTreesModel,
  key: string,
  set: () => readonly GeneratedSeries[],
): ScoredSeries[] {
  let sets = TUNING_CACHE.get(model);
  if (!sets) {
    sets = new Map();
    TUNING_CACHE.set(model, sets);
  }
  let prepared = sets.get(key);
  if (!prepared) {
    prepared = set().map((g) => prepareSeries(model, g.timestamps, g.values));
    sets.set(key, prepared);
  }
  return prepared;
}

/**
 * Chooses every series form's threshold (see the protocol above) on some NAB series (default: all of
 * nab-dev), for the shipped post-processing parameters or others (the evaluation's ablations).
 */
export function chooseThresholds(
  model: BoostedTreesModel,
  nabSeries: readonly NabSeries[] = readNabDev(),
  parameters: SeriesDecisionParameters = SERIES_DECISION_PARAMETERS,
): Map<string, ThresholdChoice> {
  const nab = nabSeries.map((s) => ({
    windows: s.windows,
    series: withEvidence(prepareSeries(model, s.timestamps, s.values), parameters),
  }));
  const nabByThreshold = THRESHOLD_CANDIDATES.map((threshold) => {
    const results = nab.map(({ windows, series }) =>
      nabScoreOf(scoresAt(series, threshold, parameters), windows, threshold, NAB_PROFILES.standard),
    );
    return nabNormalised(results, NAB_PROFILES.standard) ?? 0;
  });
  // The objective is NAB's score averaged over the neighbouring candidates (a plateau, not a spike):
  // with 86 windows one window moves the score by about a point, so a lone peak is mostly luck.
  const plateau = nabByThreshold.map((_, k) => {
    const around = nabByThreshold.slice(Math.max(0, k - PLATEAU), k + PLATEAU + 1);
    return around.reduce((a, b) => a + b, 0) / around.length;
  });
  const choices = new Map<string, ThresholdChoice>();
  for (const form of seriesFormModels()) {
    const evidenced = (key: string, set: () => readonly GeneratedSeries[]) =>
      preparedTuning(model, key, set).map((p) => withEvidence(p, parameters));
    const tuning = evidenced(`${form.family}`, () => normalSeries(SERIES_SEEDS.tuning, form.family));
    const cloudWatchLike = CLOUDWATCH_TUNING_STEPS_S.map((stepS) =>
      evidenced(`cloudwatch-like ${form.family} ${stepS}`, () =>
        cloudWatchLikeSet(CLOUDWATCH_SEEDS.tuning, form.family, stepS),
      ),
    );
    const rateAt = (set: readonly EvidencedSeries[], threshold: number) => {
      let alerts = 0;
      let weeks = 0;
      for (const s of set) {
        const r = alertsOf(s.timestamps, scoresAt(s, threshold, parameters), threshold, ALERT_HISTORY_S);
        alerts += r.alerts;
        weeks += r.weeks;
      }
      return weeks > 0 ? alerts / weeks : 0;
    };
    let best: ThresholdChoice | undefined;
    let bestPlateau = Number.NEGATIVE_INFINITY;
    THRESHOLD_CANDIDATES.forEach((threshold, k) => {
      const rate = rateAt(tuning, threshold);
      if (rate > FALSE_ALERT_BUDGET) return;
      const [five, one] = cloudWatchLike.map((set) => rateAt(set, threshold));
      if (five > FALSE_ALERT_BUDGET || one > FALSE_ALERT_BUDGET) return;
      // Ties keep the higher threshold (fewer alerts for the same score).
      if (!best || plateau[k] >= bestPlateau) {
        best = {
          threshold,
          nabDevStandard: nabByThreshold[k],
          falseAlertsPerWeek: rate,
          cloudWatchLikeFalseAlertsPerWeek: [five, one],
        };
        bestPlateau = plateau[k];
      }
    });
    if (!best) throw new Error(`no threshold keeps ${form.modelId}'s false alerts within budget`);
    choices.set(form.modelId, best);
  }
  return choices;
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

/** The scorer's recipe in words (the manifest's `recipe` and the ONNX file's doc string). */
export function seriesRecipe(): string {
  return (
    `Gradient-boosted trees (logistic loss; ${SERIES_BOOSTING.rounds} trees of depth <= ${SERIES_BOOSTING.maxDepth}, ` +
    `learning rate ${SERIES_BOOSTING.learningRate}, L2 ${SERIES_BOOSTING.l2}, min child hessian ${SERIES_BOOSTING.minChildWeight}, ` +
    `${SERIES_BOOSTING.maxBins} quantile bins, row subsample ${SERIES_BOOSTING.subsample}) on ${FEATURE_COUNT} causal, ` +
    `scale-free features per point (${FEATURE_SET}: ${FEATURE_NAMES.join(", ")}). Output: the probability that the ` +
    "point is part of a visible anomaly (Sigmoid of the trees' summed log-odds)."
  );
}

/** The trained series file and the model ids it serves. */
export function seriesModelArtifact(): TrainedArtifact {
  const model = trainSeriesScorer();
  const choices = chooseThresholds(model);
  const serves: Record<string, ServedModel> = {};
  for (const form of seriesFormModels()) {
    const choice = choices.get(form.modelId)!;
    serves[form.modelId] = {
      decision: {
        output: "score",
        operator: ">=",
        threshold: choice.threshold,
        description:
          `A point is an anomaly when its series score >= ${choice.threshold}. The graph's output "score" is the scorer's ` +
          "raw probability per point; the series score (0..1) comes from the post-processing in lambdas/detection/series " +
          "(anomaly likelihood against the series' own recent scores, new-extreme rule, red filter, quiet period) " +
          `with the parameters in "series".`,
      },
      boundaries:
        `Threshold chosen on nab-dev (NAB standard ${round(choice.nabDevStandard, 1)} at this threshold, all 41 files) ` +
        `among those with at most ${FALSE_ALERT_BUDGET} false alerts per resource-week on generated anomaly-free ` +
        `${form.family} series (${round(choice.falseAlertsPerWeek, 2)} here) and on CloudWatch-like anomaly-free ${form.family} ` +
        `series at 5 and 1 minutes (${choice.cloudWatchLikeFalseAlertsPerWeek.map((r) => round(r, 2)).join(" and ")}). ` +
        "The decision depends on each series' history: " +
        "there is no fixed cut on the value.",
      series: { featureSet: FEATURE_SET, decisionRules: DECISION_RULES, ...SERIES_DECISION_PARAMETERS },
    };
  }
  return {
    model,
    recipe: seriesRecipe(),
    trainingData:
      `${TRAINING_SERIES} generated series (models/training/series/synthetic-series.ts, SeededRandom(${SERIES_SEEDS.training})): ` +
      "cpu, network and storage kinds, 3-14 days at 1 or 5 minutes, daily and weekly patterns, trends, noise of many sizes " +
      "and colours, nightly bursts, gaps and jitter, with 0-3 injected anomalies each (spike, dip, level shift, variance " +
      "change, saturation, drop to zero, trend, flat-line; half of the spikes, dips, shifts and trends small, 2-12 local " +
      `spreads). Rows: every point where an anomaly is visible (off its clean value by more than ${VISIBLE_NOISES} noises, ` +
      `within ${VISIBLE_S / 3_600} h of its start; the onset of a flat-line or variance change) with label 1, and one in ` +
      `${NORMAL_STRIDE} normal points (label 0, weight ${NORMAL_STRIDE}). No NAB data.`,
    serves,
  };
}
