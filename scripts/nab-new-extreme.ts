/**
 * A baseline detector program for the NAB scoring kit: an alarm on every new maximum or minimum.
 * A row scores 1 when its value leaves the range of all earlier rows by more than `--tolerance`
 * (a share of that range, default 0.01), else 0; the first `--warmup` rows (default 2) only build
 * the range. The DESIGN notes quote this rule at about 60 on NAB's AWS files; it is the yardstick
 * the labelled proxy sets are calibrated against, not a Helios detector.
 *
 *   node ../shared/tools/nab/score-detector.mjs --data <NAB folder> \
 *     --cmd "node --import tsx scripts/nab-new-extreme.ts"
 */
import { parseArgs } from "node:util";
import { parseSeriesCsv } from "./nab-detector";

/** 1 where a value leaves the range of the values before it by more than `tolerance` of it, else 0. */
export function newExtremeScores(values: ArrayLike<number>, tolerance: number, warmup: number): Uint8Array {
  const scores = new Uint8Array(values.length);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (i >= warmup) {
      const margin = tolerance * (max - min);
      if (x > max + margin || x < min - margin) scores[i] = 1;
    }
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return scores;
}

async function main(): Promise<void> {
  const { values: options } = parseArgs({
    options: {
      tolerance: { type: "string", default: "0.01" },
      warmup: { type: "string", default: "2" },
    },
  });
  const tolerance = Number(options.tolerance);
  const warmup = Number(options.warmup);
  if (!(tolerance >= 0) || !Number.isInteger(warmup) || warmup < 1)
    throw new Error("--tolerance must be >= 0 and --warmup an integer >= 1");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const series = parseSeriesCsv(Buffer.concat(chunks).toString("utf8"));
  const scores = newExtremeScores(series.values, tolerance, warmup);
  process.stdout.write(scores.length > 0 ? `${Array.from(scores).join("\n")}\n` : "");
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`nab-new-extreme: ${error.message}\n`);
    process.exitCode = 1;
  });
}
