#!/usr/bin/env node
/**
 * `npm run backtest -- DIR [--out REPORT_DIR] [--schedule MINUTES] [--history-days DAYS]`: what the
 * watcher would have said about exported series (see scripts/backtest/backtest-command.ts), with
 * the series model from models/ (checksum-verified), exactly as the deployed watcher scores.
 */
import { loadSeriesScorers } from "../lambdas/watcher/series-scorers";
import { parseBacktestArgs, runBacktest, USAGE } from "./backtest/backtest-command";

async function main(): Promise<number> {
  const options = parseBacktestArgs(process.argv.slice(2));
  if (typeof options === "string") {
    console.error(`${options}\n${USAGE}`);
    return 2;
  }
  const scorers = await loadSeriesScorers({});
  const { report } = await runBacktest(options, scorers, (line) => process.stdout.write(`${line}\n`));
  process.stderr.write(`report: ${report}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
