/** Reading models/manifest.json at synth: the real one passes, stale or partial ones fail with what to do. */
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DETECTORS, MODEL_IDS, modelFileOf } from "../../lambdas/catalog";
import {
  DEFAULT_MODELS_DIR,
  loadModelManifest,
  MANIFEST_FILE,
  ManifestError,
  readManifest,
  runtimeEntryOf,
} from "../../lib/model-manifest";

let dir: string;
beforeEach(() => {
  // A copy of the committed models, to break one way per test.
  dir = mkdtempSync(join(tmpdir(), "helios-manifest-"));
  for (const file of [MANIFEST_FILE, ...DETECTORS.map(modelFileOf)]) {
    copyFileSync(join(DEFAULT_MODELS_DIR, file), join(dir, file));
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const manifestJson = () => JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8"));
const writeManifest = (manifest: unknown) =>
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest));

describe("loadModelManifest", () => {
  it("loads the committed manifest: one entry per model id whose file matches its sha256", () => {
    const entries = loadModelManifest();
    expect([...entries.keys()]).toEqual([...MODEL_IDS]);
    for (const d of DETECTORS) expect(entries.get(d.name)!.file).toBe(modelFileOf(d));
    for (const entry of entries.values()) {
      const bytes = readFileSync(join(DEFAULT_MODELS_DIR, entry.file));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(entry.sha256);
    }
  });

  it("refuses a model file that no longer matches its recorded sha256", () => {
    const file = join(dir, modelFileOf(DETECTORS[0]));
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from([0])]));
    expect(() => loadModelManifest(dir)).toThrow(/the manifest is stale, retrain with `npm run train`/);
  });

  it("refuses a manifest without an entry for a catalogued detector", () => {
    const manifest = manifestJson();
    delete manifest.models[DETECTORS[1].name];
    writeManifest(manifest);
    expect(() => loadModelManifest(dir)).toThrow(new RegExp(`models\\.${DETECTORS[1].name} is missing`));
  });

  it("refuses an entry whose file is not a bare .onnx name in the folder", () => {
    const manifest = manifestJson();
    manifest.models[DETECTORS[0].name].file = "../outside.onnx";
    writeManifest(manifest);
    expect(() => loadModelManifest(dir)).toThrow(
      /\.file is "\.\.\/outside\.onnx"; expected a bare \.onnx file name/,
    );
    manifest.models[DETECTORS[0].name].file = "other.onnx";
    writeManifest(manifest);
    expect(() => loadModelManifest(dir)).toThrow(/other\.onnx is missing; retrain/);
  });

  it("refuses a missing manifest, bad JSON and another format version, as ManifestError", () => {
    rmSync(join(dir, MANIFEST_FILE));
    expect(() => loadModelManifest(dir)).toThrow(ManifestError);
    writeFileSync(join(dir, MANIFEST_FILE), "{");
    expect(() => loadModelManifest(dir)).toThrow(/is not valid JSON/);
    writeManifest({ formatVersion: 2, models: {} });
    expect(() => loadModelManifest(dir)).toThrow(/is not a formatVersion 1 model manifest/);
  });
});

describe("readManifest (a pinned version's manifest)", () => {
  it("reads only the named detectors and does not need their model files", () => {
    const manifest = manifestJson();
    const [first] = DETECTORS;
    manifest.models[first.name].sha256 = "a".repeat(64);
    for (const d of DETECTORS.slice(1)) delete manifest.models[d.name];
    writeManifest(manifest);
    rmSync(join(dir, modelFileOf(first)));
    const entries = readManifest(join(dir, MANIFEST_FILE), [first.name]);
    expect([...entries.keys()]).toEqual([first.name]);
    expect(entries.get(first.name)!.sha256).toBe("a".repeat(64));
  });

  it("still checks the entry's shape", () => {
    const manifest = manifestJson();
    manifest.models[DETECTORS[0].name].sha256 = "not-hex";
    writeManifest(manifest);
    expect(() => readManifest(join(dir, MANIFEST_FILE), [DETECTORS[0].name])).toThrow(
      /sha256 must be 64 lowercase hex digits/,
    );
  });
});

describe("runtimeEntryOf", () => {
  it("keeps what the runtime needs and drops the long texts", () => {
    const entry = loadModelManifest().get(DETECTORS[0].name)!;
    const runtime = runtimeEntryOf(entry);
    expect(Object.keys(runtime).sort()).toEqual([
      "decision",
      "expected",
      "file",
      "inputs",
      "modelVersion",
      "outputs",
      "sha256",
    ]);
    expect(runtime).toMatchObject({ file: entry.file, sha256: entry.sha256, decision: entry.decision });
  });
});
