/**
 * What the watcher watches, and how often: the `watch` list of CloudWatch metrics, the `watchTag`
 * of EC2 instances to discover, the schedule and the history window. The stack checks these at
 * synth (lib/settings) and passes them to the function as JSON, which checks them again with the
 * same functions: one parser, two doors. Free of the AWS SDK and onnxruntime.
 */

import { DETECTORS, type DetectorSpec, findDetector } from "../catalog";
import { isRecord } from "../runtime/is-record";
import { HISTORY_START_GRID_SECONDS } from "./run-window";

/** One CloudWatch metric to watch, with its defaults applied. */
export interface WatchedMetric {
  /** The series detector that scores it (cpu, network or storage). */
  readonly detector: string;
  readonly namespace: string;
  readonly metricName: string;
  /** Dimension name to value, e.g. {"InstanceId": "i-0123456789abcdef0"}. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** CloudWatch statistic. @default "Average" */
  readonly stat: string;
  /** Seconds per datapoint, a multiple of 60. @default 300 */
  readonly period: number;
}

/** An EC2 tag: running instances carrying it are discovered at every run. */
export interface WatchTag {
  readonly key: string;
  readonly value: string;
}

/** Everything one watcher run needs to know about what to watch. */
export interface WatchPlan {
  readonly metrics: readonly WatchedMetric[];
  readonly tag?: WatchTag;
  /** Seconds between runs (the schedule's period). */
  readonly scheduleSeconds: number;
  /** Seconds of history each run reads and scores. */
  readonly historySeconds: number;
}

/** A parse result: the value, or every problem found (each naming the field). */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Default statistic of a watched metric. */
export const DEFAULT_STAT = "Average";
/** Default period of a watched metric, in seconds (EC2 basic monitoring). */
export const DEFAULT_PERIOD_SECONDS = 300;
/** Default minutes between runs. */
export const DEFAULT_SCHEDULE_MINUTES = 5;
/** Default days of history each run scores. */
export const DEFAULT_HISTORY_DAYS = 7;
/** Longest history, in days: 14 days at one minute is the series scorer's 20,160-point limit. */
export const MAX_HISTORY_DAYS = 14;
/** Most points one watched series may have in its window (the series scorer's limit). */
export const MAX_SERIES_POINTS = 20_160;
/** Longest schedule period, in minutes (one day). */
export const MAX_SCHEDULE_MINUTES = 1_440;
/**
 * Longest plan, as JSON characters. The plan travels in the schedule's input to each run (a
 * Lambda environment's 4 KB would hold about eight metrics); 8,192 is EventBridge's most
 * conservative input limit, kept with room for the scheduled time.
 */
export const MAX_PLAN_CHARACTERS = 8_000;

/** The detectors with a series form in the catalog (cpu, network, storage): the ones the watcher can use. */
export function seriesDetectors(): readonly DetectorSpec[] {
  return DETECTORS.filter((d) => d.forms.some((form) => form.kind === "series"));
}

/** The manifest id of a detector's series model: its series form's model in the catalog. */
export function seriesModelId(detector: string): string {
  const form = findDetector(detector)?.forms.find((f) => f.kind === "series");
  if (!form) throw new Error(`detector ${detector} has no series form`);
  return form.model;
}

/**
 * The metrics each instance found by `watchTag` is watched on (AWS/EC2): its CPU for cpu, its
 * traffic both ways for network, and what it writes to EBS for storage. Sums for byte counts.
 */
export const TAG_METRICS: readonly Omit<WatchedMetric, "dimensions">[] = [
  { detector: "cpu", namespace: "AWS/EC2", metricName: "CPUUtilization", stat: "Average", period: 300 },
  { detector: "network", namespace: "AWS/EC2", metricName: "NetworkIn", stat: "Sum", period: 300 },
  { detector: "network", namespace: "AWS/EC2", metricName: "NetworkOut", stat: "Sum", period: 300 },
  { detector: "storage", namespace: "AWS/EC2", metricName: "EBSWriteBytes", stat: "Sum", period: 300 },
];

/** The metrics watched for one discovered instance. */
export function instanceMetrics(instanceId: string): WatchedMetric[] {
  return TAG_METRICS.map((m) => ({ ...m, dimensions: { InstanceId: instanceId } }));
}

/** A stable identity of a metric (same metric, same key), for de-duplication and ids. */
export function metricKey(metric: WatchedMetric): string {
  const dims = Object.keys(metric.dimensions)
    .sort()
    .map((name) => `${name}=${metric.dimensions[name]}`)
    .join(",");
  return `${metric.namespace}|${metric.metricName}|${dims}|${metric.stat}|${metric.period}`;
}

/** The resource a metric describes, for alerts and reports: its dimension values, or the metric name. */
export function resourceOf(metric: Pick<WatchedMetric, "dimensions" | "metricName">): string {
  const values = Object.keys(metric.dimensions)
    .sort()
    .map((name) => metric.dimensions[name]!);
  return values.length > 0 ? values.join("/") : metric.metricName;
}

// CloudWatch's own limits on names (API reference: Metric, Dimension).
const NAME_MAX = 255;
const DIMENSION_VALUE_MAX = 1024;
const MAX_DIMENSIONS = 30;
/** Statistics GetMetricData accepts that make sense for one series: the five basics and percentiles. */
const STAT = /^(SampleCount|Average|Sum|Minimum|Maximum|p(?:100|\d{1,2}(?:\.\d{1,2})?))$/;
// Printable text without control characters; CloudWatch rejects the rest.
const PRINTABLE = /^[^\p{Cc}]+$/u;
// EC2 tag keys and values: letters, digits, spaces and + - = . _ : / @ (EC2 User Guide, tag restrictions).
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
const METRIC_FIELDS = new Set(["detector", "namespace", "metricName", "dimensions", "stat", "period"]);

function checkName(where: string, value: unknown, max: number, problems: string[]): string | undefined {
  if (typeof value !== "string" || value.length === 0 || value.length > max || !PRINTABLE.test(value)) {
    problems.push(`${where} must be a non-empty string of at most ${max} printable characters`);
    return undefined;
  }
  return value;
}

function checkMetric(raw: unknown, where: string, problems: string[]): WatchedMetric | undefined {
  if (!isRecord(raw)) {
    problems.push(`${where} must be an object {detector, namespace, metricName, dimensions, stat?, period?}`);
    return undefined;
  }
  const before = problems.length;
  for (const field of Object.keys(raw)) {
    if (!METRIC_FIELDS.has(field)) problems.push(`${where}.${field} is not a field of a watched metric`);
  }
  const detectors = seriesDetectors().map((d) => d.name);
  if (typeof raw.detector !== "string" || !detectors.includes(raw.detector)) {
    problems.push(`${where}.detector must be one of ${detectors.join(", ")}`);
  }
  const namespace = checkName(`${where}.namespace`, raw.namespace, NAME_MAX, problems);
  if (namespace?.startsWith(":")) problems.push(`${where}.namespace must not start with ":"`);
  checkName(`${where}.metricName`, raw.metricName, NAME_MAX, problems);
  const dimensions: Record<string, string> = {};
  if (!isRecord(raw.dimensions)) {
    problems.push(
      `${where}.dimensions must be an object of dimension name to value, e.g. {"InstanceId": "i-…"}`,
    );
  } else {
    const entries = Object.entries(raw.dimensions);
    if (entries.length > MAX_DIMENSIONS) {
      problems.push(`${where}.dimensions has ${entries.length} entries; CloudWatch allows ${MAX_DIMENSIONS}`);
    }
    for (const [name, value] of entries) {
      checkName(`${where}.dimensions name ${JSON.stringify(name)}`, name, NAME_MAX, problems);
      const checked = checkName(`${where}.dimensions.${name}`, value, DIMENSION_VALUE_MAX, problems);
      if (checked !== undefined) dimensions[name] = checked;
    }
  }
  const stat = raw.stat ?? DEFAULT_STAT;
  if (typeof stat !== "string" || !STAT.test(stat)) {
    problems.push(
      `${where}.stat must be SampleCount, Average, Sum, Minimum, Maximum or a percentile like p99`,
    );
  }
  const period = raw.period ?? DEFAULT_PERIOD_SECONDS;
  if (
    typeof period !== "number" ||
    !Number.isInteger(period) ||
    period < 60 ||
    period > 86_400 ||
    period % 60
  ) {
    problems.push(`${where}.period must be a whole number of minutes in seconds, 60 to 86400 (e.g. 60, 300)`);
  }
  if (problems.length > before) return undefined;
  return {
    detector: raw.detector as string,
    namespace: raw.namespace as string,
    metricName: raw.metricName as string,
    dimensions,
    stat: stat as string,
    period: period as number,
  };
}

/**
 * Parses the `watch` setting: a JSON list (or its text) of {detector, namespace, metricName,
 * dimensions, stat?, period?}. Duplicates and unknown fields are problems, never ignored.
 */
export function parseWatchList(raw: unknown, key = "watch"): Parsed<readonly WatchedMetric[]> {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return {
        ok: false,
        problems: [
          `${key}: is not JSON; expected e.g. '[{"detector":"cpu","namespace":"AWS/EC2","metricName":"CPUUtilization","dimensions":{"InstanceId":"i-0123456789abcdef0"}}]'`,
        ],
      };
    }
  }
  if (!Array.isArray(value) || value.length === 0) {
    return { ok: false, problems: [`${key}: must be a non-empty JSON list of metrics`] };
  }
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const metrics: WatchedMetric[] = [];
  value.forEach((item, index) => {
    const metric = checkMetric(item, `${key}[${index}]`, problems);
    if (!metric) return;
    const id = metricKey(metric);
    const first = seen.get(id);
    if (first !== undefined) problems.push(`${key}[${index}] repeats ${key}[${first}]`);
    else seen.set(id, index);
    metrics.push(metric);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: metrics };
}

/** Parses the `watchTag` setting, "key=value" (the first "=" separates them). */
export function parseWatchTag(raw: unknown, key = "watchTag"): Parsed<WatchTag> {
  const text = typeof raw === "string" ? raw.trim() : undefined;
  const split = text?.indexOf("=") ?? -1;
  if (text === undefined || split <= 0) {
    return { ok: false, problems: [`${key}: ${JSON.stringify(raw)} is not key=value, e.g. helios=watch`] };
  }
  const tag = { key: text.slice(0, split), value: text.slice(split + 1) };
  if (!TAG_KEY.test(tag.key) || tag.key.toLowerCase().startsWith("aws:") || !TAG_VALUE.test(tag.value)) {
    return {
      ok: false,
      problems: [
        `${key}: ${JSON.stringify(raw)} is not a valid EC2 tag (key 1-128 and value 0-256 letters, digits, spaces and _.:/=+-@; keys may not start with aws:)`,
      ],
    };
  }
  return { ok: true, value: tag };
}

/** Parses `watchSchedule`: minutes between runs, as a number or as "rate(N minutes)" / "rate(N hours)". */
export function parseScheduleMinutes(raw: unknown, key = "watchSchedule"): Parsed<number> {
  let minutes: number | undefined;
  if (typeof raw === "number") minutes = raw;
  else if (typeof raw === "string") {
    const text = raw.trim();
    const rate = /^rate\(\s*(\d+)\s+(minutes?|hours?)\s*\)$/.exec(text);
    if (rate) minutes = Number(rate[1]) * (rate[2]!.startsWith("hour") ? 60 : 1);
    else if (/^\d+$/.test(text)) minutes = Number(text);
  }
  if (minutes === undefined || !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_SCHEDULE_MINUTES) {
    return {
      ok: false,
      problems: [
        `${key}: ${JSON.stringify(raw)} is not a whole number of minutes from 1 to ${MAX_SCHEDULE_MINUTES} (or "rate(5 minutes)", "rate(1 hour)")`,
      ],
    };
  }
  return { ok: true, value: minutes };
}

/**
 * Checks a whole plan: every metric's window must fit the series scorer's point limit and hold
 * at least two of its periods.
 */
export function checkPlan(plan: WatchPlan): readonly string[] {
  const problems: string[] = [];
  const characters = serializePlan(plan).length;
  if (characters > MAX_PLAN_CHARACTERS) {
    problems.push(
      `the ${plan.metrics.length} listed metrics take ${characters} characters; at most ${MAX_PLAN_CHARACTERS} fit in the schedule's input (list fewer, or tag the instances and use watchTag)`,
    );
  }
  const all = [...plan.metrics, ...(plan.tag ? instanceMetrics("i-00000000") : [])];
  for (const metric of all) {
    // The history starts at a UTC midnight (run-window.ts), so a run reads up to a day more.
    const points = Math.floor((plan.historySeconds + HISTORY_START_GRID_SECONDS) / metric.period);
    if (points > MAX_SERIES_POINTS) {
      problems.push(
        `${metric.metricName} at period ${metric.period} s over ${plan.historySeconds / 86_400} days (and up to a day more, from midnight) is up to ${points} points; at most ${MAX_SERIES_POINTS} (shorten watchHistoryDays or lengthen the period)`,
      );
    }
    if (metric.period > plan.historySeconds / 2) {
      problems.push(
        `${metric.metricName}: period ${metric.period} s leaves fewer than 2 points in the history`,
      );
    }
  }
  return [...new Set(problems)];
}

/** The plan as JSON, compact: a metric's stat and period are left out where they are the defaults. */
export function serializePlan(plan: WatchPlan): string {
  return JSON.stringify({
    metrics: plan.metrics.map(({ stat, period, ...metric }) => ({
      ...metric,
      ...(stat === DEFAULT_STAT ? {} : { stat }),
      ...(period === DEFAULT_PERIOD_SECONDS ? {} : { period }),
    })),
    ...(plan.tag ? { tag: `${plan.tag.key}=${plan.tag.value}` } : {}),
    scheduleSeconds: plan.scheduleSeconds,
    historySeconds: plan.historySeconds,
  });
}

/** Reads a plan back from its JSON, with the same checks as at synth. */
export function parsePlan(json: string): Parsed<WatchPlan> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, problems: ["watch plan is not JSON"] };
  }
  return parsePlanValue(raw);
}

/** Checks a plan as parsed JSON (e.g. from the schedule's input), with the same checks as at synth. */
export function parsePlanValue(raw: unknown): Parsed<WatchPlan> {
  if (!isRecord(raw)) return { ok: false, problems: ["watch plan must be a JSON object"] };
  const problems: string[] = [];
  let metrics: readonly WatchedMetric[] = [];
  if (raw.metrics !== undefined && !(Array.isArray(raw.metrics) && raw.metrics.length === 0)) {
    const parsed = parseWatchList(raw.metrics, "metrics");
    if (parsed.ok) metrics = parsed.value;
    else problems.push(...parsed.problems);
  }
  let tag: WatchTag | undefined;
  if (raw.tag !== undefined) {
    const parsed = parseWatchTag(raw.tag, "tag");
    if (parsed.ok) tag = parsed.value;
    else problems.push(...parsed.problems);
  }
  const { scheduleSeconds, historySeconds } = raw;
  if (typeof scheduleSeconds !== "number" || !Number.isInteger(scheduleSeconds) || scheduleSeconds < 60) {
    problems.push("scheduleSeconds must be a whole number of seconds, at least 60");
  }
  if (typeof historySeconds !== "number" || !Number.isInteger(historySeconds) || historySeconds < 3_600) {
    problems.push("historySeconds must be a whole number of seconds, at least 3600");
  }
  if (metrics.length === 0 && !tag) problems.push("watch plan names no metric and no tag");
  if (problems.length > 0) return { ok: false, problems };
  const plan: WatchPlan = {
    metrics,
    ...(tag ? { tag } : {}),
    scheduleSeconds: scheduleSeconds as number,
    historySeconds: historySeconds as number,
  };
  const planProblems = checkPlan(plan);
  return planProblems.length > 0 ? { ok: false, problems: planProblems } : { ok: true, value: plan };
}
