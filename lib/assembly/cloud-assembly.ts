/**
 * Reads what a synthesized cloud assembly deploys as Lambda code: for every function of a stack
 * template, its code asset, its layers' assets and their unzipped sizes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { zipUncompressedBytes } from "./zip-size";

/** A CloudFormation template, as far as these checks read it. */
export interface StackTemplate {
  readonly Resources: Readonly<
    Record<
      string,
      {
        readonly Type: string;
        readonly Properties?: Readonly<Record<string, unknown>>;
        readonly Metadata?: Readonly<Record<string, unknown>>;
      }
    >
  >;
}

/** A deployable package: a code or layer asset. */
export interface AssetPackage {
  readonly logicalId: string;
  /** Absolute path of the staged asset (a folder, or a .zip file). */
  readonly path: string;
  /** Bytes once unzipped, as Lambda counts them. */
  readonly unzippedBytes: number;
}

/** One Lambda function of the template with the packages Lambda unpacks for it. */
export interface FunctionPackage {
  readonly logicalId: string;
  /** The construct path, for messages. */
  readonly constructPath: string;
  readonly runtime: string;
  /** e.g. "index.handler": file stem and export name. */
  readonly handler: string;
  readonly code: AssetPackage;
  readonly layers: readonly AssetPackage[];
  readonly environment: Readonly<Record<string, unknown>>;
  /** Code plus layers, unzipped. */
  readonly totalBytes: number;
}

/** Reads a stack's template from an assembly folder. */
export function readStackTemplate(assemblyDir: string, stackName: string): StackTemplate {
  return JSON.parse(readFileSync(join(assemblyDir, `${stackName}.template.json`), "utf8")) as StackTemplate;
}

/** Total size of the files below a folder, or of one file (unzipped when it is a .zip). */
export function unzippedBytes(path: string): number {
  const stat = statSync(path);
  if (stat.isFile()) return path.endsWith(".zip") ? zipUncompressedBytes(path) : stat.size;
  return readdirSync(path, { withFileTypes: true }).reduce(
    (sum, entry) => sum + (entry.isDirectory() || entry.isFile() ? unzippedBytes(join(path, entry.name)) : 0),
    0,
  );
}

function assetOf(assemblyDir: string, template: StackTemplate, logicalId: string): AssetPackage {
  const resource = template.Resources[logicalId];
  const assetPath = resource?.Metadata?.["aws:asset:path"];
  if (typeof assetPath !== "string") {
    throw new Error(
      `${logicalId} has no aws:asset:path metadata: synthesize with asset metadata (the CLI default)`,
    );
  }
  const path = join(assemblyDir, assetPath);
  if (!existsSync(path))
    throw new Error(`${logicalId}: asset ${path} is missing; was the synth run with bundling?`);
  return { logicalId, path, unzippedBytes: unzippedBytes(path) };
}

/** Every Lambda function of a template with its code and layer packages. */
export function functionPackages(assemblyDir: string, template: StackTemplate): FunctionPackage[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === "AWS::Lambda::Function")
    .map(([logicalId, resource]) => {
      const properties = resource.Properties ?? {};
      const layers = ((properties.Layers as unknown[] | undefined) ?? []).map((layer) => {
        const ref = (layer as { Ref?: unknown }).Ref;
        if (typeof ref !== "string")
          throw new Error(`${logicalId}: layer ${JSON.stringify(layer)} is not in this stack`);
        return assetOf(assemblyDir, template, ref);
      });
      const code = assetOf(assemblyDir, template, logicalId);
      return {
        logicalId,
        constructPath: String(resource.Metadata?.["aws:cdk:path"] ?? logicalId),
        runtime: String(properties.Runtime ?? ""),
        handler: String(properties.Handler ?? ""),
        code,
        layers,
        environment: ((properties.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables ?? {}) as Record<string, unknown>,
        totalBytes: code.unzippedBytes + layers.reduce((sum, layer) => sum + layer.unzippedBytes, 0),
      };
    });
}
