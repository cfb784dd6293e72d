/**
 * The packages a bundled function loads at runtime from outside its bundle (esbuild externals):
 * each must be provided by one of the function's layers, or the function fails on its first call.
 * The bundle is parsed by esbuild itself, so module names inside strings (the AWS SDK's error
 * messages mention optional packages) are not mistaken for imports.
 */
import { isBuiltin } from "node:module";
import { buildSync } from "esbuild";

/** The package name of a bare module specifier: "@scope/pkg/sub" -> "@scope/pkg", "pkg/sub" -> "pkg". */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** The non-builtin packages a bundle file imports or requires, sorted and without duplicates. */
export function externalPackages(bundleFile: string): string[] {
  const result = buildSync({
    entryPoints: [bundleFile],
    bundle: true,
    packages: "external", // every bare specifier stays an import, and is listed in the metafile
    platform: "node",
    format: "cjs",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const names = new Set<string>();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const { path, external } of input.imports) {
      if (external && !isBuiltin(path) && !path.startsWith(".") && !path.startsWith("/"))
        names.add(packageNameOf(path));
    }
  }
  return [...names].sort();
}
