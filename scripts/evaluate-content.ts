/**
 * `npm run evaluate:content [-- --ablations]`: measures the committed content model (models/content.onnx,
 * in onnxruntime-node) on the held-out part of its corpus and prints Markdown: per-class recall,
 * false-positive rates, the confusion table and the must-pass texts. --ablations also retrains
 * variants (n-grams only, rules only, shorter n-grams, smaller vocabulary, benign weighted x2) and
 * measures them with the reference inference, which matches the graph.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as ort from "onnxruntime-node";
import { CONTENT_CATEGORIES } from "../lambdas/catalog";
import { CONTENT_BOUNDARY_TEXTS } from "../models/boundaries";
import { type ContentAnswer, contentMetrics, formatRate } from "../models/evaluation/content-metrics";
import { contentPredict } from "../models/reference/content-classifier";
import type { ContentTrainingOptions } from "../models/training/char-ngram-softmax";
import {
  buildContentCorpus,
  CONTENT_CLASSES,
  type LabelledText,
} from "../models/training/content/content-corpus";
import { CONTENT_SEED, trainContent } from "../models/training/content/content-trainer";

ort.env.logLevel = "error";

const MODEL_FILE = join(__dirname, "..", "models", "content.onnx");
const BATCH = 1000;

async function onnxAnswers(texts: readonly string[]): Promise<ContentAnswer[]> {
  const session = await ort.InferenceSession.create(MODEL_FILE, {
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
    "| measure | held out |",
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

function summaryRow(name: string, texts: readonly LabelledText[], answers: readonly ContentAnswer[]): string {
  const m = contentMetrics(texts, answers, CONTENT_CLASSES.length);
  const worst = Math.min(...m.recall.map((r) => r.hits / r.total));
  const pct = (r: { hits: number; total: number }) => `${((100 * r.hits) / r.total).toFixed(2)} %`;
  return `| ${name} | ${pct(m.overallRecall)} | ${(100 * worst).toFixed(2)} % | ${pct(m.unseenShapeRecall)} | ${pct(m.realisticFalsePositives)} | ${pct(m.trickyFalsePositives)} |`;
}

const ABLATIONS: readonly { name: string; options: Partial<ContentTrainingOptions> }[] = [
  { name: "shipped (n-grams 1-4, 8,000, rules)", options: {} },
  { name: "n-grams only (no rules)", options: { useRules: false } },
  { name: "rules only (no n-grams)", options: { useNgrams: false } },
  { name: "n-grams 1-3", options: { maxGram: 3 } },
  { name: "vocabulary 4,000", options: { vocabularySize: 4000 } },
  { name: "benign weighted x2", options: { benignWeight: 2 } },
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { ablations: { type: "boolean" } }, strict: true });
  const corpus = buildContentCorpus(CONTENT_SEED);
  const held = corpus.heldOut;
  console.log(`corpus: ${corpus.train.length} training texts, ${held.length} held out\n`);
  console.log(
    report("models/content.onnx on the held-out split", held, await onnxAnswers(held.map((t) => t.text))),
  );
  const checks = await onnxAnswers(CONTENT_BOUNDARY_TEXTS);
  console.log(
    CONTENT_BOUNDARY_TEXTS.map(
      (t, i) =>
        `- ${JSON.stringify(t)}: ${checks[i]!.blocked ? `blocked, ${CONTENT_CLASSES[checks[i]!.answered]}` : "allowed"}`,
    ).join("\n"),
  );
  if (!values.ablations) return;
  console.log("\n### Ablations (retrained; reference inference)\n");
  console.log("| variant | recall | worst class | unseen branches | FP realistic | FP tricky |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const ablation of ABLATIONS) {
    const { model } = trainContent(ablation.options, corpus);
    const answers = held.map((t): ContentAnswer => {
      const p = contentPredict(model, t.text);
      return { blocked: p.label === 1, answered: p.label ? p.category + 1 : 0 };
    });
    console.log(summaryRow(ablation.name, held, answers));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
