/**
 * Links to a metric in the CloudWatch console. The console keeps its graph in the URL fragment
 * `#metricsV2?graph=<graph>` where the graph (the same object as its "Source" tab: metrics,
 * view, stat, period, region, start, end) is written in JSURL: `~` separates, `(...)` holds an
 * object `(key~value~...)` or a list `(~item~item)`, strings start with `'` and escape every
 * character outside [A-Za-z0-9_.-] as `*XX` (`!` for `$`), numbers and booleans are bare.
 */
import type { WatchedMetric } from "./watch-config";

/** A value JSURL can write. */
export type JsurlValue =
  | string
  | number
  | boolean
  | null
  | readonly JsurlValue[]
  | { readonly [key: string]: JsurlValue };

function jsurlString(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (/[A-Za-z0-9_.-]/.test(ch)) out += ch;
    else if (ch === "$") out += "!";
    else if (code < 0x100) out += `*${code.toString(16).padStart(2, "0")}`;
    else {
      // Outside Latin-1: each UTF-16 unit as **XXXX.
      for (const unit of ch) {
        for (let i = 0; i < unit.length; i++) out += `**${unit.charCodeAt(i).toString(16).padStart(4, "0")}`;
      }
    }
  }
  return out;
}

/** Encodes a value as JSURL. */
export function jsurl(value: JsurlValue): string {
  if (value === null) return "~null";
  if (typeof value === "number") return Number.isFinite(value) ? `~${value}` : "~null";
  if (typeof value === "boolean") return `~${value}`;
  if (typeof value === "string") return `~'${jsurlString(value)}`;
  if (Array.isArray(value)) return `~(${value.map(jsurl).join("") || "~"})`;
  const record = value as { readonly [key: string]: JsurlValue };
  const keys = Object.keys(record);
  return `~(${keys.map((k) => `${jsurlString(k)}${jsurl(record[k]!)}`).join("~")})`;
}

/** How far before and after the incident the linked graph reaches, in seconds. */
const BEFORE_SECONDS = 6 * 3600;
const AFTER_SECONDS = 3600;

/** The CloudWatch console URL of a metric's graph around a time (epoch seconds). */
export function metricConsoleUrl(metric: WatchedMetric, region: string, at: number): string {
  const row: JsurlValue[] = [metric.namespace, metric.metricName];
  for (const [name, value] of Object.entries(metric.dimensions)) row.push(name, value);
  const graph: JsurlValue = {
    metrics: [row],
    view: "timeSeries",
    stacked: false,
    region,
    stat: metric.stat,
    period: metric.period,
    start: new Date((at - BEFORE_SECONDS) * 1000).toISOString(),
    end: new Date((at + AFTER_SECONDS) * 1000).toISOString(),
  };
  const host = `${region}.console.aws.amazon.com`;
  return `https://${host}/cloudwatch/home?region=${encodeURIComponent(region)}#metricsV2?graph=${jsurl(graph)}`;
}
