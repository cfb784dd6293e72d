/**
 * A models folder for stack tests of the watcher: the repository's models plus "<detector>-series"
 * manifest entries for one shared series.onnx (placeholder bytes: synth only hashes and uploads it).
 * Used until models/ holds the trained series model; call `cleanup` in afterAll.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seriesDetectors, seriesModelId } from "../../lambdas/watcher/watch-config";
import { DEFAULT_MODELS_DIR } from "../../lib/model-manifest";

/** A temporary models folder whose manifest has series entries. */
export function seriesModelsFixture(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "helios-series-models-"));
  for (const name of readdirSync(DEFAULT_MODELS_DIR)) {
    if (name.endsWith(".onnx") || name === "manifest.json")
      copyFileSync(join(DEFAULT_MODELS_DIR, name), join(dir, name));
  }
  const manifestPath = join(dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { models: Record<string, unknown> };
  const hasSeries = seriesDetectors().every((d) => seriesModelId(d.name) in manifest.models);
  if (!hasSeries) {
    const bytes = Buffer.from("placeholder series model for stack tests");
    writeFileSync(join(dir, "series.onnx"), bytes);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    seriesDetectors().forEach((detector, i) => {
      manifest.models[seriesModelId(detector.name)] = {
        file: "series.onnx",
        sha256,
        modelVersion: `1.0.0+${sha256.slice(0, 8)}`,
        inputs: [{ name: "features", type: "float32", shape: ["N", 8] }],
        outputs: [{ name: "score", type: "float32", shape: ["N"] }],
        decision: { output: "score", operator: ">=", threshold: 0.9 + i / 100, description: "placeholder" },
        boundaries: "",
        recipe: "",
        trainingData: "",
      };
    });
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
