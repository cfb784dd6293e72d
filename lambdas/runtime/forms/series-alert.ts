/**
 * The alert for a series request with flagged points: one per request, naming each incident (a run
 * of flagged points, the series core's rule) with its start, its peak's value, what was expected
 * there and the score, as JSON for machines and as readable text for email.
 */
import type { AlertDraft } from "../../alerts/alert-sink";
import { type AlertFact, logLocation } from "../../alerts/alert-text";
import type { DetectorSpec } from "../../catalog";
import { findIncidents } from "../../detection/series/incidents";
import type { SeriesScore } from "../../detection/series/series-pipeline";
import type { AlertContext } from "../alert-message";
import { shortestFloat32 } from "../predict";

/** Most incidents listed in one alert; the rest are counted. */
const MAX_LISTED_INCIDENTS = 20;

/** An epoch-seconds time as ISO-8601. */
function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** A number as a person reads it: at most 4 significant digits. */
function readable(x: number): number {
  return Number(x.toPrecision(4));
}

/** The alert draft for a scored series, or undefined when no point was flagged. */
export function seriesAlert(
  detector: DetectorSpec,
  points: readonly SeriesScore[],
  threshold: number,
  model: string,
  resource: string | undefined,
  context: AlertContext,
): AlertDraft | undefined {
  const incidents = findIncidents(points);
  if (incidents.length === 0) return undefined;
  const unit = detector.input.kind === "number" ? ` ${detector.input.unit}` : "";
  const listed = incidents.slice(0, MAX_LISTED_INCIDENTS).map((incident) => {
    const peak = points[incident.peak]!;
    return {
      start: iso(points[incident.start]!.t),
      end: iso(points[incident.end]!.t),
      flaggedPoints: points.slice(incident.start, incident.end + 1).filter((p) => p.anomaly === 1).length,
      peak: {
        time: iso(peak.t),
        value: peak.value,
        score: shortestFloat32(peak.score),
        expected: peak.expected,
      },
    };
  });
  const on = resource === undefined ? "" : ` on ${resource}`;
  const plural = incidents.length === 1 ? "incident" : "incidents";
  const facts: AlertFact[] = [
    ["Detector", `${detector.name} (${detector.title}), series`],
    ["Resource", resource ?? '(not named in the request; send "resource" to name it)'],
    ["Series", `${points.length} points scored, ${iso(points[0]!.t)} to ${iso(points.at(-1)!.t)}`],
    ["Threshold", `anomaly when score >= ${threshold}`],
    ["Model", model],
  ];
  return {
    subject: `Helios: ${incidents.length} ${detector.name} ${plural} in a series${on}`,
    detector: detector.name,
    message: {
      detector: detector.name,
      form: "series",
      ...(resource === undefined ? {} : { resource }),
      model,
      threshold,
      requestId: context.requestId,
      time: context.time.toISOString(),
      count: incidents.length,
      incidents: listed,
      notListed: incidents.length - listed.length,
    },
    textParts: {
      headline: `Helios found ${incidents.length} ${plural} in a ${detector.title.toLowerCase()} series${on}.`,
      facts,
      sections: [
        {
          title: "Incidents (start: peak value, expected range, score):",
          lines: [
            ...listed.map(
              (i) =>
                `${i.start}: ${readable(i.peak.value)}${unit} at ${i.peak.time}, expected ` +
                `${readable(i.peak.expected[0])} to ${readable(i.peak.expected[1])}${unit}, score ${i.peak.score}`,
            ),
            ...(incidents.length > listed.length ? [`… and ${incidents.length - listed.length} more`] : []),
          ],
        },
      ],
      lookCloser: [logLocation(context.env ?? {}, context.requestId)],
    },
  };
}
