/**
 * The asset hashes of a template's function code and layers: what decides whether a deploy
 * updates a function. Two synths of the same code must give the same hashes, however the
 * dependencies the code does not use (dev dependencies, the lock file) differ.
 */
import type { StackTemplate } from "./cloud-assembly";

/** Logical id of each function and layer to its code's S3 key (the asset hash plus ".zip"). */
export function codeHashes(template: StackTemplate): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const properties = resource.Properties ?? {};
    const code =
      resource.Type === "AWS::Lambda::Function"
        ? properties.Code
        : resource.Type === "AWS::Lambda::LayerVersion"
          ? properties.Content
          : undefined;
    const key = (code as { S3Key?: unknown } | undefined)?.S3Key;
    if (typeof key === "string") hashes[logicalId] = key;
  }
  return hashes;
}

/** The functions and layers whose code differs between two templates, with a reason each. */
export function codeHashDifferences(before: StackTemplate, after: StackTemplate): string[] {
  const a = codeHashes(before);
  const b = codeHashes(after);
  const ids = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return ids.flatMap((id) =>
    a[id] === b[id] ? [] : [`${id}: ${a[id] ?? "(absent)"} -> ${b[id] ?? "(absent)"}`],
  );
}
