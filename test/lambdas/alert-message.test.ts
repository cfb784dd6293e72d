/** Alert content and bounds: one summary per batch, texts only as prefixes, well under SNS's 256 KB. */

import { snsSubject } from "../../lambdas/alerts/sns-alert-sink";
import { getDetector } from "../../lambdas/catalog";
import { buildAlert, MAX_ALERT_ITEMS } from "../../lambdas/runtime/alert-message";
import { ECHO_PREFIX_CHARS, echoOf } from "../../lambdas/runtime/detector-response";
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
      { mode: "single", items: ["hi"] },
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
    const alert = buildAlert(content, entry, { mode: "batch", items }, predictions, context)!;
    const bytes = Buffer.byteLength(JSON.stringify(alert.message));
    expect(bytes).toBeLessThan(SNS_MAX_MESSAGE_BYTES / 4);
    expect(alert.message).toMatchObject({ count: 1000, batchSize: 1000, notListed: 1000 - MAX_ALERT_ITEMS });
    const listed = alert.message.anomalies as { index: number; input: string }[];
    expect(listed).toHaveLength(MAX_ALERT_ITEMS);
    expect(listed[0]!.input).toBe(echoOf(text));
    expect(alert.subject).toBe("Helios: 1000 content anomalies in a batch");
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
