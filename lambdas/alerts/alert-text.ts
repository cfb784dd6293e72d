/**
 * The readable text of an alert, as email subscribers get it: a headline, the facts as aligned
 * "label: value" lines, and where to look closer. Every door (API, watcher, sign-in events,
 * remediation) writes its alerts' text with this, so they read alike.
 */

/** One line of facts; entries with an undefined value are left out. */
export type AlertFact = readonly [label: string, value: string | number | undefined];

/** The parts of an alert's text. */
export interface AlertTextParts {
  /** One sentence saying what happened. */
  readonly headline: string;
  readonly facts: readonly AlertFact[];
  /** Optional sections, each a title and its lines (e.g. the anomalous items of a batch). */
  readonly sections?: readonly { readonly title: string; readonly lines: readonly string[] }[];
  /** Sentences about this alert itself (e.g. what the cooldown held back), after the facts. */
  readonly notes?: readonly string[];
  /** Where to look closer: links, log groups, commands. */
  readonly lookCloser: readonly string[];
}

/** Lays an alert's text out as plain text (no markup: email clients show it as it is). */
export function alertText(parts: AlertTextParts): string {
  const facts = parts.facts.filter(
    (fact): fact is readonly [string, string | number] => fact[1] !== undefined,
  );
  const width = Math.max(0, ...facts.map(([label]) => label.length));
  const lines = [
    parts.headline,
    "",
    ...facts.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`),
  ];
  for (const section of parts.sections ?? []) {
    if (section.lines.length > 0) lines.push("", section.title, ...section.lines.map((line) => `  ${line}`));
  }
  if (parts.notes && parts.notes.length > 0) lines.push("", ...parts.notes);
  if (parts.lookCloser.length > 0)
    lines.push("", "Look closer:", ...parts.lookCloser.map((line) => `  ${line}`));
  lines.push("", "-- Helios anomaly detection");
  return `${lines.join("\n")}\n`;
}

/** Where this function's logs are, as a line for "Look closer" (Lambda sets the log group's name). */
export function logLocation(env: Readonly<Record<string, string | undefined>>, requestId?: string): string {
  const group = env.AWS_LAMBDA_LOG_GROUP_NAME;
  const region = env.AWS_REGION;
  const request = requestId ? ` (request id ${requestId})` : "";
  if (!group || !region) return `the local server's log${request}`;
  const encoded = encodeURIComponent(encodeURIComponent(group)).replace(/%/g, "$");
  return `logs: https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${encoded}${request}`;
}
