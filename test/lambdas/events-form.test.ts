/**
 * The login detector's sign-in events form through the Lambda handler, with the committed models,
 * the file state store and the file alert sink: the answer per event, the readable alert, metrics,
 * 400/413 at the edge, state kept across a restart, and AWS console sign-ins from EventBridge
 * through the same handler (scored, alerted, dropped when unreadable, failing the invocation when
 * they cannot be scored so that Lambda retries them).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { getDetector } from "../../lambdas/catalog";
import { ENV } from "../../lambdas/runtime";
import { lambdaContext } from "../support/lambda-events";
import { runtimeHarness } from "../support/runtime-harness";
import { dayAt, minutesAfter } from "../support/sign-ins";

const login = getDetector("login");
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "helios-events-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let runs = 0;
/** The login detector with the committed models, its state in a file (a fresh one by default). */
function setup(stateFile = join(root, `state-${++runs}.json`)) {
  const harness = runtimeHarness(
    login,
    root,
    { [ENV.stateStore]: "file", [ENV.stateFile]: stateFile },
    "req-events",
  );
  return { ...harness, requests: () => harness.logs("request"), stateFile };
}

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0";
const week = Array.from({ length: 7 }, (_, day) => ({
  user: "alice",
  time: dayAt(day, 9, 10),
  source_ip: "203.0.113.10",
  success: true,
  mfa: true,
  user_agent: CHROME,
}));
const burst = Array.from({ length: 9 }, (_, i) => ({
  user: "alice",
  time: minutesAfter(dayAt(8, 3), i / 2),
  source_ip: "198.51.100.66",
  success: false,
}));

describe("sign-in events through the API handler", () => {
  it("answers one event with user, time, anomaly, probability, reasons and the model", async () => {
    const { call } = setup();
    const { status, json } = await call({ event: week[0] });
    expect(status).toBe(200);
    expect(json).toEqual({
      user: "alice",
      time: week[0]!.time,
      anomaly: 0,
      probability: expect.any(Number),
      reasons: [],
      model: expect.stringMatching(/^login@1\.0\.0\+[0-9a-f]{8}$/),
    });
    expect(json.probability as number).toBeLessThan(0.5);
  });

  it("flags a burst after a week of history, alerts once in readable words, and counts it in metrics", async () => {
    const { call, alerts, emf, requests } = setup();
    const { status, json } = await call({ events: [...week, ...burst], resource: "corp-console" });
    expect(status).toBe(200);
    const results = json.results as { anomaly: number; reasons: string[]; probability: number }[];
    expect(results).toHaveLength(16);
    expect(results.slice(0, 7).every((r) => r.anomaly === 0)).toBe(true);
    const last = results[results.length - 1]!;
    expect(last).toMatchObject({ anomaly: 1, reasons: expect.arrayContaining(["9 failures in 4 minutes"]) });
    expect(last.probability).toBeGreaterThan(0.5);
    expect(json.resource).toBe("corp-console");
    const [alert, ...more] = alerts();
    expect(more).toEqual([]);
    expect(alert!.subject).toMatch(/^Helios: \d+ suspicious sign-ins \(1 user\)$/);
    expect(String(alert!.text)).toContain("alice failed to sign in at");
    expect(String(alert!.text)).toContain("9 failures in 4 minutes");
    expect(alert!.message).toMatchObject({
      detector: "login",
      resource: "corp-console",
      source: "api",
      events: 16,
    });
    const metrics = emf()[0] as Record<string, unknown>;
    expect(metrics).toMatchObject({
      Predictions: 16,
      Anomalies: results.filter((r) => r.anomaly === 1).length,
    });
    expect(requests()[0]).toMatchObject({ form: "events", items: 16, status: 200 });
  });

  it("refuses a bad event naming the field (400) and too many events (413)", async () => {
    const { call } = setup();
    expect(await call({ event: { ...week[0], time: "yesterday" } })).toEqual({
      status: 400,
      json: { error: expect.stringContaining('"event.time" must be an ISO-8601 time with a zone') },
    });
    const tooMany = await call({ events: new Array(1001).fill(week[0]) });
    expect(tooMany.status).toBe(413);
  });

  it("keeps each user's history across a restart (the state file)", async () => {
    const first = setup();
    await first.call({ events: week });
    const restarted = setup(first.stateFile);
    const { json } = await restarted.call({ events: burst });
    const results = json.results as { anomaly: number; reasons: string[] }[];
    expect(results[results.length - 1]).toMatchObject({ anomaly: 1 });
    // The history came from the file: alice is established, so her new network is news.
    expect(results[0]!.reasons).toContain("first sign-in from this network (198.51.100.0/24)");
  });
});

/** A recorded console sign-in sample, with its time and address replaced. */
function consoleEvent(name: string, time: string, ip?: string): APIGatewayProxyEvent {
  const sample = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "console-sign-in", name), "utf8"));
  sample.time = time;
  sample.detail.eventTime = time;
  if (ip) sample.detail.sourceIPAddress = ip;
  return sample as APIGatewayProxyEvent;
}

describe("AWS console sign-ins from EventBridge, through the same handler", () => {
  it("scores them with the same core and alerts on a burst of unknown user names from one address", async () => {
    const { runtime, alerts, requests } = setup();
    const results = [];
    for (let i = 0; i < 12; i += 1) {
      const event = consoleEvent("hidden-user-failure.json", minutesAfter(dayAt(2, 4), i / 2));
      results.push(JSON.parse((await runtime.handler(event, lambdaContext(`eb-${i}`))).body));
    }
    expect(results[0]).toMatchObject({ user: "HIDDEN_DUE_TO_SECURITY_REASONS", anomaly: 0 });
    expect(results[11]).toMatchObject({
      anomaly: 1,
      reasons: expect.arrayContaining(["12 failures from this address in 6 minutes"]),
    });
    const alert = alerts()[0]!;
    expect(alert.subject).toBe("Helios: suspicious AWS console sign-in by HIDDEN_DUE_TO_SECURITY_REASONS");
    expect(alert.message).toMatchObject({ source: "console", resource: "console/111122223333" });
    expect(requests()[0]).toMatchObject({ form: "events", source: "console", items: 1 });
  });

  it("keeps a console user's successes and failures in one history", async () => {
    const { runtime } = setup();
    for (let day = 0; day < 7; day += 1) {
      await runtime.handler(consoleEvent("iam-user-success-mfa.json", dayAt(day, 9, 5)), lambdaContext());
    }
    const dropped = await runtime.handler(
      consoleEvent("iam-user-success-no-mfa.json", dayAt(7, 9, 5)),
      lambdaContext(),
    );
    expect(JSON.parse(dropped.body)).toMatchObject({
      user: "111122223333/Anaya",
      anomaly: 1,
      reasons: expect.arrayContaining(["no MFA, though this user always used it"]),
    });
  });

  it("drops an event it cannot read, without failing the invocation", async () => {
    const { runtime, requests } = setup();
    const unreadable = consoleEvent("iam-user-failure.json", dayAt(1, 1), "AWS Internal");
    const answer = await runtime.handler(unreadable, lambdaContext());
    expect(answer.statusCode).toBe(400);
    expect(requests()[0]).toMatchObject({
      outcome: "rejected",
      error: expect.stringContaining("AWS Internal"),
    });
  });

  it("fails the invocation when the sign-in cannot be scored, so that Lambda retries it", async () => {
    const folder = join(root, "not-a-file");
    mkdirSync(folder);
    const { runtime } = setup(folder);
    await expect(
      runtime.handler(consoleEvent("iam-user-failure.json", dayAt(1, 1)), lambdaContext("eb-fail")),
    ).rejects.toThrow(/console sign-in not scored \(status 500\); see request eb-fail/);
  });
});
