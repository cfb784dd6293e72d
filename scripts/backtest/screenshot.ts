#!/usr/bin/env node
/**
 * Screenshots a backtest report for the README: `npx tsx scripts/backtest/screenshot.ts
 * REPORT_DIR/index.html OUT.png [WIDTH HEIGHT]` (default 1040 × 900, the top of the page).
 */
import { pathToFileURL } from "node:url";
import { launchChromium } from "../browser/chromium";

async function main(): Promise<void> {
  const [page, out, width = "1040", height = "900"] = process.argv.slice(2);
  if (!page || !out) throw new Error("usage: screenshot.ts REPORT.html OUT.png [WIDTH HEIGHT]");
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
    await tab.goto(pathToFileURL(page).href);
    await tab.screenshot({ path: out, type: "png" });
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
