/**
 * The content corpus's three splits and the threshold chosen on validation: grammar branches draw
 * only their own split's unseen alternatives, the splits share no text, and the calibration moves
 * the attack biases as far as the false-positive limits allow and no further.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { calibrateBiases, calibrationOutcome } from "../../models/training/content/bias-calibration";
import type { LabelledText } from "../../models/training/content/content-corpus";
import { type Branches, Chooser, type CorpusSplit } from "../../models/training/content/grammar";
import { SeededRandom } from "../../models/training/random";
import type { CorpusFacts } from "./helpers/corpus-facts";
import { REPO_ROOT } from "./helpers/retrain";

describe("grammar branches", () => {
  const branches: Branches<string> = { train: ["t1", "t2"], valid: ["v1"], held: ["h1", "h2"] };
  const draws = (split: CorpusSplit) => {
    const c = new Chooser(new SeededRandom(3), split);
    const seen = new Set<string>();
    let unseen = 0;
    for (let i = 0; i < 2000; i++) {
      c.resetUnseen();
      seen.add(c.branch(branches));
      if (c.usedUnseen) unseen += 1;
    }
    return { seen: [...seen].sort(), unseen };
  };

  test("training draws only train alternatives and never counts a text as unseen", () => {
    expect(draws("train")).toEqual({ seen: ["t1", "t2"], unseen: 0 });
  });

  test("validation draws its own alternatives about half the time, never the test's", () => {
    const { seen, unseen } = draws("validation");
    expect(seen).toEqual(["t1", "t2", "v1"]);
    expect(unseen).toBeGreaterThan(900);
    expect(unseen).toBeLessThan(1100);
  });

  test("test draws its own alternatives about half the time, never validation's", () => {
    const { seen, unseen } = draws("test");
    expect(seen).toEqual(["h1", "h2", "t1", "t2"]);
    expect(unseen).toBeGreaterThan(900);
    expect(unseen).toBeLessThan(1100);
  });
});

describe("the corpus", () => {
  let facts: CorpusFacts;
  beforeAll(() => {
    const tsx = join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
    const out = execFileSync(process.execPath, [tsx, "test/models/helpers/corpus-facts.ts"], {
      cwd: REPO_ROOT,
      timeout: 60_000,
    });
    facts = JSON.parse(out.toString());
  }, 60_000);

  test("no text is in two splits", () => {
    expect(facts.shared).toEqual({ trainTest: 0, trainValidation: 0, validationTest: 0 });
  });

  test("validation and test have every class, and most of their grammar attacks hold an unseen branch", () => {
    for (const split of [facts.validation, facts.test]) {
      expect(split.labels).toEqual([0, 1, 2, 3, 4, 5]);
      expect(split.unseenShare).toBeGreaterThan(0.6);
      expect(split.tricky).toBeGreaterThan(200);
    }
    expect(facts.train.flagged).toBe(0);
  });

  test("the HttpParamsDataset rows split 70 / 10 / 20", () => {
    const total = facts.train.httpparams + facts.validation.httpparams + facts.test.httpparams;
    // Duplicates are dropped, so the shares are a little off the row counts.
    expect(facts.train.httpparams / total).toBeCloseTo(0.7, 1);
    expect(facts.validation.httpparams / total).toBeCloseTo(0.1, 1);
    expect(facts.test.httpparams / total).toBeCloseTo(0.2, 1);
  });
});

describe("threshold calibration", () => {
  // Three classes: benign and two attacks. Logits [benign, a, b]; the score is log(e^a + e^b) - benign.
  const text = (
    label: number,
    source: LabelledText["source"] = label ? "grammar" : "benign",
  ): LabelledText => ({
    text: "",
    label,
    source,
  });
  const texts = [text(1), text(1), text(2), text(2), text(0), text(0), text(0), text(0, "tricky")];
  const logits = [
    [0, 1, -5], // attack a, score 1: blocked as trained
    [0, -0.6, -5], // attack a, score about -0.6: blocked after a move of 0.75
    [0, -5, -1.4], // attack b, score about -1.4: needs 1.5
    [0, -5, 2],
    [0, -2.6, -9], // benign, blocked from a move of about 2.6
    [0, -4, -9],
    [0, -6, -9],
    [0, -0.9, -9], // tricky, blocked from a move of about 0.9
  ];
  const limits = { realistic: 0.4, tricky: 0 };

  test("shared: one move for every attack class, the largest that keeps within the limits", () => {
    const offsets = calibrateBiases(logits, texts, 3, limits, "shared");
    expect(offsets).toEqual([0, 0.75, 0.75]);
    const outcome = calibrationOutcome(logits, texts, offsets);
    expect(outcome).toEqual({ realistic: 0, tricky: 0, recall: 0.75, worstClass: 0.5 });
  });

  test("per-class: each class moves on its own", () => {
    const offsets = calibrateBiases(logits, texts, 3, limits, "per-class");
    expect(offsets[1]).toBe(0.75);
    expect(offsets[2]).toBeGreaterThanOrEqual(1.5);
    expect(calibrationOutcome(logits, texts, offsets)).toMatchObject({ tricky: 0, recall: 1, worstClass: 1 });
  });

  test("a model already beyond the limits is left as trained", () => {
    expect(calibrateBiases(logits, texts, 3, { realistic: 0, tricky: -1 })).toEqual([0, 0, 0]);
  });
});
