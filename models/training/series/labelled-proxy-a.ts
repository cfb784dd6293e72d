/**
 * Labelled proxy "A" for NAB's realAWSCloudwatch folder, for EVALUATION ONLY (never training data):
 * a NAB-style folder (data/<category>/<file>.csv, labels/combined_windows.json) of CloudWatch-like
 * series of the metric kinds that folder holds (EC2 CPU, EC2 NetworkIn, EC2 DiskWriteBytes, ELB
 * RequestCount, RDS CPU, an auto-scaling group's CPU), each with 1-3 operational incidents labelled
 * at their onset, and windows made by NAB's labeller's rule (nabWindows). It exists to estimate what
 * Helios would score on the real folder, which we do not have.
 *
 * Normal behaviour is cloudwatch-like-series.ts's (daily/weekly patterns, coloured noise, rounding
 * or quantised CPU, idle/busy plateaus, Pareto bursts, mostly-zero disk writes, drift, cron jobs,
 * jittered stamps, gaps), with the metric's own touches (integer request counts, more mostly-zero
 * disks). Incidents (INCIDENT_MIX, sizes in INCIDENT_SIZES) are this file's own design; see
 * docs/labelled-proxy-a.md for the mix and why. The mix and sizes were set once on calibration seed
 * 101 so that two reference detectors land near the figures quoted for the real folder, then frozen.
 *
 * Deterministic: everything is drawn from SeededRandom(seed) (no Math.random, no clock), so the same
 * seed writes byte-identical files on every machine.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SeededRandom } from "../random";
import { generateCloudWatchLike } from "./cloudwatch-like-series";
import { nabTimestamp, nabWindows, probationRows, WINDOW_SHARE } from "./nab-windows";
import { gaussian, type SeriesFamily } from "./synthetic-series";

export { nabTimestamp, nabWindows, probationRows } from "./nab-windows";

/** The metric kinds of the proxy, the detector family each maps to, and how many series per seed. */
export const PROXY_METRICS = [
  { metric: "ec2_cpu_utilization", family: "cpu", category: "awsCpu", count: 10 },
  { metric: "rds_cpu_utilization", family: "cpu", category: "awsCpu", count: 5 },
  { metric: "asg_cpu_utilization", family: "cpu", category: "awsCpu", count: 3 },
  { metric: "ec2_network_in", family: "network", category: "awsNetwork", count: 6 },
  { metric: "elb_request_count", family: "network", category: "awsNetwork", count: 5 },
  { metric: "ec2_disk_write_bytes", family: "storage", category: "awsStorage", count: 6 },
] as const satisfies readonly { metric: string; family: SeriesFamily; category: string; count: number }[];

/** The incident kinds injected. */
export const INCIDENT_KINDS = [
  "spike",
  "runaway",
  "surge",
  "outage",
  "deploy-shift",
  "leak-ramp",
  "stuck",
  "write-burst",
  "flapping",
] as const;

/** One incident kind. */
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** Relative weights of the incident kinds per family (0 or absent: never). Frozen after calibration. */
export const INCIDENT_MIX: Record<SeriesFamily, Partial<Record<IncidentKind, number>>> = {
  cpu: {
    spike: 4,
    runaway: 1.5,
    outage: 3.5,
    "deploy-shift": 1.5,
    "leak-ramp": 0.5,
    stuck: 0.5,
    flapping: 2,
  },
  network: {
    spike: 4,
    surge: 2,
    outage: 3.5,
    "deploy-shift": 1.5,
    "leak-ramp": 0.5,
    stuck: 0.5,
    flapping: 2,
  },
  storage: { "write-burst": 4, spike: 2, outage: 1, "deploy-shift": 1.5, "leak-ramp": 0.5, stuck: 0.5 },
};

/** Size ranges of the incidents (shares of the last two days' range, factors, hours). Frozen. */
export const INCIDENT_SIZES = {
  /** A spike goes past the highest value so far by this share of the last two days' range. */
  spikeAboveRange: [0.02, 0.3],
  /** Runaway process: CPU pinned in this band (percent) for this many hours. */
  runawayBand: [95, 100],
  runawayHours: [1, 12],
  /** Traffic surge: the value times this factor for this many hours. */
  surgeFactor: [1.3, 3],
  surgeHours: [0.5, 6],
  /** Outage: the value falls to (nearly) zero for this many hours. */
  outageHours: [0.5, 6],
  /** Deploy: the level times this factor (up) or this factor (down), for this many hours (or to the end). */
  shiftUp: [1.6, 3],
  shiftDown: [0.3, 0.6],
  shiftHours: [6, 72],
  /** Leak: a linear climb of this share of the range over this many hours, then a restart. */
  rampRise: [1, 3],
  rampHours: [4, 24],
  /** Stuck agent: the last value repeated for this many hours. */
  stuckHours: [3, 24],
  /** Write burst: this factor times the last two days' maximum for this many hours. */
  writeFactor: [1.1, 2],
  writeHours: [0.1, 4],
  /** Flapping: added noise of this share of the range for this many hours. */
  flapShare: [0.3, 0.8],
  flapHours: [2, 12],
} as const;

/** An injected incident: rows onset..end (inclusive) changed; labelled at `onset`. */
export interface ProxyIncident {
  readonly kind: IncidentKind;
  readonly onset: number;
  readonly end: number;
}

/** One labelled series of the proxy folder. */
export interface ProxySeries {
  /** "<category>/<file>.csv" */
  readonly name: string;
  readonly metric: string;
  readonly family: SeriesFamily;
  /** Epoch seconds, strictly increasing. */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  readonly incidents: readonly ProxyIncident[];
  /** NAB windows as row indices [front, back] (inclusive). */
  readonly windows: readonly (readonly [number, number])[];
  /** The normal series' regime and patterns (cloudwatch-like-series.ts). */
  readonly regime: string;
  readonly patterns: readonly string[];
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))];
}

/** Decimal places a series' values are published with (at most 4), to round injected values alike. */
function decimalsOf(values: Float64Array): number {
  let d = 0;
  for (const v of values) {
    const s = String(v);
    const dot = s.indexOf(".");
    if (dot >= 0) d = Math.max(d, s.length - dot - 1);
    if (d >= 4) return 4;
  }
  return d;
}

function drawKind(random: SeededRandom, family: SeriesFamily, mostlyZero: boolean): IncidentKind {
  const entries = Object.entries(INCIDENT_MIX[family]).filter(
    // A drop to zero on a mostly-zero disk is not an incident anyone could see.
    ([k]) => !(mostlyZero && (k === "outage" || k === "stuck" || k === "deploy-shift")),
  ) as [IncidentKind, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let u = random.nextDouble() * total;
  for (const [k, w] of entries) {
    if (u < w) return k;
    u -= w;
  }
  return entries[entries.length - 1][0];
}

const between = (random: SeededRandom, r: readonly [number, number]) => random.uniform(r[0], r[1]);

/** Injects one incident of `kind` at row `onset`, ending at or before row `last`; returns its end. */
function inject(
  random: SeededRandom,
  kind: IncidentKind,
  values: Float64Array,
  timestamps: Float64Array,
  onset: number,
  last: number,
  ceiling: number,
): number {
  const from = Math.max(0, onset - 576);
  const recent = Array.from(values.subarray(from, onset)).sort((a, b) => a - b);
  const hi = recent[recent.length - 1];
  const lo = recent[0];
  const median = quantile(recent, 0.5);
  // A disk idle for the last two days: size against the largest value before (or 1 byte).
  let before = 0;
  for (let i = 0; i < onset; i++) before = Math.max(before, values[i]);
  const range = Math.max(hi - lo, Math.abs(median) * 0.05, hi === 0 ? Math.max(before, 1) : 1e-6);
  const S = INCIDENT_SIZES;
  // Rows up to `hours` after the onset (by time: stamps are jittered and may have gaps).
  const endAfter = (hours: number) => {
    let e = onset;
    while (e + 1 <= last && timestamps[e + 1] - timestamps[onset] < hours * 3600) e++;
    return e;
  };
  const clip = (x: number) => Math.min(Math.max(x, 0), ceiling);
  switch (kind) {
    case "spike": {
      const end = Math.min(last, onset + random.nextInt(3));
      for (let i = onset; i <= end; i++)
        values[i] = clip(before + range * between(random, S.spikeAboveRange));
      return end;
    }
    case "runaway": {
      const end = endAfter(between(random, S.runawayHours));
      const level = between(random, S.runawayBand);
      for (let i = onset; i <= end; i++) values[i] = clip(level + 0.4 * gaussian(random));
      return end;
    }
    case "surge": {
      const end = endAfter(between(random, S.surgeHours));
      const factor = between(random, S.surgeFactor);
      for (let i = onset; i <= end; i++) {
        const ramp = Math.min(1, (i - onset + 1) / 2);
        values[i] = clip(Math.max(values[i], median) * (1 + (factor - 1) * ramp));
      }
      return end;
    }
    case "outage": {
      const end = endAfter(between(random, S.outageHours));
      const idle = ceiling === 100 ? Math.min(0.3, lo * 0.2) : 0;
      for (let i = onset; i <= end; i++) values[i] = clip(idle * random.nextDouble());
      return end;
    }
    case "deploy-shift": {
      const end = endAfter(between(random, S.shiftHours));
      const factor = random.nextDouble() < 0.6 ? between(random, S.shiftUp) : between(random, S.shiftDown);
      for (let i = onset; i <= end; i++) values[i] = clip(values[i] * factor);
      return end;
    }
    case "leak-ramp": {
      const hours = between(random, S.rampHours);
      const end = endAfter(hours);
      const rise = range * between(random, S.rampRise);
      for (let i = onset; i <= end; i++)
        values[i] = clip(values[i] + (rise * (timestamps[i] - timestamps[onset])) / (hours * 3600));
      return end;
    }
    case "stuck": {
      const end = endAfter(between(random, S.stuckHours));
      const stuck = values[onset - 1];
      for (let i = onset; i <= end; i++) values[i] = stuck;
      return end;
    }
    case "write-burst": {
      const end = endAfter(between(random, S.writeHours));
      const top = Math.max(hi, quantile(recent, 0.99), range);
      const level = top * between(random, S.writeFactor);
      for (let i = onset; i <= end; i++) values[i] = clip(level * Math.exp(0.2 * gaussian(random)));
      return end;
    }
    case "flapping": {
      const end = endAfter(between(random, S.flapHours));
      const size = range * between(random, S.flapShare);
      for (let i = onset; i <= end; i++) values[i] = clip(values[i] + size * gaussian(random));
      return end;
    }
  }
}

/** Days of a series: mostly 14, some 3-7 (a short-lived instance, a late-started export). */
function drawDays(random: SeededRandom): number {
  const u = random.nextDouble();
  if (u < 0.75) return 14;
  if (u < 0.85) return 7;
  if (u < 0.95) return 5;
  return 3;
}

/** A seed for stream `k` of series `index` of set `seed` (SeededRandom spreads it further). */
function streamSeed(seed: number, index: number, k: number): number {
  return (
    (Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b) ^ Math.imul(k + 1, 0xc2b2ae35)) >>> 0
  );
}

/** One labelled series. */
function generateOne(
  random: SeededRandom,
  seed: number,
  metric: (typeof PROXY_METRICS)[number],
  index: number,
): ProxySeries {
  const family = metric.family;
  const days = drawDays(random);
  // Disk write bytes are mostly zero on most instances: redraw the normal shape up to 5 times to
  // make a mostly-zero one likelier (the generic storage shares give 30 %).
  let base = generateCloudWatchLike(random, metric.metric, family, days, 300);
  if (metric.metric === "ec2_disk_write_bytes" && random.nextDouble() < 0.6) {
    for (let t = 0; t < 5 && base.regime !== "sparse"; t++)
      base = generateCloudWatchLike(random, metric.metric, family, days, 300);
  }
  const values = Float64Array.from(base.values);
  if (metric.metric === "elb_request_count")
    for (let i = 0; i < values.length; i++) values[i] = Math.round(values[i]);
  const decimals = metric.metric === "elb_request_count" ? 0 : decimalsOf(values);
  // Each series starts on its own day of 2025 (the weekly pattern's phase is the shape's own).
  const offset = 86_400 * random.nextInt(330) - 1_700_006_400 + Date.UTC(2025, 0, 1) / 1000;
  const timestamps = Float64Array.from(base.timestamps, (t) => t + offset);
  const n = values.length;
  const zeros = values.reduce((c, v) => c + (v === 0 ? 1 : 0), 0);
  const mostlyZero = zeros > 0.3 * n;
  // Incidents draw from streams of their own (one for where and what, one per incident for its
  // shape), so the normal series do not depend on the mix and a change of one incident's kind or
  // size does not move the others.
  const incidentRandom = new SeededRandom(streamSeed(seed, index, 0));
  const u = incidentRandom.nextDouble();
  const count = u < 0.4 ? 1 : u < 0.8 ? 2 : 3;
  // Onsets: after the probation plus half a window (so NAB keeps the first window), in equal slots,
  // at least a window apart; an incident ends before the next slot's window starts.
  const length = Math.trunc((WINDOW_SHARE * n) / count);
  const half = Math.floor(length / 2);
  const lo = probationRows(n) + half + 1;
  const hi = n - 1 - Math.floor(half / 2);
  const slot = (hi - lo) / count;
  const ceiling = family === "cpu" ? 100 : Number.POSITIVE_INFINITY;
  const incidents: ProxyIncident[] = [];
  for (let k = 0; k < count; k++) {
    const slotStart = Math.ceil(lo + k * slot);
    const room = Math.max(1, Math.floor(slot - length - 2));
    const onset = slotStart + incidentRandom.nextInt(room);
    const last = Math.min(n - 1, Math.floor(lo + (k + 1) * slot) - half - 1);
    const kind = drawKind(incidentRandom, family, mostlyZero);
    const end = inject(
      new SeededRandom(streamSeed(seed, index, k + 1)),
      kind,
      values,
      timestamps,
      onset,
      Math.max(onset, last),
      ceiling,
    );
    incidents.push({ kind, onset, end });
  }
  const factor = 10 ** decimals;
  for (let i = 0; i < n; i++)
    values[i] = Math.round(Math.min(Math.max(values[i], 0), ceiling) * factor) / factor;
  const id = random.nextUint32().toString(16).padStart(8, "0");
  return {
    name: `${metric.category}/${metric.metric}_${id}.csv`,
    metric: metric.metric,
    family,
    timestamps,
    values,
    incidents,
    windows: nabWindows(
      n,
      incidents.map((x) => x.onset),
    ),
    regime: base.regime,
    patterns: [...base.patterns, `${days} days`, `series ${index}`],
  };
}

/** The whole proxy set of one seed (35 series; about 60 incidents). */
export function generateLabelledProxy(seed: number): ProxySeries[] {
  const random = new SeededRandom(seed);
  const out: ProxySeries[] = [];
  for (const metric of PROXY_METRICS)
    for (let k = 0; k < metric.count; k++) out.push(generateOne(random, seed, metric, out.length));
  return out;
}

/** The folder's files as path → text (data CSVs, labels/combined_windows.json, labels/incidents.json). */
export function labelledProxyFiles(seed: number): Map<string, string> {
  const files = new Map<string, string>();
  const windows: Record<string, string[][]> = {};
  const incidents: Record<string, { kind: string; label: string; onsetRow: number; endRow: number }[]> = {};
  for (const s of generateLabelledProxy(seed)) {
    const lines = ["timestamp,value"];
    for (let i = 0; i < s.values.length; i++) lines.push(`${nabTimestamp(s.timestamps[i])},${s.values[i]}`);
    files.set(join("data", s.name), `${lines.join("\n")}\n`);
    windows[s.name] = s.windows.map(([a, b]) => [
      `${nabTimestamp(s.timestamps[a])}.000000`,
      `${nabTimestamp(s.timestamps[b])}.000000`,
    ]);
    incidents[s.name] = s.incidents.map((x) => ({
      kind: x.kind,
      label: nabTimestamp(s.timestamps[x.onset]),
      onsetRow: x.onset,
      endRow: x.end,
    }));
  }
  files.set(join("labels", "combined_windows.json"), `${JSON.stringify(windows, null, 4)}\n`);
  files.set(join("labels", "incidents.json"), `${JSON.stringify({ seed, incidents }, null, 2)}\n`);
  return files;
}

/** Writes the folder of one seed under `dir`; returns the number of series and incidents. */
export function writeLabelledProxy(dir: string, seed: number): { series: number; incidents: number } {
  const files = labelledProxyFiles(seed);
  let series = 0;
  for (const [path, text] of files) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
    if (path.endsWith(".csv")) series++;
  }
  const incidents = Object.values(
    JSON.parse(files.get(join("labels", "incidents.json")) ?? "{}").incidents as Record<string, unknown[]>,
  ).reduce((s, l) => s + l.length, 0);
  return { series, incidents };
}
