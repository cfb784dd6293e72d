/**
 * The sign-in events form of a request: `{"event": {...}}` or `{"events": [...]}` (up to the form's
 * maxEvents, in time order), plus the optional `resource` every form takes. Validation of the
 * events themselves is the login core's (checkSignInEvent); this file maps it onto the API's
 * statuses: 400 naming the field, 413 for too many events.
 */
import type { DetectorSpec, EventsForm } from "../../catalog";
import { checkSignInEvent, checkSignInEvents, type SignInEvent } from "../../detection/login/sign-in-event";
import { fail, ok, type Result } from "../http-error";

/** A validated sign-in events request. */
export interface EventsRequest {
  readonly form: "events";
  readonly mode: "single" | "batch";
  /** In time order. */
  readonly events: readonly SignInEvent[];
  readonly resource?: string;
}

/** The request fields of the events form. */
export const EVENTS_FIELDS = { single: "event", batch: "events" } as const;

/** The detector's sign-in events form, if it has one. */
export function eventsFormOf(detector: Pick<DetectorSpec, "forms">): EventsForm | undefined {
  return detector.forms.find((form): form is EventsForm => form.kind === "events");
}

/** True when a request's fields ask for the events form. */
export function asksForEvents(keys: readonly string[]): boolean {
  return keys.includes(EVENTS_FIELDS.single) || keys.includes(EVENTS_FIELDS.batch);
}

/** Validates `{"event": ...}` / `{"events": [...]}`; `keys` are the body's fields other than `resource`. */
export function validateEventsRequest(
  body: Readonly<Record<string, unknown>>,
  keys: readonly string[],
  form: EventsForm,
  resource: string | undefined,
): Result<EventsRequest> {
  const { single, batch } = EVENTS_FIELDS;
  const unknown = keys.find((key) => key !== single && key !== batch);
  if (unknown !== undefined) {
    return fail(
      400,
      `unknown field "${unknown.slice(0, 64)}" next to "${single}"/"${batch}"; send one of them`,
    );
  }
  if (keys.length > 1) return fail(400, `send either "${single}" or "${batch}", not both`);
  const named = resource === undefined ? {} : { resource };
  if (keys[0] === single) {
    const checked = checkSignInEvent(body[single], single);
    return checked.ok
      ? ok({ form: "events", mode: "single", events: [checked.value], ...named })
      : fail(400, checked.problem);
  }
  const checked = checkSignInEvents(body[batch], form.maxEvents, batch);
  if (!checked.ok) return fail(checked.tooLarge ? 413 : 400, checked.problem);
  return ok({ form: "events", mode: "batch", events: checked.value, ...named });
}
