/**
 * What a detector function's bundle costs at cold start grows with its size: every byte is
 * compiled before the first request. This bundles one real detector handler as the stack does
 * (esbuild through NodejsFunction, with the detector functions' build-time constants) and holds
 * it to a budget, and checks that the CloudWatch client, which EMF metrics do not use, is left out.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Duration, Stack } from "aws-cdk-lib";
import { Architecture } from "aws-cdk-lib/aws-lambda";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { CLOUDWATCH_CLIENT_MARKER } from "../../lib/assembly/package-checks";
import { DETECTOR_BUNDLE_DEFINE, HANDLERS_DIR } from "../../lib/constructs/detector-function";
import { HeliosFunction } from "../../lib/constructs/helios-function";
import { ONNXRUNTIME_PACKAGES } from "../../lib/constructs/onnxruntime-layer";

/**
 * Minified bytes a detector bundle may have: 569 KB with the CloudWatch client, 514 KB without,
 * 619 KB with the DynamoDB client the alert cooldown needs (esbuild, Nov 2026). The DynamoDB
 * client is required only when a first alert is due, so a cold start only pre-parses it.
 */
const DETECTOR_BUNDLE_BUDGET_BYTES = 640 * 1024;

describe("detector function bundle", () => {
  const outdir = mkdtempSync(join(tmpdir(), "helios-bundle-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  /** Bundles the cpu handler as a detector function is bundled, with `define` or without. */
  function bundleCpu(id: string, define?: Readonly<Record<string, string>>): Buffer {
    // Asset metadata (where each asset was staged) is what the CLI asks for; the checks read it too.
    const app = new App({ outdir: join(outdir, id), context: { "aws:cdk:enable-asset-metadata": true } });
    const stack = new Stack(app, "BundleTest");
    new HeliosFunction(stack, "Cpu", {
      entry: join(HANDLERS_DIR, "cpu.ts"),
      description: "bundle size test",
      memorySize: 1024,
      timeout: Duration.seconds(10),
      architecture: Architecture.X86_64,
      logRetention: RetentionDays.ONE_DAY,
      externalModules: [...ONNXRUNTIME_PACKAGES],
      ...(define ? { define } : {}),
    });
    const assembly = app.synth();
    const template = assembly.getStackByName("BundleTest").template as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
    };
    const fn = Object.values(template.Resources).find((r) => r.Type === "AWS::Lambda::Function")!;
    return readFileSync(join(outdir, id, fn.Metadata!["aws:asset:path"]!, "index.js"));
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
