/**
 * Seeded example series for the backtest, shaped like CloudWatch metrics of one small service:
 * a web instance's CPUUtilization (daily cycle, then a CPU spike), its NetworkIn bytes (daily
 * cycle, then a drop to almost nothing), and a database volume's EBSWriteBytes (steady, then a
 * level shift). Same seed, same files, on every machine.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SeededRandom } from "../../models/training/random";

/** One example file. */
export interface ExampleSeries {
  /** e.g. "cpu/web-1.csv". */
  readonly file: string;
  readonly rows: readonly (readonly [number, number])[];
}

const DAY = 86_400;
const PERIOD = 300;
/** 2026-03-01T00:00:00Z. */
export const EXAMPLE_START = Date.parse("2026-03-01T00:00:00Z") / 1000;

/** A normal draw (Box-Muller). */
function normal(random: SeededRandom): number {
  const u = 1 - random.nextDouble();
  const v = random.nextDouble();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** The example series over `days` days at 5 minutes; anomalies sit in the last third. */
export function exampleSeries(days = 10, seed = 20_260_301): ExampleSeries[] {
  const random = new SeededRandom(seed);
  const n = Math.round((days * DAY) / PERIOD);
  const at = (fraction: number) => Math.round(n * fraction);
  const daily = (i: number) => Math.sin((2 * Math.PI * ((i * PERIOD) % DAY)) / DAY - Math.PI / 2);
  const spike = [at(0.8), at(0.8) + 6];
  const drop = [at(0.88), at(0.88) + 24];
  const shift = at(0.72);
  const cpu: [number, number][] = [];
  const network: [number, number][] = [];
  const storage: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const t = EXAMPLE_START + i * PERIOD;
    const busy = 0.5 + 0.5 * daily(i);
    let c = 18 + 22 * busy + 1.5 * normal(random);
    if (i >= spike[0]! && i < spike[1]!) c = 96 + 2 * random.nextDouble();
    cpu.push([t, Math.round(Math.min(100, Math.max(0, c)) * 100) / 100]);
    let net = 4e7 * (0.6 + busy) * (1 + 0.05 * normal(random));
    if (i >= drop[0]! && i < drop[1]!) net = 2e4 * (1 + random.nextDouble());
    network.push([t, Math.round(net)]);
    const level = i >= shift ? 3.2e8 : 1.1e8;
    storage.push([t, Math.round(level * (1 + 0.06 * normal(random)))]);
  }
  return [
    { file: "cpu/web-1.csv", rows: cpu },
    { file: "network/web-1.csv", rows: network },
    { file: "storage/db-1.csv", rows: storage },
  ];
}

/** Writes the example files under `dir`, timestamps in ISO-8601. */
export async function writeExampleSeries(
  dir: string,
  series: readonly ExampleSeries[] = exampleSeries(),
): Promise<void> {
  for (const { file, rows } of series) {
    await mkdir(join(dir, file, ".."), { recursive: true });
    const lines = [
      "timestamp,value",
      ...rows.map(([t, v]) => `${new Date(t * 1000).toISOString().replace(".000Z", "Z")},${v}`),
    ];
    await writeFile(join(dir, file), `${lines.join("\n")}\n`, "utf8");
  }
}
