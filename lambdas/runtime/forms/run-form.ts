/**
 * Runs a validated request through its form's detection core: the one place that maps request
 * forms to their models and code, so every door (API, local server, benchmarks) shares it.
 */
import { type DetectorSpec, readingModelOf } from "../../catalog";
import type { AlertContext } from "../alert-message";
import type { LoadedModel } from "../model-loader";
import type { DetectorRequest } from "../validate-request";
import type { FormResult } from "./form-result";
import { runReadingForm } from "./reading-form";

/** The manifest id of the model a request's form runs. */
export function modelIdFor(detector: DetectorSpec, request: DetectorRequest): string {
  switch (request.form) {
    case "reading":
      return readingModelOf(detector);
  }
}

/** Scores a request with its form's model. */
export function runForm(
  model: LoadedModel,
  detector: DetectorSpec,
  request: DetectorRequest,
  context: AlertContext,
): Promise<FormResult> {
  switch (request.form) {
    case "reading":
      return runReadingForm(model, detector, request, context);
  }
}
