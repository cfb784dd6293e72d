/** GET / : service status with each detector's model version, from the environment or the manifest. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DETECTORS, MODEL_IDS } from "../../lambdas/catalog";
import { createStatusHandler, ENV } from "../../lambdas/runtime";
import { DEFAULT_MODEL_DIR } from "../../lambdas/runtime/repo-paths";
import { getEvent, lambdaContext, lineCollector } from "../support/lambda-events";

const root = mkdtempSync(join(tmpdir(), "helios-status-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function status(env: Record<string, string>, event = getEvent("/")) {
  const output = lineCollector();
  const handler = createStatusHandler({ env, writeLine: output.write });
  const result = await handler(event, lambdaContext("req-status"));
  return {
    status: result.statusCode,
    headers: result.headers,
    json: JSON.parse(result.body),
    lines: output.lines,
  };
}

describe("status handler", () => {
  it("lists every catalogued detector with the committed manifest's versions in local mode", async () => {
    const manifest = (await import(join(DEFAULT_MODEL_DIR, "manifest.json"))) as {
      models: Record<string, { modelVersion: string }>;
    };
    const { status: code, json, lines } = await status({});
    expect(code).toBe(200);
    expect(json.service).toBe("helios");
    expect(json.status).toBe("ok");
    expect(json.detectors).toEqual(
      DETECTORS.map((d) => ({
        name: d.name,
        title: d.title,
        route: `/predict/${d.name}`,
        modelVersion: manifest.models[d.name]!.modelVersion,
        model: `${d.name}@${manifest.models[d.name]!.modelVersion}`,
        ...(d.forms.length > 0
          ? {
              forms: d.forms.map((f) => ({
                kind: f.kind,
                model: f.model,
                modelVersion: manifest.models[f.model]!.modelVersion,
              })),
            }
          : {}),
      })),
    );
    expect(lines.at(-1)).toMatchObject({
      message: "request",
      requestId: "req-status",
      detector: "status",
      status: 200,
    });
  });

  it("reads versions from HELIOS_DETECTOR_VERSIONS on Lambda, degraded when one is missing", async () => {
    const versions = Object.fromEntries(MODEL_IDS.map((id) => [id, `2.0.0+${id}`]));
    const full = await status({ [ENV.detectorVersions]: JSON.stringify(versions) });
    expect(full.json.status).toBe("ok");
    // A form's model counts too: without it the service is degraded.
    const { "login-events": _events, ...withoutForm } = versions;
    expect((await status({ [ENV.detectorVersions]: JSON.stringify(withoutForm) })).json.status).toBe(
      "degraded",
    );
    expect(full.json.detectors[0]).toMatchObject({ modelVersion: "2.0.0+cpu", model: "cpu@2.0.0+cpu" });

    const { cpu: _cpu, ...withoutCpu } = versions;
    const partial = await status({ [ENV.detectorVersions]: JSON.stringify(withoutCpu) });
    expect(partial.json.status).toBe("degraded");
    expect(partial.json.detectors[0]).toMatchObject({ name: "cpu", modelVersion: null, model: null });
    expect(partial.json.detectors[1].modelVersion).toBe("2.0.0+network");
  });

  it("reports degraded (not a 500) when versions cannot be read, and logs why", async () => {
    const badJson = await status({ [ENV.detectorVersions]: "{nope" });
    expect(badJson.status).toBe(200);
    expect(badJson.json.status).toBe("degraded");
    expect(badJson.lines.find((l) => l.message === "model versions unavailable")?.reason).toBe(
      "Error: HELIOS_DETECTOR_VERSIONS is not valid JSON",
    );
    const emptyDir = join(root, "empty");
    const noManifest = await status({ [ENV.modelDir]: emptyDir });
    expect(noManifest.json.detectors.every((d: { modelVersion: unknown }) => d.modelVersion === null)).toBe(
      true,
    );
  });

  it("reads the manifest from HELIOS_MODEL_DIR", async () => {
    const dir = join(root, "models");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "manifest.json"),
      JSON.stringify({ formatVersion: 1, models: { login: { modelVersion: "9.9.9" } } }),
    );
    const { json } = await status({ [ENV.modelDir]: dir });
    expect(json.detectors.find((d: { name: string }) => d.name === "login").modelVersion).toBe("9.9.9");
    expect(json.status).toBe("degraded");
  });

  it("answers 405 for another method and 404 for another path", async () => {
    const post = await status({}, getEvent("/", { httpMethod: "POST" }));
    expect(post.status).toBe(405);
    expect(post.headers?.Allow).toBe("GET");
    expect((await status({}, getEvent("/nope"))).status).toBe(404);
  });
});
