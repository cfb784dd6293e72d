/**
 * `npm run train [-- --out DIR] [-- --parameters FILE]`: trains every detector and writes
 * <detector>.onnx and manifest.json into models/ (or DIR). Deterministic: every run, on any
 * machine, writes the same bytes. --parameters also writes the trained parameters as JSON
 * (the model parity tests feed them to the reference implementations).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildArtifacts } from "./build-artifacts";

/** File name of the manifest inside the output folder. */
const MANIFEST_FILE = "manifest.json";

function main(): void {
  const { values } = parseArgs({
    options: { out: { type: "string" }, parameters: { type: "string" } },
    strict: true,
  });
  const outDir = resolve(values.out ?? __dirname);
  const started = performance.now();
  const artifacts = buildArtifacts();
  mkdirSync(outDir, { recursive: true });
  for (const detector of artifacts.detectors) {
    writeFileSync(join(outDir, detector.entry.file), detector.onnx);
    console.log(`${detector.entry.file}  ${detector.onnx.length} bytes  ${detector.entry.modelVersion}`);
  }
  writeFileSync(join(outDir, MANIFEST_FILE), `${JSON.stringify(artifacts.manifest, null, 2)}\n`);
  if (values.parameters) {
    const parameters = Object.fromEntries(artifacts.detectors.map((d) => [d.name, d.model]));
    writeFileSync(resolve(values.parameters), JSON.stringify(parameters));
  }
  console.log(
    `wrote ${artifacts.detectors.length} models and ${MANIFEST_FILE} to ${outDir} in ${Math.round(performance.now() - started)} ms`,
  );
}

main();
