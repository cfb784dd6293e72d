/** Alert content and bounds: one summary per batch, texts only as prefixes, well under SNS's 256 KB. */

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { admitAlert, alertAfterCooldown, cooldownKey } from "../../lambdas/alerts/alert-cooldown";
import { finishAlert } from "../../lambdas/alerts/alert-sink";
import { snsMessage, snsSubject } from "../../lambdas/alerts/sns-alert-sink";
import { getDetector } from "../../lambdas/catalog";
import { buildAlert, MAX_ALERT_ITEMS } from "../../lambdas/runtime/alert-message";
import { ECHO_PREFIX_CHARS, echoOf } from "../../lambdas/runtime/detector-response";
import { DynamoDbStateStore } from "../../lambdas/state/dynamodb-state-store";
import { MemoryStateStore } from "../../lambdas/state/memory-state-store";
import { createStateTable, type DynaliteEndpoint, startDynalite } from "../support/dynalite-server";
import { fixtureEntry, fixtureModelBytes } from "../support/fixture-models";

const content = getDetector("content");
const entry = fixtureEntry(content, fixtureModelBytes(content));
const context = { requestId: "req-alert", time: new Date("2026-11-21T00:00:00Z") };
const SNS_MAX_MESSAGE_BYTES = 256 * 1024;

describe("buildAlert", () => {
  it("makes no alert when nothing is anomalous", () => {
    const alert = buildAlert(
      content,
      entry,
      { form: "reading", mode: "single", items: ["hi"] },
      [{ decision: 0, score: 0.1, probability: 0.1 }],
      context,
    );
    expect(alert).toBeUndefined();
  });

  it("keeps the largest possible batch alert under SNS's limit, listing the first anomalies and counting the rest", () => {
    // 1,000 texts of 64 KiB, each 4-byte emoji, all blocked: the worst case the API admits.
    const text = "😀".repeat(16 * 1024);
    const items = new Array(content.maxBatchItems).fill(text);
    const predictions = items.map(() => ({ decision: 1 as const, score: 12.345678, probability: 0.99999 }));
    const draft = buildAlert(
      content,
      entry,
      { form: "reading", mode: "batch", items },
      predictions,
      context,
    )!;
    const alert = finishAlert(draft);
    expect(Buffer.byteLength(JSON.stringify(alert.message))).toBeLessThan(SNS_MAX_MESSAGE_BYTES / 4);
    // What SNS receives carries the JSON and the text.
    expect(Buffer.byteLength(snsMessage(alert))).toBeLessThan(SNS_MAX_MESSAGE_BYTES / 2);
    expect(alert.text).toContain("… and 980 more");
    expect(alert.message).toMatchObject({ count: 1000, batchSize: 1000, notListed: 1000 - MAX_ALERT_ITEMS });
    const listed = alert.message.anomalies as { index: number; input: string }[];
    expect(listed).toHaveLength(MAX_ALERT_ITEMS);
    expect(listed[0]!.input).toBe(echoOf(text));
    expect(alert.subject).toBe("Helios: 1000 content blocked texts in a batch");
  });

  it("writes readable text: what, which resource, value and what was expected, score, time, where to look", () => {
    const cpu = getDetector("cpu");
    const cpuEntry = { ...fixtureEntry(cpu, fixtureModelBytes(cpu)), expected: [5.4, 68.9] as const };
    const draft = buildAlert(
      cpu,
      cpuEntry,
      { form: "reading", mode: "single", items: [95], resource: "i-0abc1234" },
      [{ decision: 1, score: 0.95 }],
      { ...context, env: { AWS_REGION: "eu-west-1", AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/Helios-Cpu" } },
    )!;
    const alert = finishAlert(draft);
    expect(alert.subject).toBe("Helios: cpu anomaly on i-0abc1234");
    expect(alert.message).toMatchObject({ resource: "i-0abc1234", input: 95, expected: [5.4, 68.9] });
    expect(alert.text.split("\n").slice(0, 10)).toEqual([
      "Helios flagged a cpu utilisation reading as anomalous.",
      "",
      "Detector: cpu (CPU utilisation)",
      "Resource: i-0abc1234",
      "Time:     2026-11-21T00:00:00.000Z",
      "Value:    95 percent",
      "Expected: 5.4 to 68.9 percent",
      "Score:    0.95",
      `Model:    cpu@${cpuEntry.modelVersion}`,
      "",
    ]);
    expect(alert.text).toContain(
      "logs: https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252FHelios-Cpu (request id req-alert)",
    );
  });

  it("echoes a prefix that never splits a surrogate pair", () => {
    const text = `${"a".repeat(ECHO_PREFIX_CHARS - 1)}😀tail`;
    expect(echoOf(text)).toBe(`${"a".repeat(ECHO_PREFIX_CHARS - 1)}…`);
    expect(echoOf("short")).toBe("short");
    expect(echoOf(95)).toBe(95);
  });
});

describe("snsSubject", () => {
  it("keeps subjects ASCII, single-line and within 100 characters", () => {
    expect(snsSubject("Helios: cpu anomaly")).toBe("Helios: cpu anomaly");
    expect(snsSubject("Helios: ünïcode\nline")).toBe("Helios: ?n?code?line");
    expect(snsSubject("x".repeat(150))).toHaveLength(100);
  });
});

describe("alert cooldown", () => {
  const cpu = getDetector("cpu");
  const cpuEntry = fixtureEntry(cpu, fixtureModelBytes(cpu));
  const draft = buildAlert(
    cpu,
    cpuEntry,
    { form: "reading", mode: "single", items: [95], resource: "i-1" },
    [{ decision: 1, score: 0.95 }],
    context,
  )!;
  const WINDOW = 900;

  it("sends the first alert, counts what follows within the window, and reports the count with the next one", async () => {
    let now = Date.UTC(2026, 10, 28, 12, 0, 0);
    const store = new MemoryStateStore(() => now);
    const admit = (anomalies: number, resource = "i-1") =>
      admitAlert(store, WINDOW, "cpu", resource, anomalies, now);

    expect(await admit(1)).toEqual({ send: true, suppressedBefore: 0 });
    now += 60_000;
    expect(await admit(3)).toEqual({ send: false, windowEnds: Date.UTC(2026, 10, 28, 12, 15, 0) / 1000 });
    expect(await admit(2, "i-2")).toEqual({ send: true, suppressedBefore: 0 }); // another resource
    now += 13 * 60_000;
    expect(await admit(1)).toMatchObject({ send: false });
    now += 2 * 60_000; // 16 minutes after the first alert
    const verdict = await admit(1);
    expect(verdict).toEqual({
      send: true,
      suppressedBefore: 4,
      suppressedSince: Date.UTC(2026, 10, 28, 12) / 1000,
    });

    const alert = alertAfterCooldown(draft, verdict as Extract<typeof verdict, { send: true }>, WINDOW);
    expect(alert.message).toMatchObject({
      suppressedBefore: 4,
      suppressedSince: "2026-11-28T12:00:00.000Z",
      cooldownMinutes: 15,
    });
    expect(alert.text).toContain(
      "This alert also stands for 4 earlier anomalies of this detector and resource since 2026-11-28T12:00:00.000Z, which were counted but not alerted.",
    );
    expect(alert.text).toContain(
      "Further anomalies of this detector and resource in the next 15 minutes are counted, not alerted.",
    );
  });

  it("with a window of 0 sends every alert without touching the store", async () => {
    const store = new MemoryStateStore();
    for (let i = 0; i < 3; i += 1)
      expect(await admitAlert(store, 0, "cpu", "i-1", 1, Date.now())).toMatchObject({ send: true });
    expect((await store.read([cooldownKey("cpu", "i-1")])).get(cooldownKey("cpu", "i-1"))?.version).toBe(0);
    expect(finishAlert(draft).text).not.toContain("counted, not alerted");
  });

  it("keys unnamed resources apart from named ones", () => {
    expect(cooldownKey("cpu", undefined)).toBe("alert#cpu#-");
    expect(cooldownKey("cpu", "i-1")).toBe("alert#cpu#i-1");
  });
});

describe("alert cooldown across function instances (DynamoDB over the wire, dynalite)", () => {
  let dynalite: DynaliteEndpoint;
  const clients: DynamoDBClient[] = [];
  beforeAll(async () => {
    dynalite = await startDynalite();
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await dynalite.stop();
  });

  /** One function instance's store: its own client on the shared table. */
  function instanceStore(table: string, now: () => number): DynamoDbStateStore {
    const client = new DynamoDBClient({
      endpoint: dynalite.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      maxAttempts: 1,
    });
    clients.push(client);
    return new DynamoDbStateStore(table, client, now);
  }

  it("lets exactly one of many simultaneous anomalous requests on two instances alert, and counts the rest", async () => {
    const now = Date.UTC(2026, 10, 28, 12);
    const setupClient = new DynamoDBClient({
      endpoint: dynalite.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    clients.push(setupClient);
    await createStateTable(setupClient, "helios-cooldown");
    const instances = [
      instanceStore("helios-cooldown", () => now),
      instanceStore("helios-cooldown", () => now),
    ];
    const verdicts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => admitAlert(instances[i % 2]!, 900, "cpu", "i-1", 1, now)),
    );
    expect(verdicts.filter((v) => v.send)).toHaveLength(1);
    const record = (await instances[0]!.read([cooldownKey("cpu", "i-1")])).get(cooldownKey("cpu", "i-1"));
    expect(record?.value).toMatchObject({ suppressed: 11 });
  });
});
