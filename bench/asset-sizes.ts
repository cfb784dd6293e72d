/**
 * Deployment package sizes from a full synth: each function's code asset and layers, unzipped (what
 * Lambda counts against its 250 MB limit) and zipped (what is uploaded and what Lambda fetches on
 * a cold start). Folders are zipped in memory with zlib's deflate at level 9, as CDK zips assets.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { deflateRawSync } from "node:zlib";
import { functionPackages, readStackTemplate, type StackTemplate } from "../lib/assembly/cloud-assembly";
import { STACK_NAME } from "../lib/helios-app";

/** One function's package sizes, in bytes. */
export interface AssetSize {
  /** Construct path of the function, e.g. "HeliosStack/CpuDetector/Function/Resource". */
  readonly function: string;
  readonly codeUnzipped: number;
  readonly codeZipped: number;
  readonly layersUnzipped: number;
  readonly layersZipped: number;
  /** Code plus layers. */
  readonly totalUnzipped: number;
  readonly totalZipped: number;
}

// Fixed parts of a zip entry: local header (30) + central directory entry (46), plus its name twice.
const ZIP_ENTRY_OVERHEAD = 30 + 46;
const ZIP_END_RECORD = 22;

/** Files below a folder (or the file itself). */
function filesOf(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesOf(join(path, entry.name)) : entry.isFile() ? [join(path, entry.name)] : [],
  );
}

/** Size of a zip archive of some entries: each stored deflated, or as-is when deflate does not help. */
export function zipArchiveBytes(entries: readonly { name: string; data: Uint8Array }[]): number {
  return (
    entries.reduce((sum, entry) => {
      const deflated = deflateRawSync(entry.data, { level: 9 }).length;
      const nameBytes = Buffer.byteLength(entry.name);
      return sum + Math.min(deflated, entry.data.length) + ZIP_ENTRY_OVERHEAD + 2 * nameBytes;
    }, 0) + ZIP_END_RECORD
  );
}

/** Zipped size of an asset: a .zip file's own size, or a folder's size once zipped. */
export function zippedBytes(path: string): number {
  if (statSync(path).isFile() && path.endsWith(".zip")) return statSync(path).size;
  return zipArchiveBytes(
    filesOf(path).map((file) => ({ name: relative(path, file), data: readFileSync(file) })),
  );
}

/** Runs `cdk synth` with bundling into `outputDir` (no AWS account needed); throws with its log on failure. */
export function synthesize(projectRoot: string, outputDir: string): void {
  const result = spawnSync("npx", ["cdk", "synth", "--quiet", "--output", outputDir], {
    cwd: projectRoot,
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: "true", ONNXRUNTIME_NODE_INSTALL: "skip" },
    encoding: "utf8",
    timeout: 300_000,
  });
  if (result.status !== 0) {
    throw new Error(`cdk synth failed (${result.status}): ${(result.stdout + result.stderr).slice(-2000)}`);
  }
}

/** The stack template of an assembly. */
export function stackTemplate(assemblyDir: string): StackTemplate {
  return readStackTemplate(assemblyDir, STACK_NAME);
}

/** Sizes of every Lambda function's packages in an assembly (a layer shared by functions is zipped once). */
export function measureAssetSizes(assemblyDir: string): AssetSize[] {
  const zippedCache = new Map<string, number>();
  const zipped = (path: string) => {
    if (!zippedCache.has(path)) zippedCache.set(path, zippedBytes(path));
    return zippedCache.get(path)!;
  };
  return functionPackages(assemblyDir, stackTemplate(assemblyDir)).map((fn) => {
    const codeZipped = zipped(fn.code.path);
    const layersUnzipped = fn.layers.reduce((sum, layer) => sum + layer.unzippedBytes, 0);
    const layersZipped = fn.layers.reduce((sum, layer) => sum + zipped(layer.path), 0);
    return {
      function: fn.constructPath.replace(/\/Resource$/, ""),
      codeUnzipped: fn.code.unzippedBytes,
      codeZipped,
      layersUnzipped,
      layersZipped,
      totalUnzipped: fn.totalBytes,
      totalZipped: codeZipped + layersZipped,
    };
  });
}
