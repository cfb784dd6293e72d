/**
 * The login-events model: the committed ONNX graph against the TypeScript reference (same float32
 * parameters, read from the graph) on feature rows of a held-out population and on edge rows; and
 * the held-out figures the issue sets as targets, measured on populations the model never saw.
 */
import { join } from "node:path";
import type { InferenceSession } from "onnxruntime-node";
import { LOGIN_FEATURE_COUNT } from "../../lambdas/detection/login/login-features";
import { runLoginModel } from "../../lambdas/detection/login/login-model";
import { logisticProbability, logisticScore } from "../../models/reference/logistic";
import { logisticParametersOf } from "../../models/reference/logistic-parameters";
import type { LogisticModel } from "../../models/trained-model";
import { ATTACK_KINDS } from "../../models/training/login/attack-scenarios";
import { evaluate } from "../../models/training/login/login-evaluation";
import { featuresOfPopulations } from "../../models/training/login/login-events-trainer";
import type { PopulationFeatures } from "../../models/training/login/population-features";
import { HELD_OUT_POPULATIONS } from "../../models/training/login/sign-in-populations";
import { openSession } from "./helpers/model-session";
import { committedManifest, MODELS_DIR } from "./helpers/retrain";

let session: InferenceSession;
let model: LogisticModel;
let heldOut: PopulationFeatures[];

beforeAll(async () => {
  const file = join(MODELS_DIR, committedManifest().models["login-events"]!.file);
  session = await openSession(file);
  model = logisticParametersOf(file);
  heldOut = featuresOfPopulations(HELD_OUT_POPULATIONS);
});

afterAll(() => session?.release());

describe("login-events graph against the reference", () => {
  it("agrees on every held-out feature row and on edge rows, within 1e-5, with identical decisions", async () => {
    const rows: number[][] = heldOut.flatMap((p) => p.rows.map((r) => [...r]));
    rows.push(
      new Array(LOGIN_FEATURE_COUNT).fill(0),
      new Array(LOGIN_FEATURE_COUNT).fill(1),
      new Array(LOGIN_FEATURE_COUNT).fill(1e30),
    );
    expect(rows.length).toBeGreaterThan(20_000);
    const outputs = await runLoginModel(session, rows);
    const mismatches = rows.flatMap((row, i) => {
      const score = logisticScore(model, row);
      const probability = logisticProbability(score);
      const got = outputs[i]!;
      const close =
        Math.abs(got.score - score) <= 1e-5 * Math.max(1, Math.abs(score)) &&
        Math.abs(got.probability - probability) <= 1e-6;
      return close && got.score > 0 === score > 0 ? [] : [{ row, got, score, probability }];
    });
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it("decides at score > 0, as the manifest says", () => {
    expect(committedManifest().models["login-events"]!.decision).toMatchObject({
      output: "score",
      operator: ">",
      threshold: 0,
    });
    expect(committedManifest().models["login-events"]!.inputs).toEqual([
      { name: "input", type: "float32", shape: ["N", LOGIN_FEATURE_COUNT] },
    ]);
  });
});

describe("held-out figures (other seeds and scenario parameters than training)", () => {
  it.each(HELD_OUT_POPULATIONS.map((p, i) => [p.name, i] as const))(
    "%s: at least 95 %% of attack scenarios flagged, at most 1 %% of routine sign-ins after a week",
    (_, index) => {
      const evaluation = evaluate(model, [heldOut[index]!]);
      const scenarios = ATTACK_KINDS.reduce((sum, k) => sum + evaluation.kinds[k].scenarios, 0);
      const flagged = ATTACK_KINDS.reduce((sum, k) => sum + evaluation.kinds[k].scenariosFlagged, 0);
      expect(scenarios).toBeGreaterThan(200);
      expect(flagged / scenarios).toBeGreaterThanOrEqual(0.95);
      // Each kind at 90 % or more (the failure message names the kind that is not).
      const weak = ATTACK_KINDS.filter(
        (k) => evaluation.kinds[k].scenariosFlagged < 0.9 * evaluation.kinds[k].scenarios,
      );
      expect(weak).toEqual([]);
      expect(evaluation.routineAfterWeek).toBeGreaterThan(3_000);
      expect(evaluation.routineFlagged / evaluation.routineAfterWeek).toBeLessThanOrEqual(0.01);
    },
  );
});
