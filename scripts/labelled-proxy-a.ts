/**
 * Writes labelled proxy A (models/training/series/labelled-proxy-a.ts): a NAB-style folder of
 * CloudWatch-like series with labelled operational incidents, for the NAB scoring kit. Evaluation only.
 *
 *   npx tsx scripts/labelled-proxy-a.ts --out /tmp/proxy-a-101 --seed 101
 *   node ../shared/tools/nab/score-detector.mjs --data /tmp/proxy-a-101 --cmd "..." --per-file
 *
 * Seed 101 is the calibration seed (the mix and sizes were set on it); 102-104 are held out.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeLabelledProxy } from "../models/training/series/labelled-proxy-a";

function main(): void {
  const { values: options } = parseArgs({
    options: { out: { type: "string" }, seed: { type: "string", default: "101" } },
  });
  const seed = Number(options.seed);
  if (!options.out || !Number.isInteger(seed)) throw new Error("usage: --out DIR [--seed N]");
  const dir = resolve(options.out);
  const { series, incidents } = writeLabelledProxy(dir, seed);
  process.stdout.write(
    `labelled proxy A, seed ${seed}: ${series} series, ${incidents} incidents -> ${dir}\n`,
  );
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`labelled-proxy-a: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
