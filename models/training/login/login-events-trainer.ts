/**
 * Trains the login-events model: an L2 logistic regression over the detector's features, fitted on
 * the training populations' routine sign-ins (label 0, weight 1) and decisive attack events (label
 * 1). Each scenario weighs SCENARIO_WEIGHT in all, shared among its decisive events, so that a
 * one-event take-over counts as much as a 100-attempt burst: the goal is scenarios caught. The
 * first failures of a burst are left out: they are neither attacks one can tell from typos nor
 * false alarms. The decision threshold is then set so that at most ROUTINE_ALARM_BUDGET of routine
 * sign-ins after the first week are flagged, and folded into the intercept: anomaly = logit > 0,
 * so probability > 0.5 means flagged.
 */
import { LOGIN_FEATURES } from "../../../lambdas/detection/login/login-features";
import { logisticScore } from "../../reference/logistic";
import type { LogisticModel } from "../../trained-model";
import { fitDampedLogistic } from "./damped-logistic";
import { type PopulationFeatures, populationFeatures } from "./population-features";
import { generatePopulation, type PopulationSettings, TRAINING_POPULATIONS } from "./sign-in-populations";

/** Inverse regularisation strength of the fit. */
export const LOGIN_EVENTS_C = 1.0;

/** Share of routine sign-ins after the week of history the threshold may flag on training data. */
export const ROUTINE_ALARM_BUDGET = 0.004;

/** Total sample weight of one attack scenario (a routine sign-in weighs 1). */
export const SCENARIO_WEIGHT = 20;

/** The trained model and what it was trained on. */
export interface LoginEventsTraining {
  readonly model: LogisticModel;
  /** Logit threshold found on the training data (already folded into the intercept). */
  readonly threshold: number;
  /** Rows used for the fit, and how many were attacks. */
  readonly rows: number;
  readonly attackRows: number;
  readonly populations: readonly PopulationFeatures[];
}

/** Generates and replays populations. */
export function featuresOfPopulations(settings: readonly PopulationSettings[]): PopulationFeatures[] {
  return settings.map((s) => populationFeatures(generatePopulation(s)));
}

/** Trains the model on the training populations (deterministic: same data, same bytes). */
export function trainLoginEvents(
  populations = featuresOfPopulations(TRAINING_POPULATIONS),
): LoginEventsTraining {
  const rows: (readonly number[])[] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  for (const { population, rows: features } of populations) {
    const decisive = new Array<number>(population.scenarios.length).fill(0);
    for (const s of population.signIns) if (s.decisive) decisive[s.scenario]! += 1;
    population.signIns.forEach((signIn, i) => {
      if (signIn.kind === "routine") {
        rows.push(features[i]!);
        labels.push(0);
        weights.push(1);
      } else if (signIn.decisive) {
        rows.push(features[i]!);
        labels.push(1);
        weights.push(SCENARIO_WEIGHT / decisive[signIn.scenario]!);
      }
    });
  }
  const fit = fitDampedLogistic(rows, labels, weights, LOGIN_EVENTS_C);
  const raw: LogisticModel = {
    kind: "logistic",
    weights: fit.weights.map(Math.fround),
    intercept: Math.fround(fit.intercept),
  };
  const routineScores = populations
    .flatMap(({ population, rows: features }) =>
      population.signIns.flatMap((s, i) =>
        s.kind === "routine" && s.afterWeek ? [logisticScore(raw, features[i]!)] : [],
      ),
    )
    .sort((a, b) => b - a);
  // The threshold sits just above the budget's worth of highest routine scores, and never below 0.
  const allowed = Math.floor(routineScores.length * ROUTINE_ALARM_BUDGET);
  const threshold = Math.max(0, routineScores[allowed] ?? 0);
  const model: LogisticModel = { ...raw, intercept: Math.fround(raw.intercept - threshold) };
  if (model.weights.length !== LOGIN_FEATURES.length)
    throw new Error("login-events model has the wrong width");
  return {
    model,
    threshold,
    rows: rows.length,
    attackRows: labels.filter((l) => l === 1).length,
    populations,
  };
}
