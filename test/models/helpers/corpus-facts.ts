/**
 * Prints facts about the content corpus as JSON, for test/models/content-corpus.test.ts: the corpus
 * needs @faker-js/faker, which is ESM-only and cannot load in Jest's CommonJS sandbox, so the test
 * runs this with tsx in a child process (as helpers/retrain.ts runs the trainer).
 */
import { buildContentCorpus, type LabelledText } from "../../../models/training/content/content-corpus";
import { CONTENT_SEED } from "../../../models/training/content/content-trainer";

/** What the test checks about one split. */
export interface SplitFacts {
  readonly size: number;
  readonly labels: number[];
  readonly httpparams: number;
  readonly tricky: number;
  /** Share of grammar attacks drawn with an unseen branch (validation and test). */
  readonly unseenShare: number;
  /** Texts with an unseenShape flag at all. */
  readonly flagged: number;
}

/** The facts for every split, and the texts two splits share. */
export interface CorpusFacts {
  readonly train: SplitFacts;
  readonly validation: SplitFacts;
  readonly test: SplitFacts;
  readonly shared: {
    readonly trainTest: number;
    readonly trainValidation: number;
    readonly validationTest: number;
  };
}

function facts(split: readonly LabelledText[]): SplitFacts {
  const grammar = split.filter((t) => t.source === "grammar");
  return {
    size: split.length,
    labels: [...new Set(split.map((t) => t.label))].sort(),
    httpparams: split.filter((t) => t.source === "httpparams").length,
    tricky: split.filter((t) => t.source === "tricky").length,
    unseenShare: grammar.filter((t) => t.unseenShape).length / Math.max(grammar.length, 1),
    flagged: split.filter((t) => t.unseenShape !== undefined).length,
  };
}

function shared(a: readonly LabelledText[], b: readonly LabelledText[]): number {
  const texts = new Set(a.map((t) => t.text));
  return b.filter((t) => texts.has(t.text)).length;
}

const corpus = buildContentCorpus(CONTENT_SEED);
const result: CorpusFacts = {
  train: facts(corpus.train),
  validation: facts(corpus.validation),
  test: facts(corpus.test),
  shared: {
    trainTest: shared(corpus.train, corpus.test),
    trainValidation: shared(corpus.train, corpus.validation),
    validationTest: shared(corpus.validation, corpus.test),
  },
};
console.log(JSON.stringify(result));
