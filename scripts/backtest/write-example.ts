#!/usr/bin/env node
/** Writes the seeded example series (scripts/backtest/example-series.ts) into a folder: `npx tsx scripts/backtest/write-example.ts DIR`. */
import { writeExampleSeries } from "./example-series";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: npx tsx scripts/backtest/write-example.ts DIR");
  process.exit(2);
}
writeExampleSeries(dir).then(
  () => console.log(`wrote ${dir}/cpu/web-1.csv, ${dir}/network/web-1.csv, ${dir}/storage/db-1.csv`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
