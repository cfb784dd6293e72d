/**
 * One Lambda layer with onnxruntime-node and onnxruntime-common for one Linux architecture.
 *
 * The npm package holds binaries for every platform (288 MB, over Lambda's 250 MB limit); the
 * layer keeps only the JavaScript and bin/napi-v6/linux/<arch> (about 46 MB for x64). It is
 * built by copying files from node_modules, so synth needs no npm install, no network and no
 * Docker, and its asset hash is the package versions: a change elsewhere never redeploys it.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { AssetHashType, DockerImage, RemovalPolicy } from "aws-cdk-lib";
import { Architecture, Code, LayerVersion, Runtime } from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";

/** The repository's node_modules, found from this file rather than from the working directory. */
export const DEFAULT_NODE_MODULES_DIR = resolve(__dirname, "..", "..", "node_modules");

/** The packages the layer ships; the functions keep them external (onnxruntime-node loads its binding by a computed path). */
export const ONNXRUNTIME_PACKAGES = ["onnxruntime-node", "onnxruntime-common"] as const;

/** One file to put in the layer: where it comes from and its path inside the layer. */
export interface LayerFile {
  readonly source: string;
  readonly target: string;
  readonly bytes: number;
}

/** Node's name (process.arch) of a Lambda architecture, as used in onnxruntime-node's bin/ folder. */
export function nodeArchOf(architecture: Architecture): "x64" | "arm64" {
  if (architecture.name === Architecture.ARM_64.name) return "arm64";
  if (architecture.name === Architecture.X86_64.name) return "x64";
  throw new Error(`no onnxruntime-node binaries for architecture ${architecture.name}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

// Type declarations and source maps are not needed at runtime: the scripts and the package.json
// files (dist/cjs and dist/esm carry their own, which set the module type) are.
const isRuntimeScript = (path: string): boolean => path.endsWith(".js") || basename(path) === "package.json";

/**
 * The files of the layer for an architecture: each package's package.json and compiled
 * JavaScript, and onnxruntime-node's native binding and library for linux/<arch> only.
 * Targets are relative to the layer root (`nodejs/node_modules/...`, on Node's path in Lambda).
 */
export function onnxRuntimeLayerFiles(
  architecture: Architecture,
  nodeModulesDir: string = DEFAULT_NODE_MODULES_DIR,
): LayerFile[] {
  const arch = nodeArchOf(architecture);
  const sources = ONNXRUNTIME_PACKAGES.flatMap((pkg) => {
    const root = join(nodeModulesDir, pkg);
    const scripts = filesUnder(join(root, "dist")).filter(isRuntimeScript);
    const native = pkg === "onnxruntime-node" ? filesUnder(join(root, "bin", "napi-v6", "linux", arch)) : [];
    return [join(root, "package.json"), ...scripts, ...native];
  });
  return sources.map((source) => ({
    source,
    target: join("nodejs", "node_modules", relative(nodeModulesDir, source)),
    bytes: statSync(source).size,
  }));
}

/** The installed version of a package in node_modules. */
export function installedVersion(pkg: string, nodeModulesDir: string = DEFAULT_NODE_MODULES_DIR): string {
  const manifest: unknown = JSON.parse(readFileSync(join(nodeModulesDir, pkg, "package.json"), "utf8"));
  const version = (manifest as { version?: unknown }).version;
  if (typeof version !== "string") throw new Error(`${pkg}/package.json has no version`);
  return version;
}

/** Properties of the onnxruntime layer. */
export interface OnnxRuntimeLayerProps {
  /** The architecture whose binaries the layer holds; must match the functions'. */
  readonly architecture: Architecture;
  /** Where onnxruntime-node and onnxruntime-common are installed. @default the repository's node_modules */
  readonly nodeModulesDir?: string;
}

/** A Lambda layer with onnxruntime-node for one Linux architecture, built locally from node_modules. */
export class OnnxRuntimeLayer extends Construct {
  /** The layer version the detector functions use. */
  readonly layer: LayerVersion;

  constructor(scope: Construct, id: string, props: OnnxRuntimeLayerProps) {
    super(scope, id);
    const nodeModulesDir = props.nodeModulesDir ?? DEFAULT_NODE_MODULES_DIR;
    const arch = nodeArchOf(props.architecture);
    const versions = ONNXRUNTIME_PACKAGES.map((pkg) => `${pkg}@${installedVersion(pkg, nodeModulesDir)}`);

    const code = Code.fromAsset(join(nodeModulesDir, "onnxruntime-node"), {
      // The hash names what is inside (package versions and architecture), not where it was
      // copied from, so the layer redeploys only when onnxruntime itself changes.
      assetHashType: AssetHashType.CUSTOM,
      assetHash: `${versions.join("+")}-linux-${arch}`,
      bundling: {
        // Never used: local bundling below always succeeds or throws. CDK requires an image.
        image: DockerImage.fromRegistry("public.ecr.aws/sam/build-nodejs24.x"),
        local: {
          // A plain object with no fields: bundling options are part of the asset hash, and a
          // field holding an absolute path would make the hash depend on the checkout location.
          tryBundle(outputDir: string): boolean {
            for (const file of onnxRuntimeLayerFiles(props.architecture, nodeModulesDir)) {
              const target = join(outputDir, file.target);
              mkdirSync(dirname(target), { recursive: true });
              cpSync(file.source, target);
            }
            return true;
          },
        },
      },
    });

    this.layer = new LayerVersion(this, "Layer", {
      code,
      compatibleRuntimes: [Runtime.NODEJS_24_X],
      compatibleArchitectures: [props.architecture],
      description: `${versions.join(", ")} for Linux ${arch}`,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
