/**
 * `npm run evaluate:content [-- --split validation|test] [--model FILE] [--misses N] [--ablations]
 * [--calibration]`: measures the committed content model (models/content.onnx, or FILE, in
 * onnxruntime-node) on one split of its corpus and prints Markdown: per-class recall, false-positive
 * rates, the confusion table and the must-pass texts. The validation split (the default) is where
 * every choice is made; the test split is for the final report only. --misses prints up to N missed
 * attacks and false positives per class, to read. On the validation split only: --ablations retrains
 * variants and measures them with the reference inference (which matches the graph); --calibration
 * checks the threshold choice by choosing it on one half of the split and measuring the other.
 */
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import * as ort from "onnxruntime-node";
import { CONTENT_CATEGORIES } from "../lambdas/catalog";
import { CONTENT_BOUNDARY_TEXTS } from "../models/boundaries";
import { type ContentAnswer, contentMetrics, formatRate } from "../models/evaluation/content-metrics";
import { contentLogits, contentPredict } from "../models/reference/content-classifier";
import type { ContentClassifierModel } from "../models/trained-model";
import type { ContentTrainingOptions } from "../models/training/char-ngram-softmax";
import {
  type CalibrationLimits,
  type CalibrationMode,
  calibrateBiases,
  calibrationOutcome,
} from "../models/training/content/bias-calibration";
import {
  buildContentCorpus,
  CONTENT_CLASSES,
  type ContentCorpus,
  type LabelledText,
} from "../models/training/content/content-corpus";
import { CONTENT_CALIBRATION, CONTENT_SEED, trainContent } from "../models/training/content/content-trainer";

ort.env.logLevel = "error";

const MODEL_FILE = join(__dirname, "..", "models", "content.onnx");
const BATCH = 1000;

async function onnxAnswers(texts: readonly string[], file = MODEL_FILE): Promise<ContentAnswer[]> {
  const session = await ort.InferenceSession.create(file, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const answers: ContentAnswer[] = [];
  for (let start = 0; start < texts.length; start += BATCH) {
    const batch = texts.slice(start, start + BATCH);
    const out = await session.run({ input: new ort.Tensor("string", [...batch], [batch.length]) });
    const labels = out.label!.data as BigInt64Array;
    const categories = out.category!.data as BigInt64Array;
    batch.forEach((_, i) => {
      const blocked = labels[i] === 1n;
      answers.push({ blocked, answered: blocked ? Number(categories[i]) + 1 : 0 });
    });
  }
  await session.release();
  return answers;
}

function report(title: string, texts: readonly LabelledText[], answers: readonly ContentAnswer[]): string {
  const m = contentMetrics(texts, answers, CONTENT_CLASSES.length);
  const lines = [
    `### ${title}`,
    "",
    "| measure | result |",
    "|---|---|",
    `| recall, all attacks | ${formatRate(m.overallRecall)} |`,
    ...CONTENT_CATEGORIES.map((name, i) => `| recall, ${name} | ${formatRate(m.recall[i]!)} |`),
    `| recall, HttpParamsDataset attacks | ${formatRate(m.httpparamsRecall)} |`,
    `| recall, grammar attacks with an unseen branch | ${formatRate(m.unseenShapeRecall)} |`,
    `| recall, grammar attacks of seen branches only | ${formatRate(m.seenShapeRecall)} |`,
    `| false positives, realistic benign | ${formatRate(m.realisticFalsePositives)} |`,
    `| false positives, tricky benign | ${formatRate(m.trickyFalsePositives)} |`,
    `| right category, of blocked attacks | ${formatRate(m.categoryAccuracy)} |`,
    "",
    `| true \\ answered | ${CONTENT_CLASSES.join(" | ")} |`,
    `|---|${CONTENT_CLASSES.map(() => "---:").join("|")}|`,
    ...m.confusion.map((row, i) => `| ${CONTENT_CLASSES[i]} | ${row.join(" | ")} |`),
    "",
  ];
  return lines.join("\n");
}

/** Up to `limit` missed attacks per class and false positives per benign source, as JSON strings. */
function printMisses(texts: readonly LabelledText[], answers: readonly ContentAnswer[], limit: number): void {
  if (limit <= 0) return;
  const groups = new Map<string, string[]>();
  texts.forEach((t, i) => {
    const wrong = t.label === 0 ? answers[i]!.blocked : !answers[i]!.blocked;
    if (!wrong) return;
    const key = t.label === 0 ? `false positives (${t.source})` : `missed ${CONTENT_CLASSES[t.label]}`;
    const group = groups.get(key) ?? [];
    if (group.length < limit) group.push(`  ${JSON.stringify(t.text.slice(0, 160))}`);
    groups.set(key, group);
  });
  for (const [key, group] of groups) console.log(`\n${key}:\n${group.join("\n")}`);
  console.log("");
}

function summaryRow(name: string, texts: readonly LabelledText[], answers: readonly ContentAnswer[]): string {
  const m = contentMetrics(texts, answers, CONTENT_CLASSES.length);
  const worst = Math.min(...m.recall.map((r) => r.hits / r.total));
  const pct = (r: { hits: number; total: number }) => `${((100 * r.hits) / r.total).toFixed(2)} %`;
  return `| ${name} | ${pct(m.overallRecall)} | ${(100 * worst).toFixed(2)} % | ${pct(m.unseenShapeRecall)} | ${pct(m.realisticFalsePositives)} | ${pct(m.trickyFalsePositives)} |`;
}

/** A variant of the shipped recipe: training options and the threshold calibration (null: none). */
interface Ablation {
  readonly name: string;
  readonly options?: Partial<ContentTrainingOptions>;
  readonly calibration?: CalibrationLimits | null;
  readonly mode?: CalibrationMode;
}

/** The rules added after the first model (docs/models.md), left out together in one ablation. */
const NEW_RULES = [
  "shell-separator-first",
  "powershell",
  "link-trick",
  "abused-tld",
  "code-character",
  "link-with-lure",
];

const ABLATIONS: readonly Ablation[] = [
  { name: "shipped (n-grams 1-4, 8,000, 22 rules, lr 0.05, shared threshold)" },
  { name: "threshold as trained (score > 0)", calibration: null },
  { name: "per-class thresholds", mode: "per-class" },
  { name: "n-grams only (no rules)", options: { useRules: false } },
  { name: "without the 6 new rules (the first 16)", options: { withoutRules: NEW_RULES } },
  { name: "without code-character", options: { withoutRules: ["code-character"] } },
  { name: "learning rate 0.01 (as before)", options: { learningRate: 0.01 } },
  { name: "n-grams 1-3", options: { maxGram: 3 } },
  { name: "vocabulary 12,000", options: { vocabularySize: 12000 } },
  { name: "benign weighted x2", options: { benignWeight: 2 } },
];

function referenceAnswers(model: ContentClassifierModel, texts: readonly LabelledText[]): ContentAnswer[] {
  return texts.map((t): ContentAnswer => {
    const p = contentPredict(model, t.text);
    return { blocked: p.label === 1, answered: p.label ? p.category + 1 : 0 };
  });
}

function printAblations(corpus: ContentCorpus): void {
  console.log("\n### Ablations (retrained; reference inference; validation split)\n");
  console.log("| variant | recall | worst class | unseen branches | FP realistic | FP tricky |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const a of ABLATIONS) {
    const limits = a.calibration === undefined ? CONTENT_CALIBRATION : a.calibration;
    const { model } = trainContent(a.options, corpus, limits, a.mode);
    console.log(summaryRow(a.name, corpus.validation, referenceAnswers(model, corpus.validation)));
  }
}

/** Chooses the threshold on even-numbered validation texts and measures the odd ones, and the other way round. */
function printCalibrationCheck(corpus: ContentCorpus): void {
  const { model } = trainContent({}, corpus, null);
  const texts = corpus.validation;
  const logits = texts.map((t) => contentLogits(model, t.text));
  const half = <T>(xs: readonly T[], parity: number) => xs.filter((_, i) => i % 2 === parity);
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  console.log("\n### Threshold chosen on one half of the validation split, measured on the other\n");
  console.log("| mode | chosen on | offsets | recall | worst class | FP realistic | FP tricky |");
  console.log("|---|---|---|---:|---:|---:|---:|");
  for (const mode of ["none", "shared", "per-class"] as const) {
    for (const parity of [0, 1]) {
      const offsets =
        mode === "none"
          ? CONTENT_CLASSES.map(() => 0)
          : calibrateBiases(
              half(logits, parity),
              half(texts, parity),
              CONTENT_CLASSES.length,
              CONTENT_CALIBRATION,
              mode,
            );
      const o = calibrationOutcome(half(logits, 1 - parity), half(texts, 1 - parity), offsets);
      console.log(
        `| ${mode} | ${parity ? "odd" : "even"} | ${offsets.slice(1).join(", ")} | ${pct(o.recall)} | ${pct(o.worstClass)} | ${pct(o.realistic)} | ${pct(o.tricky)} |`,
      );
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ablations: { type: "boolean" },
      calibration: { type: "boolean" },
      split: { type: "string", default: "validation" },
      model: { type: "string", default: MODEL_FILE },
      misses: { type: "string", default: "0" },
    },
    strict: true,
  });
  if (values.split !== "validation" && values.split !== "test")
    throw new Error("--split is validation or test");
  if ((values.ablations || values.calibration) && values.split !== "validation")
    throw new Error("--ablations and --calibration make choices: they run on the validation split only");
  const corpus = buildContentCorpus(CONTENT_SEED);
  const held = corpus[values.split];
  console.log(
    `corpus: ${corpus.train.length} training texts, ${corpus.validation.length} validation, ${corpus.test.length} test\n`,
  );
  const answers = await onnxAnswers(
    held.map((t) => t.text),
    values.model,
  );
  console.log(report(`${relative(process.cwd(), values.model)} on the ${values.split} split`, held, answers));
  printMisses(held, answers, Number(values.misses));
  const checks = await onnxAnswers(CONTENT_BOUNDARY_TEXTS, values.model);
  console.log(
    CONTENT_BOUNDARY_TEXTS.map(
      (t, i) =>
        `- ${JSON.stringify(t)}: ${checks[i]!.blocked ? `blocked, ${CONTENT_CLASSES[checks[i]!.answered]}` : "allowed"}`,
    ).join("\n"),
  );
  if (values.calibration) printCalibrationCheck(corpus);
  if (values.ablations) printAblations(corpus);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
