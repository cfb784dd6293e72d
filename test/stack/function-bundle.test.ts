/**
 * What a detector function's bundle costs at cold start grows with its size: every byte is
 * compiled before the first request. This bundles one real detector handler as the stack does
 * (esbuild through NodejsFunction) and holds it to a budget the AWS SDK's CommonJS builds exceed.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Duration, Stack } from "aws-cdk-lib";
import { Architecture } from "aws-cdk-lib/aws-lambda";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { HANDLERS_DIR } from "../../lib/constructs/detector-function";
import { HeliosFunction } from "../../lib/constructs/helios-function";
import { ONNXRUNTIME_PACKAGES } from "../../lib/constructs/onnxruntime-layer";

/** Minified bytes a detector bundle may have: 724 KB with the SDK's CommonJS builds, 569 KB without. */
const DETECTOR_BUNDLE_BUDGET_BYTES = 650 * 1024;

describe("detector function bundle", () => {
  const outdir = mkdtempSync(join(tmpdir(), "helios-bundle-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("stays within its size budget, so its cold start does not compile code it never runs", () => {
    // Asset metadata (where each asset was staged) is what the CLI asks for; the checks read it too.
    const app = new App({ outdir, context: { "aws:cdk:enable-asset-metadata": true } });
    const stack = new Stack(app, "BundleTest");
    new HeliosFunction(stack, "Cpu", {
      entry: join(HANDLERS_DIR, "cpu.ts"),
      description: "bundle size test",
      memorySize: 1024,
      timeout: Duration.seconds(10),
      architecture: Architecture.X86_64,
      logRetention: RetentionDays.ONE_DAY,
      externalModules: [...ONNXRUNTIME_PACKAGES],
    });
    const assembly = app.synth();
    const template = assembly.getStackByName("BundleTest").template as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
    };
    const fn = Object.values(template.Resources).find((r) => r.Type === "AWS::Lambda::Function")!;
    const bundle = readFileSync(join(outdir, fn.Metadata!["aws:asset:path"]!, "index.js"));
    expect(bundle.length).toBeGreaterThan(100 * 1024); // the S3 and SNS clients are in it
    expect(bundle.length).toBeLessThan(DETECTOR_BUNDLE_BUDGET_BYTES);
  });
});
