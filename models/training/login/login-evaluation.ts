/**
 * Measures a login-events model on generated populations: the share of routine sign-ins flagged
 * after the week of history, and per attack kind the share of scenarios with at least one flagged
 * event and the share of decisive attack events flagged.
 */
import { LOGIN_FEATURES } from "../../../lambdas/detection/login/login-features";
import { logisticScore } from "../../reference/logistic";
import type { LogisticModel } from "../../trained-model";
import { ATTACK_KINDS, type AttackKind } from "./attack-scenarios";
import type { PopulationFeatures } from "./population-features";

/** How a model did on one attack kind. */
export interface KindFigures {
  readonly scenarios: number;
  readonly scenariosFlagged: number;
  readonly decisiveEvents: number;
  readonly decisiveFlagged: number;
}

/** How a model did on some populations. */
export interface Evaluation {
  readonly routineAfterWeek: number;
  readonly routineFlagged: number;
  /** Routine events flagged by the reason they carried, for the analysis (e.g. "new_network"). */
  readonly falseAlarmsBySignal: Readonly<Record<string, number>>;
  readonly kinds: Readonly<Record<AttackKind, KindFigures>>;
}

/** The model's decision on one feature row: logit > 0 (the threshold is folded into the intercept). */
export function flagged(model: LogisticModel, row: readonly number[]): boolean {
  return logisticScore(model, row) > 0;
}

/** Evaluates a model on populations whose features are already computed. */
export function evaluate(model: LogisticModel, populations: readonly PopulationFeatures[]): Evaluation {
  let routineAfterWeek = 0;
  let routineFlagged = 0;
  const falseAlarmsBySignal: Record<string, number> = {};
  const kinds = Object.fromEntries(
    ATTACK_KINDS.map((k) => [
      k,
      { scenarios: 0, scenariosFlagged: 0, decisiveEvents: 0, decisiveFlagged: 0 },
    ]),
  ) as Record<
    AttackKind,
    { scenarios: number; scenariosFlagged: number; decisiveEvents: number; decisiveFlagged: number }
  >;
  for (const population of populations) {
    const scenarioHit = new Array<boolean>(population.population.scenarios.length).fill(false);
    population.population.signIns.forEach((signIn, i) => {
      const row = population.rows[i]!;
      const hit = flagged(model, row);
      if (signIn.kind === "routine") {
        if (!signIn.afterWeek) return;
        routineAfterWeek += 1;
        if (hit) {
          routineFlagged += 1;
          // The largest contribution names the false alarm's main signal.
          let best = "";
          let bestValue = 0;
          model.weights.forEach((w, j) => {
            if (w * row[j]! > bestValue) {
              bestValue = w * row[j]!;
              best = LOGIN_FEATURES[j]!.name;
            }
          });
          falseAlarmsBySignal[best] = (falseAlarmsBySignal[best] ?? 0) + 1;
        }
        return;
      }
      if (hit) scenarioHit[signIn.scenario] = true;
      if (signIn.decisive) {
        kinds[signIn.kind].decisiveEvents += 1;
        if (hit) kinds[signIn.kind].decisiveFlagged += 1;
      }
    });
    population.population.scenarios.forEach((kind, index) => {
      kinds[kind].scenarios += 1;
      if (scenarioHit[index]) kinds[kind].scenariosFlagged += 1;
    });
  }
  return { routineAfterWeek, routineFlagged, falseAlarmsBySignal, kinds };
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)} %`;
}

/** The evaluation as a Markdown table. */
export function evaluationTable(evaluation: Evaluation): string {
  const lines = [
    "| attack kind | scenarios flagged | decisive events flagged |",
    "|---|---|---|",
    ...ATTACK_KINDS.map((kind) => {
      const k = evaluation.kinds[kind];
      return `| ${kind} | ${k.scenariosFlagged} / ${k.scenarios} (${percent(k.scenariosFlagged, k.scenarios)}) | ${k.decisiveFlagged} / ${k.decisiveEvents} (${percent(k.decisiveFlagged, k.decisiveEvents)}) |`;
    }),
  ];
  const all = ATTACK_KINDS.reduce(
    (sum, kind) => ({
      s: sum.s + evaluation.kinds[kind].scenarios,
      f: sum.f + evaluation.kinds[kind].scenariosFlagged,
    }),
    { s: 0, f: 0 },
  );
  lines.push(`| **all attacks** | ${all.f} / ${all.s} (${percent(all.f, all.s)}) | |`);
  lines.push(
    `| **routine sign-ins after a week** (false alarms) | ${evaluation.routineFlagged} / ${evaluation.routineAfterWeek} (${percent(evaluation.routineFlagged, evaluation.routineAfterWeek)}) | |`,
  );
  return lines.join("\n");
}
