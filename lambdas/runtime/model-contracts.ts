/**
 * Which models a detector's function loads and what each must provide: the reading model (the
 * seed-compatible form) and one model per extra form. Pure, so configuration checks can use it.
 */
import { type DetectorForm, type DetectorSpec, readingModelOf } from "../catalog";
import { LOGIN_MODEL_INPUT, LOGIN_MODEL_OUTPUTS } from "../detection/login/login-model-contract";
import { SERIES_MODEL_IO } from "../detection/series/series-model-io";
import { type ModelContract, readingContract } from "./model-entry";

/** One model a detector uses: its manifest id and its contract. */
export interface DetectorModel {
  readonly id: string;
  readonly contract: ModelContract;
}

/** The contract of a form's model, as the form's detection core defines it. */
function formContract(form: DetectorForm): ModelContract {
  switch (form.kind) {
    case "events":
      return {
        input: { type: LOGIN_MODEL_INPUT.type, shape: [...LOGIN_MODEL_INPUT.shape] },
        outputs: [LOGIN_MODEL_OUTPUTS.score, LOGIN_MODEL_OUTPUTS.probability],
      };
    case "series":
      return {
        input: { type: "float32", shape: SERIES_MODEL_IO.shape },
        outputs: [SERIES_MODEL_IO.output],
        seriesParameters: true,
      };
  }
}

/** Every model a detector uses: the reading model first, then one per form. */
export function detectorModels(detector: DetectorSpec): readonly DetectorModel[] {
  return [
    { id: readingModelOf(detector), contract: readingContract(detector) },
    ...detector.forms.map((form) => ({ id: form.model, contract: formContract(form) })),
  ];
}
