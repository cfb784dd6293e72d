/** Replays a generated population through the detector's own state code and reads its feature rows. */
import { featureRow } from "../../../lambdas/detection/login/login-features";
import { replaySignIns } from "../../../lambdas/detection/login/replay-sign-ins";
import type { SignInSignals } from "../../../lambdas/detection/login/sign-in-signals";
import type { Population } from "./sign-in-populations";

/** A population with each sign-in's signals and model input row, in time order. */
export interface PopulationFeatures {
  readonly population: Population;
  readonly signals: readonly SignInSignals[];
  readonly rows: readonly (readonly number[])[];
}

/** Replays every sign-in from empty state, exactly as the service would see them one after the other. */
export function populationFeatures(population: Population): PopulationFeatures {
  const { signals } = replaySignIns(
    population.signIns.map((s) => s.event),
    new Map(),
    new Map(),
  );
  return { population, signals, rows: signals.map(featureRow) };
}
