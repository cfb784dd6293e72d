/**
 * Checks on the function packages of a synthesized assembly, before anything is deployed:
 * - code plus layers within a size budget (Lambda's hard limit is 250 MB unzipped; Helios keeps
 *   well below it so that cold starts stay short and a bad dependency shows at once);
 * - a Node.js bundle is its index.js alone (no node_modules, package.json or lock file, whose
 *   presence would tie the asset hash to dependencies the code does not use);
 * - every package the bundle loads from outside itself is provided by one of its layers;
 * - a bundle configured for EMF metrics does not carry the CloudWatch client it never uses.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ENV } from "../../lambdas/runtime/environment-names";
import { externalPackages } from "./bundle-requires";
import type { FunctionPackage } from "./cloud-assembly";

/** Helios's budget per function, code plus layers, unzipped. */
export const FUNCTION_SIZE_LIMIT_BYTES = 60 * 1024 * 1024;

/** A string only the CloudWatch client has (its AWS JSON target prefix), found in any bundle that holds it. */
export const CLOUDWATCH_CLIENT_MARKER = "GraniteServiceVersion20100801";

/** Files a Node.js function bundle may contain. */
export const BUNDLE_FILES: ReadonlySet<string> = new Set(["index.js", "index.js.map"]);

/** What the checks found: one line per function, and the problems (empty when all is well). */
export interface PackageReport {
  readonly lines: readonly string[];
  readonly problems: readonly string[];
}

/** Bytes as MB with one decimal, or KB below 1 MB. */
export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Whether a layer folder provides a package on Lambda's Node.js module path (nodejs/node_modules). */
function layerProvides(layerPath: string, pkg: string): boolean {
  return existsSync(join(layerPath, "nodejs", "node_modules", ...pkg.split("/"), "package.json"));
}

/** Runs the size, bundle-content and external-package checks on every function package. */
export function checkFunctionPackages(
  packages: readonly FunctionPackage[],
  limitBytes: number = FUNCTION_SIZE_LIMIT_BYTES,
): PackageReport {
  const lines: string[] = [];
  const problems: string[] = [];
  for (const fn of packages) {
    const layers = fn.layers.map((l) => formatBytes(l.unzippedBytes)).join(" + ");
    const sizes = `${formatBytes(fn.totalBytes)} (code ${formatBytes(fn.code.unzippedBytes)}${layers ? `, layers ${layers}` : ""})`;
    if (fn.totalBytes > limitBytes) {
      problems.push(
        `${fn.constructPath}: ${formatBytes(fn.totalBytes)} unzipped with its layers, over the ${formatBytes(limitBytes)} budget`,
      );
    }
    if (!fn.runtime.startsWith("nodejs") || !statSync(fn.code.path).isDirectory()) {
      lines.push(`${fn.constructPath}: ${sizes}`);
      continue;
    }

    const extra = readdirSync(fn.code.path).filter((name) => !BUNDLE_FILES.has(name));
    if (extra.length > 0) {
      problems.push(`${fn.constructPath}: the bundle holds more than index.js: ${extra.join(", ")}`);
    }

    const main = join(fn.code.path, `${fn.handler.split(".")[0]}.js`);
    if (!existsSync(main)) {
      lines.push(`${fn.constructPath}: ${sizes}`);
      problems.push(`${fn.constructPath}: handler ${fn.handler} has no ${main}`);
      continue;
    }
    if (fn.environment[ENV.metrics] === "emf" && readFileSync(main).includes(CLOUDWATCH_CLIENT_MARKER)) {
      problems.push(`${fn.constructPath}: writes EMF metrics but its bundle carries the CloudWatch client`);
    }
    const externals = externalPackages(main);
    lines.push(`${fn.constructPath}: ${sizes}; loads from layers: ${externals.join(", ") || "nothing"}`);
    for (const pkg of externals) {
      if (!fn.layers.some((layer) => layerProvides(layer.path, pkg))) {
        problems.push(`${fn.constructPath}: loads "${pkg}" at runtime, but none of its layers provides it`);
      }
    }
  }
  return { lines, problems };
}
