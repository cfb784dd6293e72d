/**
 * Builds the Helios app the way `cdk synth` does (with cdk.json's context: its feature flags
 * change the template) but without bundling assets, which the CLI's full synth in CI covers.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { createHeliosApp, type HeliosAppOptions } from "../../../lib/helios-app";
import type { HeliosStack } from "../../../lib/helios-stack";

const CDK_JSON = join(__dirname, "..", "..", "..", "cdk.json");

/** cdk.json's context, which the CLI passes to the app. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(CDK_JSON, "utf8")) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** The app's context for a test synth: cdk.json's, no bundling, plus the given settings. */
export function testContext(settings: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...cdkJsonContext(), "aws:cdk:bundling-stacks": [], ...settings };
}

/** A synthesized Helios app; call `cleanup` in afterAll to delete its cloud assembly. */
export interface SynthResult {
  readonly app: App;
  readonly stack: HeliosStack;
  readonly template: Template;
  /** The cloud assembly folder (assets are staged here). */
  readonly assemblyDir: string;
  cleanup(): void;
}

/** Builds the app with the given context settings and synthesizes the stack's template. */
export function synthHelios(
  settings: Record<string, unknown> = {},
  options: Omit<HeliosAppOptions, "context" | "outdir"> = {},
): SynthResult {
  const assemblyDir = mkdtempSync(join(tmpdir(), "helios-synth-"));
  try {
    const { app, stack } = createHeliosApp({
      ...options,
      outdir: assemblyDir,
      context: testContext(settings),
    });
    const template = Template.fromStack(stack);
    return {
      app,
      stack,
      template,
      assemblyDir,
      cleanup: () => rmSync(assemblyDir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(assemblyDir, { recursive: true, force: true });
    throw error;
  }
}

/** A CloudFormation resource as it appears in the template. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: Record<string, unknown>;
}

/** The resources of a type, keyed by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

/** The one resource of a type whose properties satisfy `match`; fails unless exactly one does. */
export function onlyResource(
  template: Template,
  type: string,
  match: (properties: Record<string, unknown>) => boolean,
): [string, CfnResource] {
  const found = Object.entries(resourcesOf(template, type)).filter(([, r]) => match(r.Properties ?? {}));
  if (found.length !== 1) throw new Error(`expected one ${type} to match, found ${found.length}`);
  return found[0]!;
}

/** A readable, JSON-string-safe rendering of an intrinsic: `<Ref X>`, `<GetAtt X.Arn>`. */
export function renderIntrinsic(value: unknown): string {
  const intrinsic = value as Record<string, unknown>;
  if (typeof intrinsic.Ref === "string") return `<Ref ${intrinsic.Ref}>`;
  const getAtt = intrinsic["Fn::GetAtt"];
  if (Array.isArray(getAtt)) return `<GetAtt ${getAtt.join(".")}>`;
  return `<${Object.keys(intrinsic).join(",")}>`;
}

/** Joins an Fn::Join of strings and intrinsics into one string (intrinsics as renderIntrinsic shows them). */
export function flattenJoin(value: unknown): string {
  if (typeof value === "string") return value;
  const join = (value as { "Fn::Join"?: [string, unknown[]] })["Fn::Join"];
  if (!join) return renderIntrinsic(value);
  const [separator, parts] = join;
  return parts.map((part) => (typeof part === "string" ? part : renderIntrinsic(part))).join(separator);
}

/** cdk-nag AwsSolutions findings that no acknowledgement covers, as `rule: construct paths`. */
export function nagViolations(app: App): string[] {
  const report = new AwsSolutionsChecks().validateScope(app);
  return report.violations.map(
    (v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(", ")}`,
  );
}
