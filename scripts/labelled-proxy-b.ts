/**
 * Writes labelled proxy B (a NAB-style folder of CloudWatch-like series with labelled incidents,
 * for evaluation only) to a directory outside the repo:
 *
 *   node --import tsx scripts/labelled-proxy-b.ts --out /tmp/proxy-b-202 --seed 202
 *   node ../shared/tools/nab/score-detector.mjs --data /tmp/proxy-b-202 \
 *     --cmd "node --import tsx scripts/nab-detector.ts" --threshold 0.5600000023841858 --jobs 2 --per-file
 *
 * Seed 201 is the calibration seed (the incident mix was tuned there against the kit's baselines);
 * 202-204 are held out. See docs/labelled-proxy-b.md.
 */
import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeProxyFolder } from "../models/training/series/labelled-proxy-b";

function main(): void {
  const { values } = parseArgs({ options: { out: { type: "string" }, seed: { type: "string" } } });
  if (!values.out || values.seed === undefined) throw new Error("usage: --out DIR --seed N");
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error("--seed must be an integer");
  const dir = resolve(values.out);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  const series = writeProxyFolder(dir, seed);
  const rows = series.reduce((s, x) => s + x.values.length, 0);
  const labels = series.reduce((s, x) => s + x.labels.length, 0);
  const windows = series.reduce((s, x) => s + x.windows.length, 0);
  process.stdout.write(
    `${dir}: seed ${seed}, ${series.length} series, ${rows} rows, ${labels} labels, ${windows} windows\n`,
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`labelled-proxy-b: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
