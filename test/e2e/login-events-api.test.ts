/**
 * Sign-in events end to end over real HTTP, as a client (or the scenario suite) would send
 * them: the local server on an ephemeral port with its file state store, the committed models, the
 * hand-written suite posted 40 events per request; answers checked against the OpenAPI document.
 */
import { readFileSync } from "node:fs";
import { getDetector, routeOf } from "../../lambdas/catalog";
import { buildOpenApiDocument } from "../../lambdas/catalog/openapi";
import { openApiValidators } from "../local/openapi-validators";
import { type CapturedLocalServer, startCapturedLocalServer } from "../support/captured-local-server";
import { AFTER_WEEK, loginScenarioSuite } from "../support/login-scenarios";

const route = routeOf(getDetector("login"));
const validators = openApiValidators(buildOpenApiDocument());
const valid = (name: string, body: unknown) => {
  const validator = validators.validator(`#/components/schemas/${name}`);
  return validator(body) ? "valid" : validators.ajv.errorsText(validator.errors);
};

let local: CapturedLocalServer;
beforeAll(async () => {
  local = await startCapturedLocalServer({ tempPrefix: "helios-e2e-login-", keepLogLines: false });
});
afterAll(() => local?.close());

async function post(body: unknown) {
  const response = await fetch(`${local.server.url}${route}`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

type Result = { user: string; time: string; anomaly: number; probability: number; reasons: string[] };

describe("POST /predict/login with sign-in events", () => {
  it("answers one event in the documented shape", async () => {
    const { status, json } = await post({
      event: {
        user: "zoe",
        time: "2026-11-28T03:12:00Z",
        source_ip: "203.0.113.7",
        success: false,
        mfa: true,
      },
    });
    expect(status).toBe(200);
    expect(valid("LoginSignInPrediction", json)).toBe("valid");
    expect(json).toMatchObject({ user: "zoe", time: "2026-11-28T03:12:00Z", anomaly: 0, reasons: [] });
  });

  it("flags every attack of the suite and no routine sign-in after the week of history", async () => {
    const suite = loginScenarioSuite();
    const results: Result[] = [];
    for (let start = 0; start < suite.length; start += 40) {
      const { status, json } = await post({ events: suite.slice(start, start + 40).map((s) => s.event) });
      expect(status).toBe(200);
      expect(valid("LoginSignInBatchResponse", json)).toBe("valid");
      results.push(...(json.results as Result[]));
    }
    const byScenario = new Map<string, Result[]>();
    for (const [i, s] of suite.entries()) {
      byScenario.set(s.scenario, [...(byScenario.get(s.scenario) ?? []), results[i]!]);
    }
    const attacks = [...byScenario.keys()].filter((name) => name !== "routine");
    expect(attacks).toHaveLength(7);
    expect(attacks.filter((name) => !byScenario.get(name)!.some((r) => r.anomaly === 1))).toEqual([]);
    const routineAfterWeek = byScenario
      .get("routine")!
      .filter((r) => Date.parse(r.time) >= Date.parse(AFTER_WEEK));
    expect(routineAfterWeek.filter((r) => r.anomaly === 1)).toEqual([]);
    // One alert per cooldown window for the detector (no resource named): the first attack's.
    const alerts = readFileSync(local.alertFile, "utf8").trim().split("\n");
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(alerts[0]!).subject).toMatch(/^Helios: .*suspicious sign-in/);
  });

  it("refuses an event the gateway schema or the handler refuses, naming the field", async () => {
    const bad = await post({
      event: { user: "zoe", time: "2026-11-28T03:12:00Z", source_ip: "not-an-ip", success: true },
    });
    expect(bad).toEqual({
      status: 400,
      json: { error: '"event.source_ip" must be an IPv4 or IPv6 address, got "not-an-ip"' },
    });
  });
});
