/**
 * The backtest report as a person sees it: headless Chromium (Debian's package, driven by
 * playwright-core) opens index.html, and every series shows its chart with the values, the
 * expected band, the score and one marker per alert in its table, with nothing failing to load.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { runBacktest } from "../../scripts/backtest/backtest-command";
import { exampleSeries, writeExampleSeries } from "../../scripts/backtest/example-series";
import { launchChromium } from "../../scripts/browser/chromium";
import { fakeSeriesScorer } from "../support/fake-series-scorer";

let dir: string;
let browser: Browser;
let report: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "helios-report-"));
  await writeExampleSeries(join(dir, "data"), exampleSeries(2));
  const scorers = new Map(["cpu", "network", "storage"].map((d) => [d, fakeSeriesScorer(d)]));
  ({ report } = await runBacktest(
    { dir: join(dir, "data"), out: join(dir, "report"), scheduleMinutes: 30, historyDays: 1 },
    scorers,
    () => undefined,
  ));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

it("renders one chart per series with its band, values, scores and a marker per alert", async () => {
  const page = await browser.newPage({ viewport: { width: 1040, height: 900 } });
  const failures: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") failures.push(message.text());
  });
  page.on("requestfailed", (request) => failures.push(request.url()));
  await page.goto(pathToFileURL(report).href);
  expect(await page.title()).toMatch(/^Helios backtest: 3 series, \d+ alerts$/);
  const series = await page.$$eval("section.series", (sections) =>
    sections.map((section) => {
      const svg = section.querySelector("svg.chart")!;
      const box = svg.getBoundingClientRect();
      const band = svg.querySelector("polygon.expected-band")!.getBoundingClientRect();
      return {
        name: section.getAttribute("data-series"),
        width: Math.round(box.width),
        height: Math.round(box.height),
        bandHeight: Math.round(band.height),
        values: svg.querySelector("polyline.values")!.getAttribute("points")!.split(" ").length,
        scores: svg.querySelectorAll("polyline.scores").length,
        markers: svg.querySelectorAll("circle.alert-marker").length,
        rows: section.querySelectorAll("table.alerts tbody tr").length,
      };
    }),
  );
  expect(series.map((s) => s.name)).toEqual(["cpu/web-1", "network/web-1", "storage/db-1"]);
  for (const s of series) {
    expect(s).toMatchObject({ width: 960, height: 344, scores: 1 });
    expect(s.bandHeight).toBeGreaterThan(0);
    expect(s.values).toBeGreaterThan(100);
    expect(s.markers).toBeGreaterThan(0);
    expect(s.markers).toBe(s.rows);
  }
  const png = await page.screenshot({ fullPage: true });
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect(png.length).toBeGreaterThan(20_000); // charts drawn, not a blank page
  expect(failures).toEqual([]);
});
