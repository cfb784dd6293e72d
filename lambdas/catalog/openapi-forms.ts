/**
 * The OpenAPI parts of the request forms beyond the seed's reading form: their examples, their
 * answer schemas and a sentence for the operation's description. openapi.ts adds them to each
 * detector's operation; each form kind writes its own here.
 */
import type { DetectorForm, DetectorSpec } from "./detectors";
import type { JsonSchema } from "./request-schema";

/** What one form adds to its detector's operation. */
export interface FormOpenApi {
  /** Component schemas, by name. */
  readonly schemas: Readonly<Record<string, JsonSchema>>;
  /** Request examples, by name. */
  readonly examples: Readonly<Record<string, JsonSchema>>;
  /** Names of the component schemas a 200 answer to this form matches. */
  readonly answers: readonly string[];
  /** One or two sentences for the operation's description. */
  readonly description: string;
}

const USER_AGENT =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** One sign-in's answer. */
const SIGN_IN_RESULT: JsonSchema = {
  type: "object",
  required: ["user", "time", "anomaly", "probability", "reasons"],
  properties: {
    user: { type: "string", description: "the event's user, echoed" },
    time: { type: "string", description: "the event's time, echoed" },
    anomaly: { type: "integer", enum: [0, 1], description: "1 when flagged" },
    probability: {
      type: "number",
      minimum: 0,
      maximum: 1,
      description: "the model's probability of an attack; above 0.5 when flagged",
    },
    reasons: {
      type: "array",
      items: { type: "string" },
      description:
        'what stands out, in plain words, e.g. "9 failures in 4 minutes", "first sign-in from this network"',
    },
  },
};

/** The `model` field of every answer. */
export const MODEL: JsonSchema = {
  type: "string",
  description: "detector name and model version, e.g. cpu@1.0.0+3fa9c2d1",
  pattern: "^[a-z]+@.+$",
};

/** The `resource` field of every answer. */
export const RESOURCE: JsonSchema = {
  type: "string",
  description: "the request's `resource`, echoed when it named one",
};

function eventsForm(stem: string, form: Extract<DetectorForm, { kind: "events" }>): FormOpenApi {
  const result = `${stem}SignInResult`;
  return {
    schemas: {
      [result]: SIGN_IN_RESULT,
      [`${stem}SignInPrediction`]: {
        allOf: [
          { $ref: `#/components/schemas/${result}` },
          { type: "object", required: ["model"], properties: { model: MODEL, resource: RESOURCE } },
        ],
      },
      [`${stem}SignInBatchResponse`]: {
        type: "object",
        required: ["results", "model"],
        properties: {
          results: {
            type: "array",
            minItems: 1,
            maxItems: form.maxEvents,
            items: { $ref: `#/components/schemas/${result}` },
          },
          model: MODEL,
          resource: RESOURCE,
        },
      },
    },
    examples: {
      signInEvent: {
        summary: "one sign-in event, scored against alice's own history",
        value: {
          event: {
            user: "alice",
            time: "2026-11-28T03:12:00Z",
            source_ip: "203.0.113.7",
            success: false,
            mfa: true,
            user_agent: USER_AGENT,
          },
        },
      },
      signInEvents: {
        summary: "sign-in events in time order (IPv4 and IPv6; mfa and user_agent are optional)",
        value: {
          events: [
            { user: "alice", time: "2026-11-28T03:12:00Z", source_ip: "203.0.113.7", success: false },
            { user: "alice", time: "2026-11-28T03:12:30Z", source_ip: "203.0.113.7", success: false },
            {
              user: "bob",
              time: "2026-11-28T09:05:00Z",
              source_ip: "2001:db8:77:1::20",
              success: true,
              mfa: true,
              user_agent: USER_AGENT,
            },
          ],
        },
      },
    },
    answers: [`${stem}SignInPrediction`, `${stem}SignInBatchResponse`],
    description:
      `It also takes sign-in events: \`{"event": {...}}\` or \`{"events": [...]}\` (up to ${form.maxEvents}, in time ` +
      "order; `user`, `time` (ISO-8601 with a zone), `source_ip` (IPv4 or IPv6) and `success` required, `mfa` and " +
      "`user_agent` optional). Each event is scored against the history of its user and of its source address before " +
      "it, then added to that history; the answer per event is `user`, `time`, `anomaly`, `probability` and `reasons`.",
  };
}

/** A short example series: five-minute points of one afternoon, the last one far off its history. */
function exampleSeries(detector: DetectorSpec) {
  const start = Date.UTC(2026, 10, 28, 12, 0, 0) / 1000;
  const base = detector.input.kind === "number" && detector.input.maximum === 100 ? 20 : 1200;
  const values = [1, 0.98, 1.03, 1.01, 0.97, 1.02, 0.99, 1.04, 1, 0.98, 1.01, 4.2].map((f) =>
    Number((base * f).toFixed(1)),
  );
  return { timestamps: values.map((_, i) => start + i * 300), values };
}

function seriesForm(
  stem: string,
  detector: DetectorSpec,
  form: Extract<DetectorForm, { kind: "series" }>,
): FormOpenApi {
  const point = `${stem}SeriesPoint`;
  const example = exampleSeries(detector);
  const unit = detector.input.kind === "number" ? detector.input.unit : "";
  return {
    schemas: {
      [point]: {
        type: "object",
        required: ["t", "value", "score", "anomaly", "expected"],
        properties: {
          t: { type: ["number", "string"], description: "the point's timestamp, as it was sent" },
          value: { type: "number", description: "the point's value, echoed" },
          score: {
            type: "number",
            minimum: 0,
            maximum: 1,
            description: "how unusual the point is for this resource's own history, from the past alone",
          },
          anomaly: { type: "integer", enum: [0, 1], description: "1 when score >= threshold" },
          expected: {
            type: "array",
            minItems: 2,
            maxItems: 2,
            items: { type: "number" },
            description: `[low, high]: the range this resource's history made likely for the point (${unit})`,
          },
        },
      },
      [`${stem}SeriesResponse`]: {
        type: "object",
        required: ["results", "threshold", "model"],
        properties: {
          resource: RESOURCE,
          results: {
            type: "array",
            minItems: 1,
            maxItems: form.maxPoints,
            items: { $ref: `#/components/schemas/${point}` },
            description: "one result per point from score_from (or the first point), in order",
          },
          threshold: {
            type: "number",
            description: "the detector's fixed threshold, from the model's manifest entry",
          },
          model: MODEL,
        },
      },
    },
    examples: {
      series: {
        summary: "a resource's series (epoch seconds; ISO-8601 strings work too): the last point is far off",
        value: { series: example, resource: detector.name === "cpu" ? "i-0abc1234def567890" : "web-1" },
      },
      seriesFrom: {
        summary: "history plus new points: answers start at score_from",
        value: { series: example, score_from: example.timestamps.at(-2), resource: "web-1" },
      },
    },
    answers: [`${stem}SeriesResponse`],
    description:
      `It also scores a whole series of one resource: \`{"series": {"timestamps": [...], "values": [...]}}\` ` +
      `(up to ${form.maxPoints.toLocaleString("en-US")} points; timestamps epoch seconds or ISO-8601, non-decreasing, ` +
      "gaps allowed; values in any unit) with an optional `score_from` (earlier points are history only). Each point " +
      "is scored against that resource's own history before it, causally: an answer never depends on later points. " +
      "The answer gives, per point, `t`, `value`, `score` (0..1), `anomaly` (score >= `threshold`) and `expected`.",
  };
}

/** The OpenAPI parts of one of a detector's forms. */
export function formOpenApi(detector: DetectorSpec, form: DetectorForm): FormOpenApi | undefined {
  const stem = detector.name.charAt(0).toUpperCase() + detector.name.slice(1);
  switch (form.kind) {
    case "events":
      return eventsForm(stem, form);
    case "series":
      return seriesForm(stem, detector, form);
  }
}
