/**
 * Figures for the content detector on labelled texts: recall per attack class, false-positive rates
 * per benign source, and the confusion table (true class x answered category). Pure: it takes the
 * predictions, so the ONNX model, the reference or an ablation can all be measured the same way.
 */
import type { LabelledText } from "../training/content/content-corpus";

/** One answer: blocked or not, and the answered category index (0 = none, else 1 + attack class). */
export interface ContentAnswer {
  readonly blocked: boolean;
  /** 0 when allowed; otherwise the index into the classes of the answered category. */
  readonly answered: number;
}

/** A rate with its counts. */
export interface Rate {
  readonly hits: number;
  readonly total: number;
}

/** The figures for one set of texts. */
export interface ContentMetrics {
  /** Recall per attack class index (1..), over all attack texts. */
  readonly recall: readonly Rate[];
  readonly overallRecall: Rate;
  /** False positives of realistic benign text (httpparams norm + generated benign). */
  readonly realisticFalsePositives: Rate;
  /** False positives of the tricky benign generator. */
  readonly trickyFalsePositives: Rate;
  /** Held-out grammar attacks drawn with at least one unseen branch, and with none. */
  readonly unseenShapeRecall: Rate;
  readonly seenShapeRecall: Rate;
  /** Attack recall on HttpParamsDataset's held-out rows. */
  readonly httpparamsRecall: Rate;
  /** confusion[true class][answered category]. */
  readonly confusion: readonly (readonly number[])[];
  /** Attacks blocked under the right category, over attacks blocked. */
  readonly categoryAccuracy: Rate;
}

function add(rate: { hits: number; total: number }, hit: boolean): void {
  rate.total += 1;
  if (hit) rate.hits += 1;
}

/** Measures answers against the texts' labels; `classCount` includes the benign class. */
export function contentMetrics(
  texts: readonly LabelledText[],
  answers: readonly ContentAnswer[],
  classCount: number,
): ContentMetrics {
  const recall = Array.from({ length: classCount }, () => ({ hits: 0, total: 0 }));
  const overall = { hits: 0, total: 0 };
  const realistic = { hits: 0, total: 0 };
  const tricky = { hits: 0, total: 0 };
  const unseen = { hits: 0, total: 0 };
  const seen = { hits: 0, total: 0 };
  const httpparams = { hits: 0, total: 0 };
  const categories = { hits: 0, total: 0 };
  const confusion = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  texts.forEach((text, i) => {
    const answer = answers[i]!;
    confusion[text.label]![answer.answered]! += 1;
    if (text.label === 0) {
      add(text.source === "tricky" ? tricky : realistic, answer.blocked);
      return;
    }
    add(recall[text.label]!, answer.blocked);
    add(overall, answer.blocked);
    if (text.source === "httpparams") add(httpparams, answer.blocked);
    if (text.unseenShape !== undefined) add(text.unseenShape ? unseen : seen, answer.blocked);
    if (answer.blocked) add(categories, answer.answered === text.label);
  });
  return {
    recall: recall.slice(1),
    overallRecall: overall,
    realisticFalsePositives: realistic,
    trickyFalsePositives: tricky,
    unseenShapeRecall: unseen,
    seenShapeRecall: seen,
    httpparamsRecall: httpparams,
    confusion,
    categoryAccuracy: categories,
  };
}

/** "99.12 % (1234 / 1245)". */
export function formatRate(rate: Rate): string {
  const percent = rate.total === 0 ? 0 : (100 * rate.hits) / rate.total;
  return `${percent.toFixed(2)} % (${rate.hits} / ${rate.total})`;
}
