/**
 * The one alert of a run that found new incidents: a subject, a JSON message for programs and a
 * plain-text body for people, laid out like every Helios alert (alert-text.ts): SNS sends the
 * text to email subscribers and the JSON to the others.
 * Each incident names its resource, metric, time, value, the range Helios expected, its score,
 * and links to the metric in the CloudWatch console. The message stays well under SNS's 256 KB.
 */
import type { Alert } from "../alerts/alert-sink";
import { alertText, logLocation } from "../alerts/alert-text";
import type { Environment } from "../runtime/runtime-config";
import { metricConsoleUrl } from "./console-link";
import type { RunWindow } from "./run-window";
import type { NewIncident, UnreadOutcome } from "./watch-run";

/** Most incidents listed in one alert; the rest are counted (a fleet-wide event can flag hundreds). */
export const MAX_LISTED_INCIDENTS = 50;

/** An alert number to six significant digits: enough to read, short enough to scan. */
export function round(value: number): number {
  return Number(value.toPrecision(6));
}

function describeDimensions(dimensions: Readonly<Record<string, string>>): string {
  const entries = Object.entries(dimensions);
  return entries.length === 0 ? "" : ` (${entries.map(([k, v]) => `${k}=${v}`).join(", ")})`;
}

/** Where the run happened: the region its console links open in, and its environment for the log link. */
export interface WatchAlertContext {
  readonly region: string;
  readonly env?: Environment;
}

/** The alert for a run's new incidents, or undefined when there are none. */
export function composeWatchAlert(
  incidents: readonly NewIncident[],
  window: RunWindow,
  context: WatchAlertContext,
  unread: readonly UnreadOutcome[] = [],
): Alert | undefined {
  if (incidents.length === 0) return undefined;
  const listed = incidents.slice(0, MAX_LISTED_INCIDENTS).map((incident) => {
    const { metric, start } = incident;
    return {
      detector: metric.detector,
      resource: incident.resource,
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: metric.dimensions,
      stat: metric.stat,
      period: metric.period,
      time: new Date(start.t * 1000).toISOString(),
      value: start.value, // the reading as measured; only the estimates are rounded
      expected: [round(start.expected[0]), round(start.expected[1])],
      score: round(start.score),
      threshold: incident.threshold,
      model: incident.model,
      consoleUrl: metricConsoleUrl(metric, context.region, start.t),
    };
  });
  const detectors = [...new Set(incidents.map((i) => i.metric.detector))].sort();
  const resources = [...new Set(incidents.map((i) => i.resource))];
  const count = incidents.length;
  const what = `${count} new ${count === 1 ? "incident" : "incidents"}`;
  const subject =
    resources.length === 1
      ? `Helios watcher: ${what} on ${resources[0]}`
      : `Helios watcher: ${what} on ${resources.length} resources`;
  const runTime = new Date(window.runTime * 1000).toISOString();
  const iso = (t: number) => new Date(t * 1000).toISOString();

  const text = alertText({
    headline: `Helios found ${what} in the watcher run of ${runTime}.`,
    facts: [
      [
        "Resources",
        resources.slice(0, 5).join(", ") + (resources.length > 5 ? `, and ${resources.length - 5} more` : ""),
      ],
      ["Detectors", detectors.join(", ")],
      ["Data up to", iso(window.end)],
      [
        "Not read",
        unread.length > 0 ? `${unread.length} watched metrics could not be read in this run` : undefined,
      ],
    ],
    sections: listed.map((item, i) => ({
      title: `${i + 1}. ${item.resource}: ${item.namespace} ${item.metricName}${describeDimensions(item.dimensions)}, ${item.stat} per ${item.period / 60} min`,
      lines: [
        `at ${item.time}: ${item.value}, expected ${item.expected[0]} to ${item.expected[1]}`,
        `score ${item.score} (threshold ${round(item.threshold)}, ${item.detector} detector, ${item.model})`,
        item.consoleUrl,
      ],
    })),
    notes: [
      ...(count > listed.length ? [`${count - listed.length} more incidents are not listed here.`] : []),
      "Helios alerts once when an incident starts, not again while it lasts.",
    ],
    lookCloser: [logLocation(context.env ?? {})],
  });

  return {
    subject,
    detector: detectors.length === 1 ? detectors[0]! : "watcher",
    message: {
      source: "watcher",
      runTime,
      window: { start: iso(window.start), end: iso(window.end) },
      count,
      incidents: listed,
      notListed: count - listed.length,
      unreadMetrics: unread.length,
    },
    text,
  };
}
