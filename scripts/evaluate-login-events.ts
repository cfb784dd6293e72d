/**
 * `npx tsx scripts/evaluate-login-events.ts`: the committed login-events model's figures on the
 * training populations and on the held-out ones (other seeds and scenario parameters), as the
 * Markdown tables docs/models.md quotes. Deterministic: the same model gives the same tables.
 */
import { join } from "node:path";
import { logisticParametersOf } from "../models/reference/logistic-parameters";
import { evaluate, evaluationTable } from "../models/training/login/login-evaluation";
import { featuresOfPopulations } from "../models/training/login/login-events-trainer";
import { HELD_OUT_POPULATIONS, TRAINING_POPULATIONS } from "../models/training/login/sign-in-populations";

const model = logisticParametersOf(join(__dirname, "..", "models", "login-events.onnx"));
const training = featuresOfPopulations(TRAINING_POPULATIONS);
const heldOut = featuresOfPopulations(HELD_OUT_POPULATIONS);

const sections: [string, ReturnType<typeof evaluate>][] = [
  [`Training populations (${TRAINING_POPULATIONS.map((p) => p.name).join(", ")})`, evaluate(model, training)],
  ...heldOut.map((p): [string, ReturnType<typeof evaluate>] => [
    `Held out: ${p.population.settings.name}`,
    evaluate(model, [p]),
  ]),
  [`Held out, together (${HELD_OUT_POPULATIONS.map((p) => p.name).join(", ")})`, evaluate(model, heldOut)],
];
for (const [title, evaluation] of sections) {
  process.stdout.write(`### ${title}\n\n${evaluationTable(evaluation)}\n\n`);
  const alarms = Object.entries(evaluation.falseAlarmsBySignal)
    .sort((a, b) => b[1] - a[1])
    .map(([signal, count]) => `${signal} ${count}`);
  process.stdout.write(`False alarms by their strongest feature: ${alarms.join(", ") || "none"}.\n\n`);
}
