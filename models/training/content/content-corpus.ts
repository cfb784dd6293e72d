/**
 * The content detector's labelled corpus: HttpParamsDataset (80 % train, 20 % held out, shuffled
 * with a fixed seed), attack payloads from Helios's grammars, realistic benign text and tricky
 * benign text. Generated held-out texts come from the grammars' held-out branches (unseen payload
 * shapes, locales and templates); no held-out text occurs in the training part.
 */
import { CONTENT_CATEGORIES, NO_CATEGORY } from "../../../lambdas/catalog";
import { toModelText } from "../../content-input";
import { SeededRandom } from "../random";
import { benignText, seedFakers } from "./benign-text";
import { CMDI_FAMILIES, cmdiPayload } from "./cmdi-grammar";
import { Chooser } from "./grammar";
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
  /** Generated from at least one held-out grammar branch (a shape the model never saw). */
  readonly unseenShape?: boolean;
}

/** The corpus, split. */
export interface ContentCorpus {
  readonly train: readonly LabelledText[];
  readonly heldOut: readonly LabelledText[];
}

/** How many texts each part generates (train / held out). */
export const CORPUS_SIZES = {
  attacksPerClass: { train: 3000, heldOut: 800 },
  benign: { train: 16000, heldOut: 4000 },
  tricky: { train: 2500, heldOut: 1000 },
  httpparamsHeldOutFraction: 0.2,
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

/** Generated texts of one part (train or held out), families taken in turn. */
function generate(c: Chooser, counts: { attacks: number; benign: number; tricky: number }): LabelledText[] {
  const texts: LabelledText[] = [];
  const add = (label: number, source: ContentSource, make: () => string) => {
    c.resetHeld();
    const text = make();
    texts.push({ text, label, source, ...(c.heldOut ? { unseenShape: c.usedHeld } : {}) });
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

/** Builds the corpus from the dataset at `httpparamsCsv` and the grammars, all seeded by `seed`. */
export function buildContentCorpus(seed: number): ContentCorpus {
  const random = new SeededRandom(seed);
  const rows = readHttpParams();
  const order = random.sampleWithoutReplacement(rows.length, rows.length);
  const heldCount = Math.round(rows.length * CORPUS_SIZES.httpparamsHeldOutFraction);
  const fromDataset = (index: number): LabelledText => ({
    text: rows[index]!.payload,
    label: classIndex(HTTPPARAMS_CLASS[rows[index]!.attackType]!),
    source: "httpparams",
  });
  const trainChooser = new Chooser(new SeededRandom(random.nextUint32()), false);
  seedFakers(trainChooser);
  const trainGenerated = generate(trainChooser, {
    attacks: CORPUS_SIZES.attacksPerClass.train,
    benign: CORPUS_SIZES.benign.train,
    tricky: CORPUS_SIZES.tricky.train,
  });
  const heldChooser = new Chooser(new SeededRandom(random.nextUint32()), true);
  seedFakers(heldChooser);
  const heldGenerated = generate(heldChooser, {
    attacks: CORPUS_SIZES.attacksPerClass.heldOut,
    benign: CORPUS_SIZES.benign.heldOut,
    tricky: CORPUS_SIZES.tricky.heldOut,
  });
  const train = unique([...order.slice(heldCount).map(fromDataset), ...trainGenerated]);
  const seen = new Set(train.map((t) => t.text));
  const heldOut = unique([...order.slice(0, heldCount).map(fromDataset), ...heldGenerated]).filter(
    (t) => !seen.has(t.text),
  );
  return { train, heldOut };
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
