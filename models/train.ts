/**
 * `npm run train [-- --out DIR] [-- --parameters FILE]`: trains every registered model and writes
 * its .onnx file and manifest.json into models/ (or DIR). Deterministic: every run, on any
 * machine, writes the same bytes. --parameters also writes the trained parameters as JSON
 * by model id (the model parity tests feed them to the reference implementations).
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
  for (const { file, onnx, entries } of artifacts.files) {
    writeFileSync(join(outDir, file), onnx);
    console.log(`${file}  ${onnx.length} bytes  serves ${Object.keys(entries).join(", ")}`);
  }
  writeFileSync(join(outDir, MANIFEST_FILE), `${JSON.stringify(artifacts.manifest, null, 2)}\n`);
  if (values.parameters) {
    const parameters = Object.fromEntries(
      artifacts.files.flatMap((f) => Object.keys(f.entries).map((id) => [id, f.trained.model])),
    );
    writeFileSync(resolve(values.parameters), JSON.stringify(parameters));
  }
  console.log(
    `wrote ${artifacts.files.length} model files and ${MANIFEST_FILE} to ${outDir} in ${Math.round(performance.now() - started)} ms`,
  );
}

main();
