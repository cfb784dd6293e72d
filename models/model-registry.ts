/**
 * Every model `npm run train` writes: one trainer per ONNX file, each serving one or more manifest
 * model ids (a detector's reading model, or a form's model; several detectors may share one file
 * with a threshold each). A test holds this list to the catalog's model ids.
 */
import { DETECTORS, type DetectorForm, modelFileOf, readingModelOf } from "../lambdas/catalog";
import type { SeriesModelParameters } from "../lambdas/detection/series/series-settings";
import type { DecisionRule } from "./manifest-schema";
import { SERIES_MODEL_FILE, seriesModelArtifact } from "./series-trainer";
import type { TrainedModel } from "./trained-model";
import { readingModelArtifact } from "./trainers";
import { loginEventsArtifact } from "./training/login/login-events-artifact";

/** What one manifest model id served by a trained file says about its decision. */
export interface ServedModel {
  readonly decision: DecisionRule;
  /** The readings the model calls normal, where that is one range. */
  readonly expected?: readonly [number, number];
  /** Where the decision flips across the input range, in words. */
  readonly boundaries: string;
  /** Series models: the feature set and post-processing parameters (manifest `series`). */
  readonly series?: SeriesModelParameters;
}

/** One trained file and the model ids it serves. */
export interface TrainedArtifact {
  readonly model: TrainedModel;
  /** The algorithm and hyperparameters, in words. */
  readonly recipe: string;
  /** The training data, how it was generated and its seed, in words. */
  readonly trainingData: string;
  /** Manifest model id to its decision; in manifest order. */
  readonly serves: Readonly<Record<string, ServedModel>>;
}

/** Trains one ONNX file. */
export interface ModelTrainer {
  /** File name inside models/ (and below the S3 models/ prefix). */
  readonly file: string;
  readonly train: () => TrainedArtifact;
}

/** The series scorer: one file serving every series form of the catalog (each with its threshold). */
const SERIES_TRAINER: ModelTrainer = { file: SERIES_MODEL_FILE, train: seriesModelArtifact };

/** Trainers of the other forms' models, by manifest model id. */
const FORM_TRAINERS: Readonly<Record<string, ModelTrainer>> = {
  "login-events": { file: "login-events.onnx", train: () => loginEventsArtifact("login-events") },
};

/** The trainer of a form's model: the series trainer for every series form, else by model id. */
function formTrainerOf(form: DetectorForm): ModelTrainer {
  if (form.kind === "series") return SERIES_TRAINER;
  const trainer = FORM_TRAINERS[form.model];
  if (!trainer) throw new Error(`no trainer is registered for model ${form.model}`);
  return trainer;
}

/**
 * Every trainer, in manifest order: each detector's reading model, then its forms' models, in
 * catalog order; a trainer serving several forms is listed (and run) once.
 */
export const MODEL_TRAINERS: readonly ModelTrainer[] = [
  ...new Set(
    DETECTORS.flatMap((detector): ModelTrainer[] => [
      { file: modelFileOf(detector), train: () => readingModelArtifact(detector, readingModelOf(detector)) },
      ...detector.forms.map(formTrainerOf),
    ]),
  ),
];
