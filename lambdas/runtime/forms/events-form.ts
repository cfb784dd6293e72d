/**
 * The sign-in events form: each event scored against its user's and its address's history by the
 * login core (lambdas/detection/login), with the state store the runtime provides. Every door that
 * takes sign-in events (the API, AWS console sign-ins from EventBridge) comes through here.
 */
import type { DetectorSpec } from "../../catalog";
import { LoginStateContention, type SignInVerdict, scoreSignIns } from "../../detection/login/score-sign-ins";
import { signInAlert } from "../../detection/login/sign-in-alert";
import type { StateStore } from "../../state/state-store";
import type { AlertContext } from "../alert-message";
import { modelLabel } from "../detector-response";
import { type HttpError, unavailable } from "../http-error";
import type { LoadedModel } from "../model-loader";
import { shortestFloat32 } from "../predict";
import type { EventsRequest } from "./events-request";
import type { FormResult } from "./form-result";

/** What a form needs from the runtime besides its model: the state store, and when to give up. */
export interface FormServices {
  /** The state store (built on first use). */
  readonly state: () => StateStore;
  readonly signal?: AbortSignal;
}

/** Seconds a client is asked to wait after losing the race for a user's state too often. */
const CONTENTION_RETRY_SECONDS = 1;

/** One event's answer, as the API gives it. */
function resultOf(verdict: SignInVerdict) {
  return {
    user: verdict.user,
    time: verdict.time,
    anomaly: verdict.anomaly,
    probability: shortestFloat32(verdict.probability),
    reasons: verdict.reasons,
  };
}

/** Scores a sign-in events request, or answers 503 when concurrent writers kept winning its records. */
export async function runEventsForm(
  model: LoadedModel,
  detector: DetectorSpec,
  request: EventsRequest,
  context: AlertContext,
  services: FormServices,
): Promise<FormResult | HttpError> {
  let verdicts: SignInVerdict[];
  try {
    verdicts = await scoreSignIns(
      request.events,
      { session: model.session, decision: model.entry.decision },
      {
        store: services.state(),
        ...(services.signal ? { signal: services.signal } : {}),
      },
    );
  } catch (error) {
    if (error instanceof LoginStateContention) return unavailable(error.message, CONTENTION_RETRY_SECONDS);
    throw error;
  }
  const label = modelLabel(detector, model.entry.modelVersion);
  const named = request.resource === undefined ? {} : { resource: request.resource };
  const results = verdicts.map(resultOf);
  const body =
    request.mode === "single"
      ? { ...results[0]!, model: label, ...named }
      : { results, model: label, ...named };
  const alert = signInAlert(request.events, verdicts, {
    detector: detector.name,
    model: label,
    requestId: context.requestId,
    time: context.time,
    source: context.source ?? "api",
    ...named,
    ...(context.env ? { env: context.env } : {}),
  });
  const anomalies = verdicts.reduce((count, v) => count + v.anomaly, 0);
  return { body, items: verdicts.length, anomalies, ...(alert ? { alert } : {}) };
}
