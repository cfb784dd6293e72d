/**
 * Labelled proxy B (evaluation-only NAB-style folder): deterministic from its seed, NAB's window rule,
 * labels after probation and inside their series, sane values.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import {
  type Category,
  generateProxy,
  nabWindows,
  ProxyRng,
  type ProxySeries,
  probationRows,
  writeProxyFolder,
} from "../../models/training/series/labelled-proxy-b";

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

describe("NAB's window rule", () => {
  test("one label: 10 % of the rows, centred, integer halves", () => {
    // 4,032 rows: int(403.2) = 403 rows, half int(403 / 2) = 201 on each side.
    expect(nabWindows(4032, [1000])).toEqual([[799, 1201]]);
    expect(nabWindows(1000, [500])).toEqual([[450, 550]]);
  });

  test("several labels share the 10 %", () => {
    // 1,000 rows, 2 labels: int(100 / 2) = 50 rows each, half 25.
    expect(nabWindows(1000, [300, 700])).toEqual([
      [275, 325],
      [675, 725],
    ]);
    // 3 labels: int(33.33) = 33, half 16.
    expect(nabWindows(1000, [300, 500, 800])).toEqual([
      [284, 316],
      [484, 516],
      [784, 816],
    ]);
  });

  test("clipped to the file; a first window reaching into probation is deleted; overlaps merge", () => {
    expect(nabWindows(1000, [980])).toEqual([[930, 999]]);
    // Probation is 150 rows; [110, 210] starts inside it.
    expect(probationRows(1000)).toBe(150);
    expect(nabWindows(1000, [160])).toEqual([]);
    // Probation is at most 750 rows.
    expect(probationRows(10000)).toBe(750);
    expect(nabWindows(1000, [400, 420])).toEqual([[375, 445]]);
    expect(nabWindows(1000, [])).toEqual([]);
  });
});

describe("the random generator", () => {
  test("is deterministic and depends on seed and stream", () => {
    const a = new ProxyRng(5, 1);
    const b = new ProxyRng(5, 1);
    const c = new ProxyRng(5, 2);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe("the folder", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test("the same seed writes byte-identical files; another seed other files", () => {
    const [a, b, c] = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), "proxy-b-")));
    dirs.push(a, b, c);
    writeProxyFolder(a, 7);
    writeProxyFolder(b, 7);
    writeProxyFolder(c, 8);
    const files = listFiles(a);
    expect(files).toContain("labels/combined_windows.json");
    expect(files.filter((f) => f.startsWith("data/")).length).toBeGreaterThanOrEqual(30);
    expect(listFiles(b)).toEqual(files);
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f)))).toBe(true);
    expect(readFileSync(join(c, "labels/combined_windows.json"), "utf8")).not.toEqual(
      readFileSync(join(a, "labels/combined_windows.json"), "utf8"),
    );
    // The windows file names every data file, with NAB's timestamps of rows that exist.
    const windows = JSON.parse(readFileSync(join(a, "labels/combined_windows.json"), "utf8")) as Record<
      string,
      string[][]
    >;
    const dataFiles = files.filter((f) => f.startsWith("data/")).map((f) => f.slice("data/".length));
    expect(Object.keys(windows).sort()).toEqual(dataFiles.sort());
    for (const [name, ws] of Object.entries(windows)) {
      const text = readFileSync(join(a, "data", name), "utf8");
      expect(text.startsWith("timestamp,value\n")).toBe(true);
      for (const [start, end] of ws) {
        expect(start).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.000000$/);
        expect(text).toContain(`\n${start.slice(0, 19)},`);
        expect(text).toContain(`\n${end.slice(0, 19)},`);
      }
    }
  });

  const seeds = [201, 202, 203, 204, 205];
  const bySeed = new Map<number, ProxySeries[]>(seeds.map((s) => [s, generateProxy(s)]));

  test.each(seeds)(
    "seed %i: labels after probation, inside the series, one window each, as NAB's rule",
    (seed) => {
      const series = bySeed.get(seed)!;
      expect(series.length).toBeGreaterThanOrEqual(30);
      expect(series.length).toBeLessThanOrEqual(40);
      for (const s of series) {
        const n = s.values.length;
        expect(s.labels.length).toBeGreaterThanOrEqual(1);
        expect(s.labels.length).toBeLessThanOrEqual(3);
        expect(s.labels).toEqual([...s.labels].sort((x, y) => x - y));
        for (const l of s.labels) {
          expect(l).toBeGreaterThanOrEqual(probationRows(n));
          expect(l).toBeLessThan(n);
        }
        expect(s.windows).toEqual(nabWindows(n, s.labels));
        expect(s.windows.length).toBe(s.labels.length);
        for (const [a] of s.windows) expect(a).toBeGreaterThanOrEqual(probationRows(n));
        expect(s.incidents.map((i) => i.labelRow)).toEqual(s.labels);
      }
    },
  );

  test.each(seeds)("seed %i: sane values and timestamps", (seed) => {
    const cpu: Category[] = ["ec2_cpu", "rds_cpu", "asg_cpu"];
    for (const s of bySeed.get(seed)!) {
      const n = s.values.length;
      expect(n).toBeGreaterThan(3 * 288 - 20);
      expect(n).toBeLessThanOrEqual(14 * 288);
      // One expectation per series (130,000 values per seed).
      const ceiling = cpu.includes(s.category) ? 100 : Number.POSITIVE_INFINITY;
      const badValue = s.values.find((v) => !Number.isFinite(v) || v < 0 || v > ceiling);
      expect(badValue).toBeUndefined();
      let previous = Number.NEGATIVE_INFINITY;
      const badTime = s.timestamps.find((t) => {
        const ms = Date.parse(`${t.replace(" ", "T")}Z`);
        const bad =
          !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t) || ms % 300_000 !== 0 || !(ms > previous);
        previous = ms;
        return bad;
      });
      expect(badTime).toBeUndefined();
    }
  });
});
