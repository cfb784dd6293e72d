/**
 * What a detector function's bundle costs at cold start grows with its size: every byte is
 * compiled before the first request. This bundles one real detector handler as the stack does
 * (esbuild through NodejsFunction, with the detector functions' build-time constants) and holds
 * it to a budget, and checks that the CloudWatch client, which EMF metrics do not use, is left out.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLOUDWATCH_CLIENT_MARKER } from "../../lib/assembly/package-checks";
import { DETECTOR_BUNDLE_DEFINE, HANDLERS_DIR } from "../../lib/constructs/detector-function";
import { ONNXRUNTIME_PACKAGES } from "../../lib/constructs/onnxruntime-layer";
import { bundleHandler } from "./support/bundle";

/**
 * Minified bytes a detector bundle may have: 569 KB with the CloudWatch client, 514 KB without,
 * 619 KB with the DynamoDB client the alert cooldown needs, 641 KB with the sign-in events core
 * (lambdas/detection/login, 23 KB: every detector's runtime carries every form), 660.0 KB with the
 * series core's third feature set (robust seasonal references and three deviation features, 0.7 KB),
 * 662.7 KB with the series decision's two-week range, record jumps and recurring records (2.7 KB),
 * 663.7 KB with level records and the log-scale clause for drops (1.0 KB; the sorted-values class is
 * shared with the record jumps), 664.4 KB with deviation records and flat lines (0.7 KB), 665.6 KB
 * with seasonal shifts and their parameters' checks (1.2 KB), 666.1 KB with one-step spikes (0.4 KB),
 * 667.2 KB with the seasonal-shift record's daily highs (1.1 KB) (esbuild, Nov 2026). The DynamoDB client is required only when a first alert is due, and the
 * sign-in core's functions are compiled only when called, so a cold start only pre-parses them.
 */
const DETECTOR_BUNDLE_BUDGET_BYTES = 668 * 1024;

describe("detector function bundle", () => {
  const outdir = mkdtempSync(join(tmpdir(), "helios-bundle-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  /** Bundles the cpu handler as a detector function is bundled, with `define` or without. */
  function bundleCpu(id: string, define?: Readonly<Record<string, string>>): Buffer {
    const entry = join(HANDLERS_DIR, "cpu.ts");
    const options = { externalModules: ONNXRUNTIME_PACKAGES, ...(define ? { define } : {}) };
    return readFileSync(bundleHandler(join(outdir, id), entry, options));
  }

  let detectorBundle: Buffer;
  let everyMetricsKind: Buffer;
  beforeAll(() => {
    detectorBundle = bundleCpu("detector", DETECTOR_BUNDLE_DEFINE);
    everyMetricsKind = bundleCpu("all-kinds");
  });

  it("stays within its size budget, so its cold start does not compile code it never runs", () => {
    expect(detectorBundle.length).toBeGreaterThan(100 * 1024); // the S3 and SNS clients are in it
    expect(detectorBundle.length).toBeLessThan(DETECTOR_BUNDLE_BUDGET_BYTES);
  });

  it("leaves the CloudWatch client out when metrics are EMF; a bundle for every kind has it", () => {
    expect(detectorBundle.includes(CLOUDWATCH_CLIENT_MARKER)).toBe(false);
    expect(everyMetricsKind.includes(CLOUDWATCH_CLIENT_MARKER)).toBe(true);
    // what leaving it out saves, in bytes of code compiled at every cold start
    expect(everyMetricsKind.length - detectorBundle.length).toBeGreaterThan(40 * 1024);
  });
});
