/**
 * `npm run backtest -- DIR [--out REPORT_DIR] [--schedule MINUTES] [--history-days DAYS]`:
 * replays DIR/<detector>/<resource>.csv through the watcher's own run code, prints one JSON line
 * per alert and a summary line on stdout, and writes REPORT_DIR/index.html (default
 * ./backtest-report). The scorers are passed in, so tests can run it with a stand-in.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { FileMetricSource } from "../../lambdas/metric-source/file-metric-source";
import type { SeriesScorers } from "../../lambdas/watcher/series-scorer";
import {
  DEFAULT_HISTORY_DAYS,
  DEFAULT_SCHEDULE_MINUTES,
  MAX_HISTORY_DAYS,
  parseScheduleMinutes,
} from "../../lambdas/watcher/watch-config";
import { alertLine, replay, summaryLine } from "./replay";
import { reportHtml } from "./report-html";

/** What the command line asked for. */
export interface BacktestOptions {
  readonly dir: string;
  readonly out: string;
  readonly scheduleMinutes: number;
  readonly historyDays: number;
}

/** The usage line, printed with every argument problem. */
export const USAGE =
  "usage: npm run backtest -- DIR [--out REPORT_DIR] [--schedule MINUTES] [--history-days DAYS]";

/** Parses the arguments; a string is the problem to print. */
export function parseBacktestArgs(args: readonly string[]): BacktestOptions | string {
  let dir: string | undefined;
  let out = "backtest-report";
  let scheduleMinutes = DEFAULT_SCHEDULE_MINUTES;
  let historyDays = DEFAULT_HISTORY_DAYS;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith("--")) throw new Error(`${arg} needs a value`);
      return next;
    };
    try {
      if (arg === "--out") out = value();
      else if (arg === "--schedule") {
        const parsed = parseScheduleMinutes(value(), "--schedule");
        if (!parsed.ok) return parsed.problems[0]!;
        scheduleMinutes = parsed.value;
      } else if (arg === "--history-days") {
        historyDays = Number(value());
        if (!Number.isInteger(historyDays) || historyDays < 1 || historyDays > MAX_HISTORY_DAYS) {
          return `--history-days must be a whole number from 1 to ${MAX_HISTORY_DAYS}`;
        }
      } else if (arg.startsWith("--")) return `unknown option ${arg}`;
      else if (dir === undefined) dir = arg;
      else return `one DIR only (got ${dir} and ${arg})`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (dir === undefined) return "DIR is missing";
  return { dir: resolve(dir), out: resolve(out), scheduleMinutes, historyDays };
}

/** Runs a backtest: alert lines and the summary go to `print`; returns the report's path. */
export async function runBacktest(
  options: BacktestOptions,
  scorers: SeriesScorers,
  print: (line: string) => void,
): Promise<{ report: string; alerts: number }> {
  const source = await FileMetricSource.open(options.dir);
  const plan = {
    scheduleSeconds: options.scheduleMinutes * 60,
    historySeconds: options.historyDays * 86_400,
  };
  const results = await replay(source, scorers, plan);
  let alerts = 0;
  for (const series of results) {
    for (const alert of series.alerts) {
      print(alertLine(series, alert));
      alerts += 1;
    }
  }
  print(summaryLine(results));
  await mkdir(options.out, { recursive: true });
  const report = join(options.out, "index.html");
  await writeFile(report, reportHtml(results, plan, options.dir.split("/").slice(-2).join("/")), "utf8");
  return { report, alerts };
}
