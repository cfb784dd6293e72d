/**
 * The content detector's labelled corpus in three splits: HttpParamsDataset (70 % train, 10 %
 * validation, 20 % test, shuffled with a fixed seed), attack payloads from Helios's grammars,
 * realistic benign text and tricky benign text. Generated validation and test texts draw their own
 * unseen grammar branches (payload shapes, locales and templates the model never saw); no
 * validation or test text occurs in training, and no validation text occurs in the test split.
 */
import { CONTENT_CATEGORIES, NO_CATEGORY } from "../../../lambdas/catalog";
import { toModelText } from "../../content-input";
import { SeededRandom } from "../random";
import { benignText, seedFakers } from "./benign-text";
import { CMDI_FAMILIES, cmdiPayload } from "./cmdi-grammar";
import { Chooser, type CorpusSplit } from "./grammar";
import { readHttpParams } from "./httpparams";
import { SPAM_FAMILIES, spamPayload } from "./spam-grammar";
import { SQLI_FAMILIES, sqliPayload } from "./sqli-grammar";
import { TRAVERSAL_FAMILIES, traversalPayload } from "./traversal-grammar";
import { trickyBenignText } from "./tricky-benign";
import { XSS_FAMILIES, xssPayload } from "./xss-grammar";

/** The model's classes in output order: index 0 is benign, the rest are the catalog's blocked categories. */
export const CONTENT_CLASSES = [NO_CATEGORY, ...CONTENT_CATEGORIES] as const;

/** A class name. */
export type ContentClass = (typeof CONTENT_CLASSES)[number];

/** Where a text came from, for per-source figures. */
export type ContentSource = "httpparams" | "grammar" | "benign" | "tricky";

/** One labelled text. */
export interface LabelledText {
  readonly text: string;
  /** Index into CONTENT_CLASSES. */
  readonly label: number;
  readonly source: ContentSource;
  /** Validation and test only: generated with at least one unseen grammar branch (a shape the model never saw). */
  readonly unseenShape?: boolean;
}

/** The corpus, split: the model learns from `train`, every choice is made on `validation`, `test` is reported once. */
export interface ContentCorpus {
  readonly train: readonly LabelledText[];
  readonly validation: readonly LabelledText[];
  readonly test: readonly LabelledText[];
}

/** How many texts each split generates, and the shares of HttpParamsDataset's rows (train gets the rest). */
export const CORPUS_SIZES = {
  attacksPerClass: { train: 6000, validation: 2000, test: 800 },
  benign: { train: 32000, validation: 10000, test: 4000 },
  tricky: { train: 5000, validation: 2500, test: 1000 },
  httpparamsFraction: { validation: 0.1, test: 0.2 },
} as const;

const HTTPPARAMS_CLASS: Readonly<Record<string, ContentClass>> = {
  norm: "none",
  sqli: "sqli",
  xss: "xss",
  cmdi: "cmdi",
  "path-traversal": "traversal",
};

const GRAMMARS: readonly {
  readonly label: ContentClass;
  readonly families: readonly string[];
  readonly payload: (c: Chooser, family: string) => string;
}[] = [
  { label: "sqli", families: SQLI_FAMILIES, payload: sqliPayload },
  { label: "xss", families: XSS_FAMILIES, payload: xssPayload },
  { label: "cmdi", families: CMDI_FAMILIES, payload: cmdiPayload },
  { label: "traversal", families: TRAVERSAL_FAMILIES, payload: traversalPayload },
  { label: "spam", families: SPAM_FAMILIES, payload: spamPayload },
];

function classIndex(name: ContentClass): number {
  return CONTENT_CLASSES.indexOf(name);
}

/** Generated texts of one split, families taken in turn. */
function generate(c: Chooser): LabelledText[] {
  const counts = {
    attacks: CORPUS_SIZES.attacksPerClass[c.split],
    benign: CORPUS_SIZES.benign[c.split],
    tricky: CORPUS_SIZES.tricky[c.split],
  };
  const texts: LabelledText[] = [];
  const add = (label: number, source: ContentSource, make: () => string) => {
    c.resetUnseen();
    const text = make();
    texts.push({ text, label, source, ...(c.split === "train" ? {} : { unseenShape: c.usedUnseen }) });
  };
  for (const grammar of GRAMMARS) {
    for (let i = 0; i < counts.attacks; i++) {
      const family = grammar.families[i % grammar.families.length]!;
      add(classIndex(grammar.label), "grammar", () => grammar.payload(c, family));
    }
  }
  for (let i = 0; i < counts.benign; i++) add(0, "benign", () => benignText(c));
  for (let i = 0; i < counts.tricky; i++) add(0, "tricky", () => trickyBenignText(c));
  return texts;
}

/** A chooser for one split, with its own seed, and the fakers seeded from it. */
function chooserFor(seed: number, split: CorpusSplit): Chooser {
  const c = new Chooser(new SeededRandom(seed), split);
  seedFakers(c);
  return c;
}

/** Builds the corpus from HttpParamsDataset and the grammars, all seeded by `seed`. */
export function buildContentCorpus(seed: number): ContentCorpus {
  const random = new SeededRandom(seed);
  const rows = readHttpParams();
  const order = random.sampleWithoutReplacement(rows.length, rows.length);
  const testCount = Math.round(rows.length * CORPUS_SIZES.httpparamsFraction.test);
  const validationCount = Math.round(rows.length * CORPUS_SIZES.httpparamsFraction.validation);
  const fromDataset = (index: number): LabelledText => ({
    text: rows[index]!.payload,
    label: classIndex(HTTPPARAMS_CLASS[rows[index]!.attackType]!),
    source: "httpparams",
  });
  // The seeds are drawn in this order so the test split's texts do not depend on the validation split's.
  const trainSeed = random.nextUint32();
  const testSeed = random.nextUint32();
  const validationSeed = random.nextUint32();
  const dataset = {
    test: order.slice(0, testCount),
    validation: order.slice(testCount, testCount + validationCount),
    train: order.slice(testCount + validationCount),
  };
  const train = unique([...dataset.train.map(fromDataset), ...generate(chooserFor(trainSeed, "train"))]);
  const seen = new Set(train.map((t) => t.text));
  const test = unique([...dataset.test.map(fromDataset), ...generate(chooserFor(testSeed, "test"))]).filter(
    (t) => !seen.has(t.text),
  );
  for (const t of test) seen.add(t.text);
  const validation = unique([
    ...dataset.validation.map(fromDataset),
    ...generate(chooserFor(validationSeed, "validation")),
  ]).filter((t) => !seen.has(t.text));
  return { train, validation, test };
}

/** Texts as the model sees them (U+0000 made a space), first occurrence of each text only. */
function unique(texts: readonly LabelledText[]): LabelledText[] {
  const seen = new Set<string>();
  const kept: LabelledText[] = [];
  for (const t of texts) {
    const text = toModelText(t.text);
    if (seen.has(text)) continue;
    seen.add(text);
    kept.push({ ...t, text });
  }
  return kept;
}
