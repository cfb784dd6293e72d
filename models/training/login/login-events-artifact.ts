/** The login-events model as `npm run train` writes it: the trained file and its manifest words. */
import { LOGIN_FEATURES } from "../../../lambdas/detection/login/login-features";
import type { TrainedArtifact } from "../../model-registry";
import { OUTPUT_NAMES } from "../../onnx/signature";
import { ATTACK_KINDS } from "./attack-scenarios";
import {
  LOGIN_EVENTS_C,
  ROUTINE_ALARM_BUDGET,
  SCENARIO_WEIGHT,
  trainLoginEvents,
} from "./login-events-trainer";
import { TRAINING_POPULATIONS } from "./sign-in-populations";

/** Trains the login-events model and describes it for the manifest, serving `modelId`. */
export function loginEventsArtifact(modelId: string): TrainedArtifact {
  const trained = trainLoginEvents();
  const { model } = trained;
  const terms = model.weights.map(
    (w, i) => `${w >= 0 ? "+" : "-"} ${Math.abs(w).toFixed(3)} ${LOGIN_FEATURES[i]!.name}`,
  );
  return {
    model,
    recipe:
      `L2 logistic regression (C = ${LOGIN_EVENTS_C}, intercept unpenalised, sample-weighted, damped Newton) over the ` +
      `${LOGIN_FEATURES.length} sign-in features of lambdas/detection/login/login-features.ts, computed from each ` +
      "user's and source address's state before the event. Routine sign-ins weigh 1; each attack scenario weighs " +
      `${SCENARIO_WEIGHT} in all, shared among its decisive events. The threshold that flags ${ROUTINE_ALARM_BUDGET * 100} % ` +
      `of routine training sign-ins after their first week (logit ${trained.threshold.toFixed(4)}) is folded into the intercept, ` +
      "so anomaly = score > 0 and probability > 0.5 means flagged.",
    trainingData:
      `${TRAINING_POPULATIONS.length} generated populations (seeds ${TRAINING_POPULATIONS.map((p) => p.seed).join(", ")}; ` +
      `${TRAINING_POPULATIONS.map((p) => p.users).join(" + ")} routine users over ${TRAINING_POPULATIONS[0]!.days} days, ` +
      "models/training/login/): office, night-shift, flexible, on-call and part-time habits, shared office NAT and VPN " +
      "addresses, mobile carriers, browser updates, typos, wrong user names, forgotten passwords, stale saved passwords, " +
      `trips and new devices; attack scenarios after the first week: ${ATTACK_KINDS.join(", ")}. ` +
      `${trained.rows} rows, ${trained.attackRows} of them decisive attack events. Held-out populations (other seeds and ` +
      "parameters) are measured by scripts/evaluate-login-events.ts (docs/models.md).",
    serves: {
      [modelId]: {
        decision: {
          output: OUTPUT_NAMES.score,
          operator: ">",
          threshold: 0,
          description:
            "Anomaly when score > 0. The score is the logistic regression's logit over the sign-in features, with the " +
            "routine-alarm threshold folded into the intercept; probability = sigmoid(score), above 0.5 when flagged.",
        },
        boundaries: `Anomaly when ${model.intercept.toFixed(3)} ${terms.join(" ")} > 0 (features in docs/models.md).`,
      },
    },
  };
}
