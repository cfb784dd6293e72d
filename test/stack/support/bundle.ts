/**
 * Bundles one handler the way the stack does (HeliosFunction: esbuild through NodejsFunction) and
 * returns the bundle's index.js, for tests of what is deployed rather than of the sources.
 */
import { join } from "node:path";
import { App, Duration, Stack } from "aws-cdk-lib";
import { Architecture } from "aws-cdk-lib/aws-lambda";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { HeliosFunction } from "../../../lib/constructs/helios-function";

/** How the handler is bundled, as HeliosFunction's props say it. */
export interface BundleOptions {
  /** Packages a layer provides. @default none */
  readonly externalModules?: readonly string[];
  /** Build-time constants. @default none */
  readonly define?: Readonly<Record<string, string>>;
}

/** Synthesizes a one-function app into `outdir` and returns the path of the function's bundled index.js. */
export function bundleHandler(outdir: string, entry: string, options: BundleOptions = {}): string {
  // Asset metadata (where each asset was staged) is what the CLI asks for; the checks read it too.
  const app = new App({ outdir, context: { "aws:cdk:enable-asset-metadata": true } });
  const stack = new Stack(app, "BundleTest");
  new HeliosFunction(stack, "Handler", {
    entry,
    description: "bundle test",
    memorySize: 1024,
    timeout: Duration.seconds(10),
    architecture: Architecture.X86_64,
    logRetention: RetentionDays.ONE_DAY,
    ...options,
  });
  const template = app.synth().getStackByName("BundleTest").template as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
  };
  const fn = Object.values(template.Resources).find((r) => r.Type === "AWS::Lambda::Function")!;
  return join(outdir, fn.Metadata!["aws:asset:path"]!, "index.js");
}
