/** Model source adapter for local mode: models/manifest.json and the .onnx file beside it. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { checkModelEntry, type ModelContract } from "../runtime/model-entry";
import type { ModelArtifact, ModelSource } from "./model-source";

/** Name of the manifest inside a model folder. */
export const MANIFEST_FILE = "manifest.json";

/** Reads a model folder's manifest.json as untrusted JSON. */
export async function readManifestJson(dir: string): Promise<unknown> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON`);
  }
}

/** Reads a model's entry from the folder's manifest and its .onnx file from the same folder. */
export class LocalModelSource implements ModelSource {
  /**
   * @param dir folder with manifest.json and the .onnx files
   * @param modelId the model's id in the manifest
   * @param contract what the entry must promise
   */
  constructor(
    private readonly dir: string,
    private readonly modelId: string,
    private readonly contract: ModelContract,
  ) {}

  /** Reads the manifest entry and the model bytes. */
  async read(): Promise<ModelArtifact> {
    const manifest = await readManifestJson(this.dir);
    const models = (manifest as { models?: Record<string, unknown> } | null)?.models;
    if (typeof models !== "object" || models === null || !Object.hasOwn(models, this.modelId)) {
      throw new Error(`${join(this.dir, MANIFEST_FILE)} has no model ${this.modelId}`);
    }
    const entry = checkModelEntry(models[this.modelId], this.contract);
    if (!entry.ok) throw new Error(`${join(this.dir, MANIFEST_FILE)}: ${entry.problem}`);
    const path = join(this.dir, entry.value.file);
    try {
      return { entry: entry.value, bytes: await readFile(path), origin: path };
    } catch (error) {
      throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
}
