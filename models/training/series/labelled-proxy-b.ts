/**
 * Labelled proxy B: a NAB-style folder of CloudWatch-like series with injected, labelled incidents,
 * standing in for NAB's realAWSCloudwatch files (which we do not have and must not copy).
 *
 * EVALUATION ONLY. Never train on it, never tune on its held-out seeds. It is deliberately
 * independent of the repo's training generators (`synthetic-series.ts`, `cloudwatch-like-series.ts`):
 * its own random generator, its own normal-behaviour models and its own incident mix, written from
 * what these metrics look like on real fleets. Deterministic from a seed (no Math.random, no clock).
 *
 * Layout written by `writeProxyFolder` (what ../shared/tools/nab expects):
 *   data/<category>/<file>.csv            timestamp,value   (YYYY-MM-DD HH:MM:SS, UTC, 5-minute grid)
 *   labels/combined_windows.json          NAB windows (the labeller's rule: `nabWindows`)
 *   labels/combined_labels.json           the labelled onsets
 *   labels/incidents.json                 what was injected where, and why (for per-kind analysis)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { nabTimestamp, nabWindows, probationRows, WINDOW_SHARE } from "./nab-windows";

export { nabWindows, probationRows } from "./nab-windows";

// ---------------------------------------------------------------------------------------------
// Random numbers: sfc32 seeded through a 32-bit FNV/murmur mix of (seed, stream). Written out here
// so the folder can never change under us with a library upgrade.

/** A small counter-based generator (sfc32); one instance per series, so series are independent. */
export class ProxyRng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number) {
    const mix = (x: number): number => {
      let h = x >>> 0;
      h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
      h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
      return (h ^ (h >>> 16)) >>> 0;
    };
    this.a = mix(seed ^ 0x51ed270b);
    this.b = mix(stream + 0x2545f491);
    this.c = mix((seed * 31 + stream) ^ 0x9e3779b9);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return (this.u32() * 2097152 + (this.u32() >>> 11)) / 9007199254740992;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Log-uniform in [lo, hi). */
  logUniform(lo: number, hi: number): number {
    return Math.exp(this.uniform(Math.log(lo), Math.log(hi)));
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Pareto with minimum 1 and tail index `alpha`. */
  pareto(alpha: number): number {
    return (1 - this.next()) ** (-1 / alpha);
  }

  poisson(lambda: number): number {
    if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > l);
    return k - 1;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
}

// ---------------------------------------------------------------------------------------------
// Time.

export const STEP_MS = 300_000;

/** "YYYY-MM-DD HH:MM:SS" in UTC, of epoch milliseconds. */
export function formatTimestamp(ms: number): string {
  return nabTimestamp(ms / 1000);
}

interface Clock {
  n: number;
  t0: number;
  /** Hours added to UTC for the workload's local time (where its users are). */
  tz: number;
}

const timeOf = (c: Clock, i: number): number => c.t0 + i * STEP_MS;
/** Local hour of day as a fraction, 0 <= h < 24. */
const hourOf = (c: Clock, i: number): number => {
  const h = ((timeOf(c, i) / 3_600_000 + c.tz) % 24) + 24;
  return h % 24;
};
/** Local day number since the epoch. */
const dayOf = (c: Clock, i: number): number => Math.floor((timeOf(c, i) / 3_600_000 + c.tz) / 24);
/** Local weekday, 0 = Sunday. */
const weekdayOf = (c: Clock, i: number): number => (((dayOf(c, i) + 4) % 7) + 7) % 7;
const ROWS_PER_HOUR = 12;
const ROWS_PER_DAY = 288;

// ---------------------------------------------------------------------------------------------
// Normal behaviour.

/**
 * Relative user traffic (mean about 1): a daily curve (night floor, afternoon peak, sharpness),
 * weekends lower, each day a little different, slow growth, and short-term AR(1) wobble.
 */
function traffic(rng: ProxyRng, c: Clock, opts: { weekend?: number; wobble?: number } = {}): Float64Array {
  const peak = rng.uniform(11, 17);
  const sharp = rng.uniform(1, 3);
  const floor = rng.uniform(0.12, 0.55);
  const weekend = opts.weekend ?? rng.uniform(0.5, 0.95);
  const growthPerDay = rng.uniform(-0.002, 0.008);
  const wobble = opts.wobble ?? rng.uniform(0.02, 0.06);
  const dayMult = new Map<number, number>();
  let ar = 0;
  const out = new Float64Array(c.n);
  for (let i = 0; i < c.n; i++) {
    const day = dayOf(c, i);
    if (!dayMult.has(day)) dayMult.set(day, Math.exp(0.07 * rng.normal()));
    const h = hourOf(c, i);
    const shape = floor + (1 - floor) * ((1 + Math.cos((2 * Math.PI * (h - peak)) / 24)) / 2) ** sharp;
    const wd = weekdayOf(c, i);
    const we = wd === 0 || wd === 6 ? weekend : 1;
    ar = 0.92 * ar + wobble * rng.normal();
    out[i] = shape * we * dayMult.get(day)! * (1 + growthPerDay * (i / ROWS_PER_DAY)) * Math.exp(ar);
  }
  return out;
}

/** Sparse heavy-tailed bursts (Poisson arrivals, Pareto sizes, a few rows each), multiplicative on 1. */
function bursts(rng: ProxyRng, n: number, perDay: number, alpha: number, scale: number): Float64Array {
  const out = new Float64Array(n);
  const p = perDay / ROWS_PER_DAY;
  for (let i = 0; i < n; i++) {
    if (!rng.chance(p)) continue;
    const size = scale * (rng.pareto(alpha) - 1 + rng.uniform(0.2, 1));
    const len = rng.int(1, 4);
    for (let k = 0; k < len && i + k < n; k++) out[i + k] += size * (k === 0 ? 1 : rng.uniform(0.2, 0.8));
  }
  return out;
}

/** Rows of a recurring job: start at `hour` local (+ jitter) every `everyH` hours, for about `minutes`. */
function jobRows(
  rng: ProxyRng,
  c: Clock,
  hour: number,
  everyH: number,
  minutes: number,
  skip = 0.03,
): Uint8Array {
  const on = new Uint8Array(c.n);
  for (let i = 0; i < c.n; i++) {
    const h = hourOf(c, i);
    const slot = (((h - hour) % everyH) + everyH) % everyH;
    if (slot < 1 / ROWS_PER_HOUR - 1e-9) {
      if (rng.chance(skip)) continue;
      const len = Math.max(1, Math.round(((minutes / 5) * rng.uniform(0.7, 1.4)) | 0));
      const start = i + rng.int(0, 2);
      for (let k = 0; k < len && start + k < c.n; k++) on[start + k] = 1;
    }
  }
  return on;
}

export type Category =
  | "ec2_cpu"
  | "rds_cpu"
  | "asg_cpu"
  | "ec2_network_in"
  | "ec2_disk_write"
  | "elb_request_count";

/** Sub-kinds: what sort of resource the series belongs to. */
export type Profile =
  | "cpu_web"
  | "cpu_batch"
  | "cpu_idle"
  | "cpu_steady"
  | "rds"
  | "asg"
  | "net_web"
  | "net_bursty"
  | "disk_sparse"
  | "disk_logging"
  | "elb";

/** The series before output: a driver (traffic) that some incidents act on, and a renderer. */
interface Model {
  category: Category;
  profile: Profile;
  /** Relative load (traffic) per row; incidents of the "driver" stage multiply it. */
  driver: Float64Array;
  /** Turns the (possibly modified) driver into values; deterministic given its own rng. */
  render: (driver: Float64Array, hold: Uint8Array) => Float64Array;
  /** Rows of scheduled jobs (backups, batch runs) for the "missed job" and "overrun" incidents. */
  jobs?: Uint8Array;
  /** Upper bound of the metric (100 for CPU), for saturation. */
  ceiling: number;
  /** Decimal places written (CPU 3; counts and bytes 0). */
  decimals: number;
  /** Values snap to multiples of this (0: none). */
  quantum: number;
}

function clip(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function cpuWeb(rng: ProxyRng, c: Clock): Model {
  const drv = traffic(rng, c);
  const idle = rng.uniform(1, 6);
  const load = rng.uniform(8, 45);
  const noise = rng.uniform(0.4, 2.5);
  const cronEvery = rng.pick([0, 0, 15, 30, 60]);
  const cronSize = rng.uniform(1, 8);
  const spiky = bursts(rng, c.n, rng.uniform(0.5, 4), 1.6, rng.uniform(2, 8));
  const seed = rng.u32();
  return {
    category: "ec2_cpu",
    profile: "cpu_web",
    driver: drv,
    ceiling: 100,
    decimals: 3,
    quantum: 0,
    render: (d) => {
      const r = new ProxyRng(seed, 1);
      const out = new Float64Array(c.n);
      let ar = 0;
      for (let i = 0; i < c.n; i++) {
        ar = 0.6 * ar + noise * r.normal();
        const minute = Math.round(hourOf(c, i) * 60) % 60;
        const cron = cronEvery > 0 && minute % cronEvery === 0 ? cronSize * r.uniform(0.5, 1.2) : 0;
        out[i] = clip(idle + load * d[i] + ar + cron + spiky[i], 0, 100);
      }
      return out;
    },
  };
}

function cpuBatch(rng: ProxyRng, c: Clock): Model {
  const every = rng.pick([24, 24, 12, 6, 4]);
  const jobs = jobRows(
    rng,
    c,
    rng.uniform(0, 24),
    every,
    every >= 12 ? rng.uniform(30, 150) : rng.uniform(10, 50),
  );
  const idle = rng.uniform(0.3, 3);
  const busy = rng.uniform(35, 97);
  const noise = rng.uniform(0.1, 0.8);
  const seed = rng.u32();
  const drv = new Float64Array(c.n).fill(1);
  return {
    category: "ec2_cpu",
    profile: "cpu_batch",
    driver: drv,
    jobs,
    ceiling: 100,
    decimals: 3,
    quantum: 0,
    render: (d) => {
      const r = new ProxyRng(seed, 2);
      const out = new Float64Array(c.n);
      let runLevel = busy;
      for (let i = 0; i < c.n; i++) {
        if (jobs[i] && (i === 0 || !jobs[i - 1])) runLevel = clip(busy * r.uniform(0.8, 1.08), 5, 99.5);
        const base = jobs[i] ? runLevel + 2 * r.normal() : idle + noise * Math.abs(r.normal());
        out[i] = clip(base * d[i], 0, 100);
      }
      return out;
    },
  };
}

/** A nearly idle instance (bastion, small worker): tiny CPU, visibly quantised, with rare blips. */
function cpuIdle(rng: ProxyRng, c: Clock): Model {
  const level = rng.uniform(0.05, 1.2);
  const quantum = rng.pick([1 / 60, 1 / 30, 0.0667, 0.001]);
  const blips = bursts(rng, c.n, rng.uniform(0.3, 3), 1.3, rng.uniform(0.5, 4));
  const seed = rng.u32();
  const drv = traffic(rng, c, { wobble: 0.01 });
  return {
    category: "ec2_cpu",
    profile: "cpu_idle",
    driver: drv,
    ceiling: 100,
    decimals: 4,
    quantum,
    render: (d) => {
      const r = new ProxyRng(seed, 3);
      const out = new Float64Array(c.n);
      for (let i = 0; i < c.n; i++) {
        const v = level * (0.8 + 0.2 * d[i]) * Math.exp(0.25 * r.normal()) + blips[i];
        out[i] = clip(v, 0, 100);
      }
      return out;
    },
  };
}

/** A steady service (queue consumer, cache): a level with AR noise and a faint daily swing. */
function cpuSteady(rng: ProxyRng, c: Clock): Model {
  const level = rng.uniform(10, 60);
  const swing = rng.uniform(0, 0.15);
  const noise = rng.uniform(0.8, 4);
  const phi = rng.uniform(0.3, 0.9);
  const seed = rng.u32();
  const drv = traffic(rng, c, { weekend: 1, wobble: 0.01 });
  return {
    category: "ec2_cpu",
    profile: "cpu_steady",
    driver: drv,
    ceiling: 100,
    decimals: 3,
    quantum: 0,
    render: (d) => {
      const r = new ProxyRng(seed, 4);
      const out = new Float64Array(c.n);
      let ar = 0;
      for (let i = 0; i < c.n; i++) {
        ar = phi * ar + noise * Math.sqrt(1 - phi * phi) * r.normal();
        out[i] = clip(level * (1 - swing + swing * d[i]) + ar, 0, 100);
      }
      return out;
    },
  };
}

/** RDS CPU: follows queries (traffic), a nightly automated backup, a weekly maintenance window. */
function rds(rng: ProxyRng, c: Clock): Model {
  const drv = traffic(rng, c);
  const base = rng.uniform(3, 20);
  const load = rng.uniform(5, 35);
  const noise = rng.uniform(0.5, 2.5);
  const backupHour = rng.uniform(0, 6);
  const backup = jobRows(rng, c, backupHour, 24, rng.uniform(15, 45), 0.02);
  const backupSize = rng.uniform(4, 25);
  const maintDay = rng.int(0, 6);
  const maintHour = rng.uniform(1, 6);
  const maintSize = rng.uniform(8, 35);
  const seed = rng.u32();
  return {
    category: "rds_cpu",
    profile: "rds",
    driver: drv,
    jobs: backup,
    ceiling: 100,
    decimals: 3,
    quantum: 0,
    render: (d) => {
      const r = new ProxyRng(seed, 5);
      const out = new Float64Array(c.n);
      let ar = 0;
      for (let i = 0; i < c.n; i++) {
        ar = 0.7 * ar + noise * r.normal();
        let v = base + load * d[i] + ar;
        if (backup[i]) v += backupSize * r.uniform(0.7, 1.2);
        const h = hourOf(c, i);
        if (weekdayOf(c, i) === maintDay && h >= maintHour && h < maintHour + 0.75)
          v += maintSize * r.uniform(0.8, 1.1);
        out[i] = clip(v, 0, 100);
      }
      return out;
    },
  };
}

/**
 * An auto-scaling group's average CPU: demand (traffic) over capacity, with target tracking that
 * adds an instance after 3 hot periods and removes one after 15 cold ones: a sawtooth around the
 * target. Incidents on the driver (surges, capacity loss) go through the scaling loop.
 */
function asg(rng: ProxyRng, c: Clock): Model {
  const drv = traffic(rng, c);
  const target = rng.uniform(35, 65);
  const minCap = rng.int(2, 4);
  const perInstance = rng.uniform(0.4, 2.5); // demand units one instance serves at 100 %
  const noise = rng.uniform(0.3, 1.5);
  const seed = rng.u32();
  return {
    category: "asg_cpu",
    profile: "asg",
    driver: drv,
    ceiling: 100,
    decimals: 3,
    quantum: 0,
    render: (d, hold) => {
      const r = new ProxyRng(seed, 6);
      const out = new Float64Array(c.n);
      const demandScale = (minCap * perInstance * target) / 100 / 0.5;
      let cap = minCap + 2;
      let hot = 0;
      let cold = 0;
      let cooldown = 0;
      for (let i = 0; i < c.n; i++) {
        const demand = demandScale * d[i];
        const cpu = clip((100 * demand) / (cap * perInstance) + noise * r.normal(), 0, 100);
        out[i] = cpu;
        hot = cpu > target + 10 ? hot + 1 : 0;
        cold = cpu < target - 15 ? cold + 1 : 0;
        if (cooldown > 0 || hold[i]) cooldown = Math.max(0, cooldown - 1);
        else if (hot >= 3) {
          cap += Math.max(1, Math.round(cap * 0.2));
          hot = 0;
          cooldown = 2;
        } else if (cold >= 15 && cap > minCap) {
          cap -= 1;
          cold = 0;
          cooldown = 6;
        }
      }
      return out;
    },
  };
}

/** NetworkIn bytes per 5 minutes: traffic times log-normal noise, plus heavy-tailed transfers. */
function netIn(rng: ProxyRng, c: Clock, bursty: boolean): Model {
  const drv = traffic(rng, c, { wobble: bursty ? 0.1 : 0.04 });
  const scale = rng.logUniform(2e5, 3e8);
  const sigma = rng.uniform(0.05, bursty ? 0.5 : 0.2);
  const floor = rng.uniform(0.02, 0.15);
  const b = bursts(
    rng,
    c.n,
    bursty ? rng.uniform(2, 12) : rng.uniform(0.2, 2),
    rng.uniform(1.1, 1.8),
    rng.uniform(0.5, 3),
  );
  const pull = rng.chance(0.35)
    ? jobRows(rng, c, rng.uniform(0, 24), 24, rng.uniform(10, 60), 0.05)
    : undefined;
  const pullSize = rng.uniform(1.5, 6);
  const seed = rng.u32();
  return {
    category: "ec2_network_in",
    profile: bursty ? "net_bursty" : "net_web",
    driver: drv,
    jobs: pull,
    ceiling: Number.POSITIVE_INFINITY,
    decimals: 0,
    quantum: 0,
    render: (d) => {
      const r = new ProxyRng(seed, 7);
      const out = new Float64Array(c.n);
      for (let i = 0; i < c.n; i++) {
        let v = (floor + d[i]) * Math.exp(sigma * r.normal()) + b[i];
        if (pull?.[i]) v += pullSize * r.uniform(0.7, 1.2);
        out[i] = Math.max(0, scale * v);
      }
      return out;
    },
  };
}

/** EBS/instance disk write bytes: mostly zero with sparse flushes, or steady logging plus rotations. */
function diskWrite(rng: ProxyRng, c: Clock, sparse: boolean): Model {
  const scale = rng.logUniform(5e4, 5e7);
  const drv = traffic(rng, c, { wobble: 0.05 });
  const b = bursts(rng, c.n, sparse ? rng.uniform(1, 20) : rng.uniform(0.5, 4), rng.uniform(1.2, 2), 1);
  const rotate = jobRows(rng, c, rng.uniform(0, 24), rng.pick([24, 24, 6, 1]), rng.uniform(5, 20), 0.02);
  const rotateSize = rng.uniform(2, 10);
  const sigma = rng.uniform(0.1, 0.4);
  const seed = rng.u32();
  return {
    category: "ec2_disk_write",
    profile: sparse ? "disk_sparse" : "disk_logging",
    driver: drv,
    jobs: rotate,
    ceiling: Number.POSITIVE_INFINITY,
    decimals: 0,
    quantum: 0,
    render: (d) => {
      const r = new ProxyRng(seed, 8);
      const out = new Float64Array(c.n);
      for (let i = 0; i < c.n; i++) {
        let v: number;
        if (sparse) v = b[i] > 0 ? b[i] * (0.5 + d[i]) : r.chance(0.04) ? r.uniform(0.001, 0.05) : 0;
        else v = d[i] * Math.exp(sigma * r.normal()) + 0.3 * b[i];
        if (rotate[i]) v += rotateSize * r.uniform(0.6, 1.3);
        // Disks write whole 4 KiB blocks.
        out[i] = Math.max(0, Math.round((scale * v) / 4096) * 4096);
      }
      return out;
    },
  };
}

/** ELB RequestCount (sum per 5 minutes): Poisson counts around a daily and weekly shape. */
function elb(rng: ProxyRng, c: Clock): Model {
  const drv = traffic(rng, c);
  const rate = rng.logUniform(30, 30000);
  const health = rng.chance(0.6) ? rng.int(6, 40) : 0; // health checks counted by some setups
  const seed = rng.u32();
  const b = bursts(rng, c.n, rng.uniform(0.2, 2), 1.5, 0.4); // crawlers, batch API clients
  return {
    category: "elb_request_count",
    profile: "elb",
    driver: drv,
    ceiling: Number.POSITIVE_INFINITY,
    decimals: 0,
    quantum: 0,
    render: (d) => {
      const r = new ProxyRng(seed, 9);
      const out = new Float64Array(c.n);
      for (let i = 0; i < c.n; i++) out[i] = health + r.poisson(Math.max(0, rate * (d[i] + b[i])));
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Incidents. Each acts on the driver (what the users do) or on the output (what the resource does).

export type IncidentKind =
  | "runaway_process"
  | "bad_deploy"
  | "traffic_surge"
  | "outage"
  | "memory_leak"
  | "stuck_metric"
  | "disk_write_storm"
  | "noisy_neighbour"
  | "network_flood"
  | "missed_job"
  | "job_overrun"
  | "cache_stampede"
  | "capacity_loss"
  | "traffic_drop";

/** Why each incident is in the mix (what happens on a real fleet). */
export const INCIDENT_REASONS: Record<IncidentKind, string> = {
  runaway_process:
    "a thread spins (infinite loop, stuck regex, retry loop): CPU climbs within minutes to a high plateau until someone restarts it",
  bad_deploy:
    "a release makes every request dearer (N+1 query, debug logging left on): the load-to-CPU ratio steps up and stays until rollback",
  traffic_surge:
    "a campaign, a viral link or a client batch job: requests ramp to several times normal for an hour or hours, and everything downstream follows",
  outage: "the process crashes, the AZ or the upstream fails: requests, traffic and CPU fall to near nothing",
  memory_leak:
    "heap grows, GC runs more and more often: CPU creeps up over a day or two until the process is OOM-killed",
  stuck_metric: "the agent or the exporter hangs: the same value is reported again and again for hours",
  disk_write_storm:
    "runaway debug logging, a reindex or swap thrash: write bytes jump by an order of magnitude for an hour or more",
  noisy_neighbour:
    "another tenant steals CPU or saturates the host NIC: the series turns erratic (bigger swings, dips) without a clear level change",
  network_flood:
    "a DDoS, a scraper or a misconfigured client re-downloading: NetworkIn jumps to many times the usual peak",
  missed_job: "the nightly backup, rotation or batch job does not run (cron disabled, scheduler down)",
  job_overrun: "the nightly job runs much longer and harder than usual (data grew, lock contention)",
  cache_stampede:
    "the cache is flushed or expires at once: the database takes every read, CPU near the ceiling for tens of minutes",
  capacity_loss:
    "scaling is broken (launch template error, capacity limit) or instances are lost: the rest run hot through the peak",
  traffic_drop:
    "a DNS or routing change, a lost partner, a broken client release: traffic steps down to a fraction and stays there",
};

/** Which incidents each profile can suffer, with their weights (the operational mix). */
const MIX: Record<Profile, ReadonlyArray<readonly [IncidentKind, number]>> = {
  cpu_web: [
    ["runaway_process", 3],
    ["bad_deploy", 1.5],
    ["traffic_surge", 0.5],
    ["outage", 5],
    ["memory_leak", 0.7],
    ["stuck_metric", 0.3],
    ["noisy_neighbour", 0.5],
  ],
  cpu_batch: [
    ["runaway_process", 3],
    ["job_overrun", 2],
    ["missed_job", 0.5],
    ["stuck_metric", 0.3],
  ],
  cpu_idle: [
    ["runaway_process", 3],
    ["memory_leak", 1],
    ["bad_deploy", 1],
    ["stuck_metric", 0.5],
  ],
  cpu_steady: [
    ["runaway_process", 2],
    ["bad_deploy", 2],
    ["outage", 3],
    ["noisy_neighbour", 0.5],
    ["memory_leak", 0.7],
  ],
  rds: [
    ["cache_stampede", 3],
    ["bad_deploy", 2],
    ["traffic_surge", 0.5],
    ["outage", 2.5],
    ["job_overrun", 1],
    ["missed_job", 0.5],
    ["memory_leak", 0.5],
  ],
  asg: [
    ["traffic_surge", 1],
    ["capacity_loss", 2],
    ["bad_deploy", 2],
    ["outage", 3],
  ],
  net_web: [
    ["network_flood", 2.5],
    ["traffic_surge", 0.5],
    ["outage", 4],
    ["traffic_drop", 0.7],
    ["noisy_neighbour", 0.3],
  ],
  net_bursty: [
    ["network_flood", 2.5],
    ["outage", 2],
    ["traffic_surge", 0.5],
    ["stuck_metric", 0.5],
  ],
  disk_sparse: [
    ["disk_write_storm", 3],
    ["missed_job", 0.5],
    ["stuck_metric", 0.5],
  ],
  disk_logging: [
    ["disk_write_storm", 3],
    ["outage", 3],
    ["job_overrun", 1],
    ["stuck_metric", 0.5],
  ],
  elb: [
    ["traffic_surge", 1],
    ["outage", 5],
    ["traffic_drop", 0.7],
    ["bad_deploy", 1],
  ],
};

/** Magnitude knob: multiplies the size of every incident (calibrated on seed 201, then frozen). */
export const MAGNITUDE = 1;

export interface Incident {
  kind: IncidentKind;
  /** Grid row (before missing points are dropped) where it starts. */
  onset: number;
  /** Rows it lasts (to the end of the series at most). */
  duration: number;
  /** Kind-specific size, recorded for the report. */
  size: number;
}

/** How long each kind lasts, in rows. */
function durationOf(rng: ProxyRng, kind: IncidentKind): number {
  const h = ROWS_PER_HOUR;
  switch (kind) {
    case "runaway_process":
      return rng.int(2 * h, 14 * h);
    case "bad_deploy":
      return rng.int(4 * h, 30 * h);
    case "traffic_surge":
      return rng.int(1 * h, 6 * h);
    case "outage":
      return rng.int(3, 3 * h);
    case "memory_leak":
      return rng.int(18 * h, 40 * h);
    case "stuck_metric":
      return rng.int(2 * h, 10 * h);
    case "disk_write_storm":
      return rng.int(1 * h, 5 * h);
    case "noisy_neighbour":
      return rng.int(3 * h, 12 * h);
    case "network_flood":
      return rng.int(3, 3 * h);
    case "missed_job":
    case "job_overrun":
      return 0; // set from the job schedule
    case "cache_stampede":
      return rng.int(2, 6 * 6);
    case "capacity_loss":
      return rng.int(4 * h, 12 * h);
    case "traffic_drop":
      return rng.int(8 * h, 40 * h);
  }
}

/** Applies driver-stage incidents (what users do) in place. */
function applyDriver(rng: ProxyRng, d: Float64Array, hold: Uint8Array, inc: Incident): boolean {
  const { onset: o, duration: len } = inc;
  const end = Math.min(d.length, o + len);
  const m = MAGNITUDE;
  switch (inc.kind) {
    case "traffic_surge": {
      const peak = 1 + m * rng.uniform(2, 9);
      inc.size = peak;
      const ramp = rng.int(1, 8);
      for (let i = o; i < end; i++) {
        const up = Math.min(1, (i - o + 1) / ramp);
        const down = Math.min(1, (end - i) / Math.max(1, Math.floor(len / 4)));
        d[i] *= 1 + (peak - 1) * up * down;
      }
      return true;
    }
    case "traffic_drop": {
      const keep = clip(1 - m * rng.uniform(0.45, 0.85), 0.02, 0.95);
      inc.size = keep;
      for (let i = o; i < end; i++) d[i] *= keep;
      return true;
    }
    case "capacity_loss": {
      // Fewer instances serve the same demand: the average per instance rises by this factor.
      const factor = 1 + m * rng.uniform(0.6, 1.5);
      inc.size = factor;
      for (let i = o; i < end; i++) {
        d[i] *= factor;
        hold[i] = 1;
      }
      return true;
    }
    default:
      return false;
  }
}

interface Scale {
  median: number;
  p95: number;
  max: number;
  min: number;
}

function scaleOf(v: Float64Array, upTo: number): Scale {
  const s = Array.from(v.subarray(0, Math.max(10, upTo))).sort((a, b) => a - b);
  return {
    median: s[Math.floor(s.length / 2)],
    p95: s[Math.floor(s.length * 0.95)],
    max: s[s.length - 1],
    min: s[0],
  };
}

/** Applies output-stage incidents in place. */
function applyOutput(rng: ProxyRng, model: Model, v: Float64Array, inc: Incident): void {
  const { onset: o } = inc;
  let end = Math.min(v.length, o + inc.duration);
  const sc = scaleOf(v, o);
  const ceil = model.ceiling;
  const isCpu = ceil === 100;
  const m = MAGNITUDE;
  switch (inc.kind) {
    case "runaway_process": {
      // Each spinning thread holds one core of an n-core box: + 100/n points per thread.
      const cores = rng.pick([2, 2, 4, 4, 8]);
      const threads = rng.int(1, 2);
      const add = isCpu ? (m * 100 * threads) / cores : sc.p95 * m * rng.uniform(1, 4);
      inc.size = add;
      const ramp = rng.int(1, 4);
      for (let i = o; i < end; i++) {
        const a = Math.min(1, (i - o + 1) / ramp);
        v[i] = clip(v[i] + a * add + rng.normal() * 0.5, 0, isCpu ? 99.8 : ceil);
      }
      return;
    }
    case "bad_deploy": {
      const factor = 1 + m * rng.uniform(0.2, 0.8);
      inc.size = factor;
      for (let i = o; i < end; i++)
        v[i] = clip(v[i] * factor + (isCpu ? 2 * Math.abs(rng.normal()) : 0), 0, ceil);
      return;
    }
    case "outage": {
      const rest = isCpu ? rng.uniform(0, 0.5) : 0;
      inc.size = rest;
      for (let i = o; i < end; i++) v[i] = isCpu ? rest * rng.uniform(0.5, 1.5) : v[i] * rng.uniform(0, 0.01);
      return;
    }
    case "memory_leak": {
      const rise = isCpu ? Math.min(m * rng.uniform(20, 55), 98 - sc.median) : sc.p95 * m * rng.uniform(1, 3);
      inc.size = rise;
      const len = end - o;
      for (let i = o; i < end; i++) {
        const f = ((i - o) / len) ** rng.uniform(1.2, 1.4);
        v[i] = clip(v[i] + rise * f + rise * 0.1 * f * rng.normal(), 0, ceil);
      }
      // OOM kill: a short drop to idle, then back to normal.
      for (let i = end; i < Math.min(v.length, end + 3); i++) v[i] = isCpu ? rng.uniform(0, 1) : 0;
      return;
    }
    case "stuck_metric": {
      const held = v[o - 1];
      inc.size = held;
      for (let i = o; i < end; i++) v[i] = held;
      return;
    }
    case "disk_write_storm": {
      const level = Math.max(sc.p95, sc.median, sc.max * 0.05) * m * rng.uniform(3, 25) + sc.max * 0.2;
      inc.size = level;
      for (let i = o; i < end; i++) v[i] += level * Math.exp(0.3 * rng.normal());
      return;
    }
    case "noisy_neighbour": {
      const amp = m * rng.uniform(0.25, 0.6);
      inc.size = amp;
      for (let i = o; i < end; i++) {
        const dip = rng.chance(0.3) ? rng.uniform(0.3, 0.8) : 1;
        v[i] = clip(v[i] * dip * (1 + amp * rng.normal()), 0, ceil);
      }
      return;
    }
    case "network_flood": {
      const level =
        m * Math.max(Math.max(sc.p95, sc.median) * rng.uniform(3, 20), sc.max * rng.uniform(0.8, 3));
      inc.size = level;
      const ramp = rng.int(1, 3);
      for (let i = o; i < end; i++)
        v[i] += Math.min(1, (i - o + 1) / ramp) * level * Math.exp(0.2 * rng.normal());
      return;
    }
    case "cache_stampede": {
      // Many databases are I/O-bound in a stampede: CPU goes well past its busiest, not always to 100.
      const target = isCpu ? Math.min(99.5, sc.max * (1 + m * rng.uniform(0.1, 1))) : sc.max * 2;
      inc.size = target;
      for (let i = o; i < end; i++) {
        const decay = 1 - (i - o) / Math.max(1, end - o);
        v[i] = clip(v[i] + (target - v[i]) * (0.6 + 0.4 * decay) + rng.normal(), 0, ceil);
      }
      return;
    }
    case "missed_job":
    case "job_overrun": {
      const jobs = model.jobs!;
      let s = o;
      while (s < v.length && jobs[s]) s++; // o is a job start (chosen so), find its end
      const len = s - o;
      const base = scaleOf(v, o).median;
      if (inc.kind === "missed_job") {
        for (let i = o; i < s; i++)
          v[i] = base * rng.uniform(0.8, 1.2) * (isCpu ? 1 : rng.chance(0.7) ? 0 : 1);
        inc.duration = len;
        inc.size = len;
      } else {
        const factor = rng.uniform(3, 6);
        const extra = Math.round(len * (factor - 1));
        end = Math.min(v.length, s + extra);
        const level = Math.max(...Array.from(v.subarray(o, s)));
        const boost = 1 + m * rng.uniform(0.2, 0.8);
        for (let i = o; i < end; i++)
          v[i] = clip(Math.max(v[i], level) * boost * rng.uniform(0.9, 1.05), 0, ceil);
        inc.duration = end - o;
        inc.size = factor;
      }
      return;
    }
    default:
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// Series plan and assembly.

const PLAN: ReadonlyArray<readonly [Profile, number]> = [
  ["cpu_web", 4],
  ["cpu_batch", 2],
  ["cpu_idle", 2],
  ["cpu_steady", 2],
  ["rds", 5],
  ["asg", 4],
  ["net_web", 4],
  ["net_bursty", 3],
  ["disk_sparse", 3],
  ["disk_logging", 3],
  ["elb", 6],
];

function buildModel(rng: ProxyRng, c: Clock, p: Profile): Model {
  switch (p) {
    case "cpu_web":
      return cpuWeb(rng, c);
    case "cpu_batch":
      return cpuBatch(rng, c);
    case "cpu_idle":
      return cpuIdle(rng, c);
    case "cpu_steady":
      return cpuSteady(rng, c);
    case "rds":
      return rds(rng, c);
    case "asg":
      return asg(rng, c);
    case "net_web":
      return netIn(rng, c, false);
    case "net_bursty":
      return netIn(rng, c, true);
    case "disk_sparse":
      return diskWrite(rng, c, true);
    case "disk_logging":
      return diskWrite(rng, c, false);
    case "elb":
      return elb(rng, c);
  }
}

const FILE_PREFIX: Record<Profile, string> = {
  cpu_web: "ec2_cpu_utilization",
  cpu_batch: "ec2_cpu_utilization",
  cpu_idle: "ec2_cpu_utilization",
  cpu_steady: "ec2_cpu_utilization",
  rds: "rds_cpu_utilization",
  asg: "grok_asg_cpu",
  net_web: "ec2_network_in",
  net_bursty: "ec2_network_in",
  disk_sparse: "ec2_disk_write_bytes",
  disk_logging: "ec2_disk_write_bytes",
  elb: "elb_request_count",
};

export interface ProxySeries {
  category: Category;
  profile: Profile;
  /** "<category>/<file>.csv" */
  name: string;
  timestamps: string[];
  values: number[];
  /** Labelled rows (onsets), sorted, in the written file's row numbering. */
  labels: number[];
  /** NAB windows as [firstRow, lastRow]. */
  windows: Array<[number, number]>;
  incidents: Array<Incident & { labelRow: number; labelTimestamp: string }>;
}

/** Picks onsets (grid rows) for `count` incidents, spaced so that their windows cannot overlap. */
/**
 * When incidents of a kind tend to start (local time): releases go out in working hours on working
 * days, campaigns and surges and lost capacity show at busy hours, cache flushes follow releases.
 * [from hour, to hour, working days only, share of incidents that follow the rule]
 */
const WHEN: Partial<Record<IncidentKind, readonly [number, number, boolean, number]>> = {
  bad_deploy: [9, 17, true, 0.85],
  traffic_surge: [9, 21, false, 0.7],
  capacity_loss: [10, 18, true, 0.7],
  cache_stampede: [8, 20, false, 0.6],
};

function pickOnsets(
  rng: ProxyRng,
  c: Clock,
  count: number,
  jobs: Uint8Array | undefined,
  kinds: IncidentKind[],
) {
  const n = c.n;
  const jobKinds = kinds.map((k) => k === "missed_job" || k === "job_overrun");
  const windowLen = Math.floor((WINDOW_SHARE * n) / count);
  const half = Math.floor(windowLen / 2);
  // Margins absorb the rows dropped as missing (at most ~1 %) and keep the first window out of probation.
  const lo = probationRows(n) + half + Math.ceil(0.02 * n) + 2;
  const hi = n - Math.floor(half / 2) - 2;
  for (let attempt = 0; attempt < 400; attempt++) {
    const onsets: number[] = [];
    for (let k = 0; k < count; k++) {
      let o = rng.int(lo, hi);
      if (jobKinds[k] && jobs) {
        // Snap to the start of the next scheduled job.
        let j = o;
        while (j < hi && !(jobs[j] && !jobs[j - 1])) j++;
        if (j >= hi) {
          o = -1;
        } else o = j;
      }
      const when = WHEN[kinds[k]];
      if (o >= 0 && when && rng.chance(when[3])) {
        // Move forward to the next row in the kind's hours.
        let j = o;
        const fits = (i: number) => {
          const h = hourOf(c, i);
          const wd = weekdayOf(c, i);
          return h >= when[0] && h < when[1] && (!when[2] || (wd >= 1 && wd <= 5));
        };
        while (j < hi && !fits(j)) j++;
        o = j < hi ? j + rng.int(0, 3) : -1;
      }
      onsets.push(o);
    }
    if (onsets.some((o) => o < 0)) continue;
    const sorted = [...onsets].sort((a, b) => a - b);
    let ok = true;
    for (let k = 1; k < count; k++)
      if (sorted[k] - sorted[k - 1] < windowLen + Math.ceil(0.02 * n) + 24) ok = false;
    if (ok) return onsets;
  }
  return null;
}

/** Rows kept after CloudWatch's missing datapoints: short gaps, and now and then a long one. */
function keptRows(rng: ProxyRng, n: number, protect: Set<number>): number[] {
  const drop = new Uint8Array(n);
  if (rng.chance(0.45)) {
    const gaps = rng.int(1, 8);
    for (let g = 0; g < gaps; g++) {
      const at = rng.int(1, n - 2);
      const len = rng.chance(0.15) ? rng.int(6, 24) : rng.int(1, 3);
      for (let k = 0; k < len && at + k < n - 1; k++) drop[at + k] = 1;
    }
  }
  for (const p of protect) drop[p] = 0;
  // At most 1.5 % of the rows go missing, so that labels keep their place relative to probation.
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    if (drop[i] && dropped >= Math.floor(0.015 * n)) drop[i] = 0;
    if (drop[i]) dropped++;
  }
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (!drop[i]) kept.push(i);
  return kept;
}

function formatValue(x: number, decimals: number, quantum: number): number {
  let v = x;
  if (quantum > 0) v = Math.round(v / quantum) * quantum;
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

/** One labelled series; `index` numbers the series within the seed (its random stream). */
export function generateSeries(seed: number, index: number, profile: Profile): ProxySeries {
  const rng = new ProxyRng(seed, index + 1);
  const days = rng.weighted<number>([
    [14, 0.7],
    [7, 0.12],
    [rng.uniform(3, 6), 0.18],
  ]);
  const n = Math.round(days * ROWS_PER_DAY);
  const t0 =
    Date.UTC(2026, 0, 5) + rng.int(0, 300) * ROWS_PER_DAY * STEP_MS + rng.int(0, ROWS_PER_DAY - 1) * STEP_MS;
  const clock: Clock = { n, t0, tz: rng.pick([-8, -5, 0, 1, 5.5, 9]) };
  const model = buildModel(rng, clock, profile);

  const maxCount = n >= 3500 ? 3 : n >= 1800 ? 2 : 1;
  let count = rng.weighted<number>([
    [1, 0.45],
    [2, 0.35],
    [3, 0.2],
  ]);
  count = Math.min(count, maxCount);
  let kinds: IncidentKind[] = [];
  let onsets: number[] | null = null;
  for (let attempt = 0; attempt < 20 && onsets === null; attempt++) {
    kinds = [];
    // A resource's incidents in two weeks are different failures: the first one of a kind gets fixed.
    const options = MIX[profile].filter(
      ([kind]) => model.jobs || (kind !== "missed_job" && kind !== "job_overrun"),
    );
    count = Math.min(count, options.length);
    for (let k = 0; k < count; k++) {
      const kind = rng.weighted(options.filter(([x]) => !kinds.includes(x)));
      kinds.push(kind);
    }
    onsets = pickOnsets(rng, clock, count, model.jobs, kinds);
    if (onsets === null && attempt > 10) count = Math.max(1, count - 1);
  }
  if (onsets === null) throw new Error(`series ${index}: no room for incidents`);

  const incidents: Incident[] = kinds
    .map((kind, k) => ({ kind, onset: onsets![k], duration: durationOf(rng, kind), size: 0 }))
    .sort((a, b) => a.onset - b.onset);
  // An incident ends before the next one starts (the service was fixed), with an hour to spare.
  for (let k = 0; k + 1 < incidents.length; k++) {
    const room = incidents[k + 1].onset - incidents[k].onset - ROWS_PER_HOUR;
    if (incidents[k].duration > room) incidents[k].duration = room;
  }
  const driver = Float64Array.from(model.driver);
  const hold = new Uint8Array(n);
  for (const inc of incidents) applyDriver(rng, driver, hold, inc);
  const values = model.render(driver, hold);
  for (const inc of incidents) applyOutput(rng, model, values, inc);

  const protect = new Set<number>(incidents.map((i) => i.onset));
  const kept = keptRows(rng, n, protect);
  const rowOf = new Map<number, number>(kept.map((g, r) => [g, r]));
  const timestamps = kept.map((g) => formatTimestamp(timeOf(clock, g)));
  const out = kept.map((g) =>
    Math.max(0, Math.min(model.ceiling, formatValue(values[g], model.decimals, model.quantum))),
  );
  const labels = incidents.map((i) => rowOf.get(i.onset)!);
  const windows = nabWindows(kept.length, labels);
  if (windows.length !== labels.length) throw new Error(`series ${index}: a window was lost or merged`);
  const suffix = (new ProxyRng(seed, 10_000 + index).u32() >>> 8).toString(16).padStart(6, "0");
  const name = `${model.category}/${FILE_PREFIX[profile]}_${suffix}.csv`;
  return {
    category: model.category,
    profile,
    name,
    timestamps,
    values: out,
    labels,
    windows,
    incidents: incidents.map((inc, k) => ({
      ...inc,
      labelRow: labels[k],
      labelTimestamp: timestamps[labels[k]],
    })),
  };
}

/** All series of one seed (36). */
export function generateProxy(seed: number): ProxySeries[] {
  const out: ProxySeries[] = [];
  let index = 0;
  for (const [profile, count] of PLAN) {
    for (let k = 0; k < count; k++) out.push(generateSeries(seed, index++, profile));
  }
  return out;
}

/** The CSV text of one series. */
export function seriesCsv(s: ProxySeries): string {
  const lines = ["timestamp,value"];
  for (let i = 0; i < s.values.length; i++) lines.push(`${s.timestamps[i]},${s.values[i]}`);
  return `${lines.join("\n")}\n`;
}

/** Writes the NAB-style folder for `seed` into `dir`; returns the series. */
export function writeProxyFolder(dir: string, seed: number): ProxySeries[] {
  const series = generateProxy(seed);
  const windows: Record<string, string[][]> = {};
  const labels: Record<string, string[]> = {};
  const incidents: Record<string, unknown[]> = {};
  for (const s of series) {
    mkdirSync(join(dir, "data", s.category), { recursive: true });
    writeFileSync(join(dir, "data", s.name), seriesCsv(s));
    windows[s.name] = s.windows.map(([a, b]) => [`${s.timestamps[a]}.000000`, `${s.timestamps[b]}.000000`]);
    labels[s.name] = s.labels.map((r) => `${s.timestamps[r]}`);
    incidents[s.name] = s.incidents.map((i) => ({
      kind: i.kind,
      profile: s.profile,
      label: i.labelTimestamp,
      labelRow: i.labelRow,
      durationRows: i.duration,
      size: Number(i.size.toPrecision(4)),
    }));
  }
  mkdirSync(join(dir, "labels"), { recursive: true });
  const sortKeys = <T>(o: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  writeFileSync(
    join(dir, "labels", "combined_windows.json"),
    `${JSON.stringify(sortKeys(windows), null, 4)}\n`,
  );
  writeFileSync(
    join(dir, "labels", "combined_labels.json"),
    `${JSON.stringify(sortKeys(labels), null, 4)}\n`,
  );
  writeFileSync(
    join(dir, "labels", "incidents.json"),
    `${JSON.stringify({ seed, reasons: INCIDENT_REASONS, incidents: sortKeys(incidents) }, null, 2)}\n`,
  );
  return series;
}
