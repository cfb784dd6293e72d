/**
 * What a detector function's bundle costs at cold start grows with its size: every byte is
 * compiled before the first request. This bundles one real detector handler as the stack does
 * (esbuild through NodejsFunction) and holds it to a budget the AWS SDK's CommonJS builds exceed.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HANDLERS_DIR } from "../../lib/constructs/detector-function";
import { ONNXRUNTIME_PACKAGES } from "../../lib/constructs/onnxruntime-layer";
import { bundleHandler } from "./support/bundle";

/** Minified bytes a detector bundle may have: 724 KB with the SDK's CommonJS builds, 569 KB without. */
const DETECTOR_BUNDLE_BUDGET_BYTES = 650 * 1024;

describe("detector function bundle", () => {
  const outdir = mkdtempSync(join(tmpdir(), "helios-bundle-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("stays within its size budget, so its cold start does not compile code it never runs", () => {
    const bundle = readFileSync(bundleHandler(outdir, join(HANDLERS_DIR, "cpu.ts"), ONNXRUNTIME_PACKAGES));
    expect(bundle.length).toBeGreaterThan(100 * 1024); // the S3 and SNS clients are in it
    expect(bundle.length).toBeLessThan(DETECTOR_BUNDLE_BUDGET_BYTES);
  });
});
