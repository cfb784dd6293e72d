/**
 * Runs a validated request through its form's detection core: the one place that maps request
 * forms to their models and code, so every door (API, local server, benchmarks) shares it.
 */
import { type DetectorSpec, readingModelOf } from "../../catalog";
import type { AlertContext } from "../alert-message";
import type { HttpError } from "../http-error";
import type { LoadedModel } from "../model-loader";
import type { DetectorRequest } from "../validate-request";
import { type FormServices, runEventsForm } from "./events-form";
import { eventsFormOf } from "./events-request";
import type { FormResult } from "./form-result";
import { runReadingForm } from "./reading-form";
import { runSeriesForm } from "./series-form";
import { seriesFormOf } from "./series-request";

/** The manifest id of the model a request's form runs. */
export function modelIdFor(detector: DetectorSpec, request: DetectorRequest): string {
  switch (request.form) {
    case "reading":
      return readingModelOf(detector);
    case "events": {
      const form = eventsFormOf(detector);
      if (!form) throw new Error(`detector ${detector.name} has no events form`);
      return form.model;
    }
    case "series": {
      const form = seriesFormOf(detector);
      if (!form) throw new Error(`detector ${detector.name} has no series form`);
      return form.model;
    }
  }
}

/** Scores a request with its form's model; a form may answer an error of its own (e.g. 503). */
export function runForm(
  model: LoadedModel,
  detector: DetectorSpec,
  request: DetectorRequest,
  context: AlertContext,
  services: FormServices,
): Promise<FormResult | HttpError> {
  switch (request.form) {
    case "reading":
      return runReadingForm(model, detector, request, context);
    case "events":
      return runEventsForm(model, detector, request, context, services);
    case "series":
      return runSeriesForm(model, detector, request, context);
  }
}
