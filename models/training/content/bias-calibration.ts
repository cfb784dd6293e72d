/**
 * The content model's threshold, chosen on the validation split and folded into the biases: the
 * attack classes' biases move up by a multiple of STEP, as far as the false-positive shares allow,
 * to the most recall (all attacks, plus the worst class). "shared" moves every attack class by the
 * same amount (a threshold on the score); "per-class" searches one move per class, class by class
 * (a per-class threshold). Either way the graph is unchanged and blocked still means score > 0.
 * Deterministic: a fixed grid in a fixed order, ties to the smallest move.
 */
import { attackScore } from "../../reference/content-classifier";
import type { LabelledText } from "./content-corpus";

/** False-positive limits the offsets must respect on the texts they are chosen on. */
export interface CalibrationLimits {
  /** Largest share of realistic benign texts (every benign source but "tricky") that may be blocked. */
  readonly realistic: number;
  /** Largest share of tricky benign texts that may be blocked. */
  readonly tricky: number;
}

/** One move for all attack classes, or one per class. */
export type CalibrationMode = "shared" | "per-class";

/** The grid: moves from -MAX_MOVE to +MAX_MOVE in steps of STEP, smallest first. */
const STEP = 0.25;
const MAX_MOVE = 3;
const GRID = Array.from({ length: (2 * MAX_MOVE) / STEP + 1 }, (_, i) => -MAX_MOVE + i * STEP).sort(
  (a, b) => Math.abs(a) - Math.abs(b) || a - b,
);
/** Rounds of the per-class search (later rounds revisit a class after the others moved). */
const ROUNDS = 3;

/** How a set of offsets does on labelled texts: blocked shares and recall. */
export interface CalibrationOutcome {
  readonly realistic: number;
  readonly tricky: number;
  readonly recall: number;
  readonly worstClass: number;
}

/** Measures bias offsets (index 0, benign, stays 0) on texts whose class logits are known. */
export function calibrationOutcome(
  logits: readonly (readonly number[])[],
  texts: readonly LabelledText[],
  offsets: readonly number[],
): CalibrationOutcome {
  const k = offsets.length;
  const hits = new Array<number>(k).fill(0);
  const totals = new Array<number>(k).fill(0);
  const benign = { realistic: 0, realisticTotal: 0, tricky: 0, trickyTotal: 0 };
  logits.forEach((row, i) => {
    const blocked = attackScore(row.map((z, c) => z + offsets[c]!)) > 0;
    const text = texts[i]!;
    if (text.label === 0 && text.source === "tricky") {
      benign.trickyTotal += 1;
      if (blocked) benign.tricky += 1;
    } else if (text.label === 0) {
      benign.realisticTotal += 1;
      if (blocked) benign.realistic += 1;
    } else {
      totals[text.label]! += 1;
      if (blocked) hits[text.label]! += 1;
    }
  });
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const perClass = totals.flatMap((n, c) => (c > 0 && n > 0 ? [hits[c]! / n] : []));
  return {
    realistic: benign.realistic / Math.max(benign.realisticTotal, 1),
    tricky: benign.tricky / Math.max(benign.trickyTotal, 1),
    recall: sum(hits) / Math.max(sum(totals), 1),
    worstClass: Math.min(...perClass),
  };
}

/** The offsets' merit: recall over all attacks plus the worst class's, or -Infinity beyond the limits. */
function merit(outcome: CalibrationOutcome, limits: CalibrationLimits): number {
  if (outcome.realistic > limits.realistic || outcome.tricky > limits.tricky) return Number.NEGATIVE_INFINITY;
  return outcome.recall + outcome.worstClass;
}

/**
 * Chooses a bias offset per class (benign first, always 0) from the texts' class logits. Returns all
 * zeros when the model as trained already breaks a limit (it is then left as it is).
 */
export function calibrateBiases(
  logits: readonly (readonly number[])[],
  texts: readonly LabelledText[],
  classCount: number,
  limits: CalibrationLimits,
  mode: CalibrationMode = "shared",
): number[] {
  let offsets = new Array<number>(classCount).fill(0);
  const score = (trial: readonly number[]) => merit(calibrationOutcome(logits, texts, trial), limits);
  let bestMerit = score(offsets);
  if (bestMerit === Number.NEGATIVE_INFINITY) return offsets;
  const groups =
    mode === "shared" ? [[...offsets.keys()].slice(1)] : [...offsets.keys()].slice(1).map((c) => [c]);
  for (let round = 0; round < (mode === "shared" ? 1 : ROUNDS); round++) {
    for (const group of groups) {
      for (const move of GRID) {
        const trial = offsets.map((o, c) => (group.includes(c) ? move : o));
        const m = score(trial);
        if (m > bestMerit) {
          offsets = trial;
          bestMerit = m;
        }
      }
    }
  }
  return offsets;
}
