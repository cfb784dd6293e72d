/**
 * The targets of issue 6 and whether a run met them. Reported, never enforced: this machine is
 * shared, and a benchmark that fails CI on noise teaches people to ignore it.
 */
import { DETECTORS } from "../lambdas/catalog";
import type { BenchResults } from "./results";

/** Warm handler p50 limit for detectors with numeric input, µs. */
export const NUMERIC_HANDLER_P50_US = 100;
/** Warm handler p50 limit for the text (content) detector, µs. */
export const TEXT_HANDLER_P50_US = 300;
/** Local API throughput as a fraction of the do-nothing server's. */
export const API_FRACTION_OF_BASELINE = 0.7;
/** Fresh process to first answered prediction, ms. */
export const COLD_START_MS = 200;
/** A detector function's deployment packages (code + layers), zipped, bytes. */
export const ASSET_ZIPPED_BYTES = 20 * 1024 * 1024;

/** One target checked against one measurement. */
export interface Verdict {
  readonly target: string;
  /** What was measured, e.g. "cpu" or "cpu, 16 connections". */
  readonly subject: string;
  readonly limit: string;
  readonly measured: string;
  readonly met: boolean;
}

/** The warm p50 limit of a detector, µs: text input is tokenised, so it gets more time. */
export function handlerLimitUs(detector: string): number {
  const spec = DETECTORS.find((d) => d.name === detector);
  return spec?.input.kind === "text" ? TEXT_HANDLER_P50_US : NUMERIC_HANDLER_P50_US;
}

/** Every target against every detector it applies to. */
export function evaluateTargets(results: BenchResults): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const h of results.handler) {
    const limit = handlerLimitUs(h.detector);
    verdicts.push({
      target: "warm handler p50",
      subject: h.detector,
      limit: `≤ ${limit} µs`,
      measured: `${h.single.p50.toFixed(0)} µs`,
      met: h.single.p50 <= limit,
    });
  }
  for (const r of results.api.results) {
    if (r.target === "baseline") continue;
    verdicts.push({
      target: "local API throughput",
      subject: `${r.target}, ${r.connections} conn.`,
      limit: `≥ ${API_FRACTION_OF_BASELINE * 100} % of do-nothing`,
      measured: `${(r.fractionOfBaseline * 100).toFixed(0)} %`,
      met: r.fractionOfBaseline >= API_FRACTION_OF_BASELINE,
    });
  }
  for (const c of results.coldStart.detectors) {
    verdicts.push({
      target: "cold start",
      subject: c.detector,
      limit: `≤ ${COLD_START_MS} ms`,
      measured: `${c.totalMs.toFixed(0)} ms`,
      met: c.totalMs <= COLD_START_MS,
    });
  }
  for (const a of results.assets) {
    const detector = DETECTORS.find((d) => a.function.toLowerCase().includes(`/${d.name}detector/`));
    if (!detector) continue;
    verdicts.push({
      target: "function asset, zipped",
      subject: detector.name,
      limit: "≤ 20 MB",
      measured: `${(a.totalZipped / 1024 / 1024).toFixed(1)} MB`,
      met: a.totalZipped <= ASSET_ZIPPED_BYTES,
    });
  }
  for (const s of results.series ?? []) {
    verdicts.push({
      target: `series scoring p50, ${s.points.toLocaleString("en-US")} points`,
      subject: "in-process",
      limit: `≤ ${s.limitMs} ms`,
      measured: `${s.total.p50.toFixed(2)} ms`,
      met: s.total.p50 <= s.limitMs,
    });
  }
  return verdicts;
}

/** One line per target: met when every subject met it. */
export function summarizeVerdicts(
  verdicts: readonly Verdict[],
): { target: string; met: number; of: number }[] {
  const targets = [...new Set(verdicts.map((v) => v.target))];
  return targets.map((target) => {
    const of = verdicts.filter((v) => v.target === target);
    return { target, met: of.filter((v) => v.met).length, of: of.length };
  });
}
