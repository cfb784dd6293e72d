/**
 * The one alert of a run that found new incidents: a subject, a JSON message for programs and a
 * plain-text body for people (SNS sends the text to email subscribers, the JSON to the others).
 * Each incident names its resource, metric, time, value, the range Helios expected, its score,
 * and links to the metric in the CloudWatch console. The message stays well under SNS's 256 KB.
 */
import type { Alert } from "../alerts/alert-sink";
import { metricConsoleUrl } from "./console-link";
import type { RunWindow } from "./run-window";
import type { NewIncident, UnreadOutcome } from "./watch-run";

/** Most incidents listed in one alert; the rest are counted (a fleet-wide event can flag hundreds). */
export const MAX_LISTED_INCIDENTS = 50;

/** An alert with its readable text (the alert sink sends it to email subscribers). */
export type WatchAlert = Alert & { readonly text: string };

/** Significant digits kept in alert numbers: enough to read, short enough to scan. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}

function describeDimensions(dimensions: Readonly<Record<string, string>>): string {
  const entries = Object.entries(dimensions);
  return entries.length === 0 ? "" : ` (${entries.map(([k, v]) => `${k}=${v}`).join(", ")})`;
}

/** The alert for a run's new incidents, or undefined when there are none. */
export function composeWatchAlert(
  incidents: readonly NewIncident[],
  window: RunWindow,
  region: string,
  unread: readonly UnreadOutcome[] = [],
): WatchAlert | undefined {
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
      value: round(start.value),
      expected: [round(start.expected[0]), round(start.expected[1])],
      score: round(start.score),
      threshold: incident.threshold,
      model: incident.model,
      consoleUrl: metricConsoleUrl(metric, region, start.t),
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

  const lines = [
    `Helios found ${what} in the run of ${runTime}.`,
    "",
    ...listed.flatMap((item, i) => [
      `${i + 1}. ${item.resource}: ${item.namespace} ${item.metricName}${describeDimensions(item.dimensions)}, ${item.stat} per ${item.period / 60} min`,
      `   at ${item.time}: ${item.value}, expected ${item.expected[0]} to ${item.expected[1]}`,
      `   score ${item.score} (threshold ${round(item.threshold)}, ${item.detector} detector, ${item.model})`,
      `   ${item.consoleUrl}`,
      "",
    ]),
    ...(count > listed.length ? [`${count - listed.length} more not listed here.`, ""] : []),
    ...(unread.length > 0
      ? [`${unread.length} watched metrics could not be read in this run (see the watcher's log).`, ""]
      : []),
    "Helios alerts once when an incident starts, not again while it lasts.",
  ];

  return {
    subject,
    detector: detectors.length === 1 ? detectors[0]! : "watcher",
    message: {
      source: "watcher",
      runTime,
      window: {
        start: new Date(window.start * 1000).toISOString(),
        end: new Date(window.end * 1000).toISOString(),
      },
      count,
      incidents: listed,
      notListed: count - listed.length,
      unreadMetrics: unread.length,
    },
    text: lines.join("\n"),
  };
}
