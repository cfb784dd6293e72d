/**
 * A detector program for the NAB scoring kit (../shared/tools/nab): reads one series as CSV
 * "timestamp,value" on stdin and prints one score per row, computed by exactly the series core that
 * serves POST /predict/<detector> with a series (scoreSeries on the committed series.onnx, with the
 * manifest entry's threshold and parameters).
 *
 *   node ../shared/tools/nab/score-detector.mjs --data ../shared/datasets/nab-dev \
 *     --cmd "node --import tsx scripts/nab-detector.ts" --threshold <the manifest threshold>
 *   options: --model <id> (default cpu-series); --models <dir> (default models/)
 *
 * NAB's CSVs hold a few timestamps that step back (a clock change); the core takes non-decreasing
 * time, so such a timestamp is held at the previous one. Values are any finite numbers (NAB has
 * negative temperatures), so no detector range is applied here.
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { scoreSeries } from "../lambdas/detection/series/score-series";
import { parseTimestamp } from "../lambdas/detection/series/series-input";
import { openSeriesModel } from "./series-model";

/** Reads the whole of stdin as text. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The timestamps (made non-decreasing) and values of a "timestamp,value" CSV. */
export function parseSeriesCsv(text: string): { timestamps: Float64Array; values: Float64Array } {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = (lines[0] ?? "").split(",").map((h) => h.trim());
  const ti = header.indexOf("timestamp");
  const vi = header.indexOf("value");
  if (ti < 0 || vi < 0) throw new Error("stdin: expected a 'timestamp,value' header");
  const n = lines.length - 1;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cells = lines[i + 1].split(",");
    const parsed = parseTimestamp(cells[ti]);
    if (!parsed.ok) throw new Error(`line ${i + 2}: timestamp ${parsed.message}`);
    timestamps[i] = i > 0 ? Math.max(parsed.seconds, timestamps[i - 1]) : parsed.seconds;
    values[i] = Number(cells[vi]);
    if (!Number.isFinite(values[i]))
      throw new Error(`line ${i + 2}: value ${cells[vi]} is not a finite number`);
  }
  return { timestamps, values };
}

async function main(): Promise<void> {
  const { values: options } = parseArgs({
    options: { model: { type: "string", default: "cpu-series" }, models: { type: "string" } },
  });
  const model = await openSeriesModel(
    options.model,
    resolve(options.models ?? join(__dirname, "..", "models")),
  );
  const series = parseSeriesCsv(await readStdin());
  const scores = await scoreSeries(model.session, model.settings, series.timestamps, series.values);
  process.stdout.write(scores.length > 0 ? `${scores.map((s) => s.score).join("\n")}\n` : "");
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`nab-detector: ${error.message}\n`);
    process.exitCode = 1;
  });
}
