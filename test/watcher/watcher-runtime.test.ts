/**
 * The watcher function end to end with its outside world replaced (metric source, instance
 * finder, scorers, alert sink) and its clock injected: one alert per run with new incidents,
 * Anomalies per detector as EMF lines, a failed invocation that says what it could not read, and
 * a model load retried by the next run.
 */
import type { Alert, AlertSink } from "../../lambdas/alerts/alert-sink";
import { ENV, METRICS_NAMESPACE } from "../../lambdas/runtime/environment-names";
import type { SeriesScorers } from "../../lambdas/watcher/series-scorer";
import { instanceMetrics, serializePlan } from "../../lambdas/watcher/watch-config";
import type { NewIncident } from "../../lambdas/watcher/watch-run";
import { WATCHER_ENV } from "../../lambdas/watcher/watcher-environment";
import { createWatcherRuntime, RUN_MARGIN_MS, WatcherRunError } from "../../lambdas/watcher/watcher-runtime";
import { saveAwsEnvironment, useDummyAwsEnvironment } from "../support/aws-environment";
import { startCloudWatchDouble } from "../support/cloudwatch-double";
import { fakeSeriesScorer } from "../support/fake-series-scorer";
import { MemoryMetricSource, regularSeries } from "../support/memory-metric-source";
import { DAY, EC2_CPU, T0 } from "../support/watch-fixtures";

const cpu = EC2_CPU;
const env = {
  AWS_REGION: "eu-west-1",
  [WATCHER_ENV.plan]: serializePlan({
    metrics: [cpu],
    tag: { key: "helios", value: "watch" },
    scheduleSeconds: 300,
    historySeconds: DAY,
  }),
  [ENV.metrics]: "emf",
};

/** An alert sink that keeps what it is given (or fails). */
function capturingSink(fail = false): AlertSink & { alerts: Alert[] } {
  const alerts: Alert[] = [];
  return {
    alerts,
    async publish(alert) {
      if (fail) throw new Error("SNS is down");
      alerts.push(alert);
    },
  };
}

function setUp(
  options: {
    failAlerts?: boolean;
    instances?: string[];
    cpuOnly?: boolean;
    failDiscovery?: boolean;
    failEvents?: boolean;
  } = {},
) {
  const source = new MemoryMetricSource();
  // 40 % with a wave, and one spike at T0 - 10 min (new in the run scheduled at T0 + 0..5 min).
  source.put(
    cpu,
    regularSeries(T0 - DAY, 300, 288, (i) => (i === 286 ? 97 : 40 + Math.sin(i / 5))),
  );
  const instances = options.instances ?? [];
  for (const id of instances) {
    for (const metric of instanceMetrics(id)) {
      if (options.cpuOnly && metric.detector !== "cpu") continue;
      source.put(
        metric,
        regularSeries(T0 - DAY, 300, 288, () => 12),
      );
    }
  }
  const lines: string[] = [];
  const alerts = capturingSink(options.failAlerts);
  let loads = 0;
  const announced: { incidents: readonly NewIncident[]; at: Date }[] = [];
  const scorers: SeriesScorers = new Map(["cpu", "network", "storage"].map((d) => [d, fakeSeriesScorer(d)]));
  const handler = createWatcherRuntime({
    env,
    writeLine: (line) => lines.push(line),
    now: () => (T0 + 65) * 1000,
    dependencies: {
      source,
      finder: {
        findRunning: async () => {
          if (options.failDiscovery) throw new Error("UnauthorizedOperation");
          return instances;
        },
      },
      alerts,
      announcer: {
        async announce(incidents, at) {
          if (options.failEvents) throw new Error("AccessDeniedException");
          announced.push({ incidents, at });
        },
      },
      loadScorers: async () => {
        loads += 1;
        return scorers;
      },
    },
  });
  return { handler, lines, alerts, source, announced, loads: () => loads };
}

const json = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe("the watcher function", () => {
  it("publishes one alert for the run's new incident and emits Predictions and Anomalies per detector", async () => {
    const { handler, lines, alerts, source } = setUp();
    const summary = await handler(
      { scheduledTime: "2026-01-01T00:01:05Z" },
      { getRemainingTimeInMillis: () => 60_000 },
    );
    expect(summary).toMatchObject({
      runTime: "2026-01-01T00:00:00.000Z",
      metrics: 1,
      incidents: 1,
      unread: 0,
      alerted: true,
      newPoints: 1,
    });
    // A day of history, from the midnight on or before a day before the window's end.
    expect(source.reads).toEqual([{ start: T0 - 2 * DAY, end: T0 - 300 }]);
    expect(alerts.alerts).toHaveLength(1);
    const alert = alerts.alerts[0] as Alert & { text: string };
    expect(alert.subject).toBe("Helios watcher: 1 new incident on i-0123456789abcdef0");
    expect(alert.text).toContain("at 2025-12-31T23:50:00.000Z: 97, expected");
    const emf = json(lines).filter((l) => "_aws" in l);
    expect(emf).toEqual([
      expect.objectContaining({
        Detector: "cpu",
        Predictions: 1,
        Anomalies: 1,
        _aws: expect.objectContaining({
          CloudWatchMetrics: [
            expect.objectContaining({ Namespace: METRICS_NAMESPACE, Dimensions: [["Detector"]] }),
          ],
        }),
      }),
    ]);
    const run = json(lines).find((l) => l.message === "watcher run")!;
    expect(run).toMatchObject({ level: "info", incidents: 1, metrics: 1, unread: 0 });
  });

  it("runs without an alert when nothing new is anomalous, and uses the clock without a scheduled time", async () => {
    const { handler, alerts } = setUp({ instances: ["i-00000000000000001"] });
    const later = await handler({ scheduledTime: "2026-01-01T00:06:00Z" });
    expect(later).toMatchObject({
      runTime: "2026-01-01T00:05:00.000Z",
      incidents: 0,
      alerted: false,
      instances: 1,
    });
    expect(alerts.alerts).toHaveLength(0);
    const byClock = await handler(undefined);
    expect(byClock.runTime).toBe("2026-01-01T00:00:00.000Z");
  });

  it("fails the invocation, after alerting on what it could read, when some metrics could not be read", async () => {
    // The tagged instance's network and storage metrics are not in the source.
    const { handler, alerts, lines } = setUp({ instances: ["i-00000000000000001"], cpuOnly: true });
    const failed = handler({ scheduledTime: "2026-01-01T00:01:05Z" });
    await expect(failed).rejects.toThrow(WatcherRunError);
    await expect(failed).rejects.toThrow(
      "3 of 5 metrics could not be read or scored (first: no such metric)",
    );
    expect(alerts.alerts).toHaveLength(1);
    const run = json(lines).find((l) => l.message === "watcher run")!;
    expect(run.level).toBe("error");
    expect((run.unreadMetrics as unknown[]).length).toBe(3);
  });

  it("fails when the alert cannot be delivered, with the alert in the log", async () => {
    const { handler, lines } = setUp({ failAlerts: true });
    await expect(handler({ scheduledTime: "2026-01-01T00:01:05Z" })).rejects.toThrow(
      "the alert could not be delivered: Error: SNS is down",
    );
    expect(
      json(lines).some((l) => l.message === "watcher alert not delivered; logged here instead" && l.subject),
    ).toBe(true);
    expect(json(lines).some((l) => l.Detector === "watcher" && l.AlertFailures === 1)).toBe(true);
  });

  it("loads the scorers once per container, and again after a failed load", async () => {
    const { handler, loads } = setUp();
    await handler({});
    await handler({});
    expect(loads()).toBe(1);
    let attempts = 0;
    const lines: string[] = [];
    const flaky = createWatcherRuntime({
      env,
      writeLine: (line) => lines.push(line),
      now: () => T0 * 1000,
      dependencies: {
        source: new MemoryMetricSource(),
        finder: { findRunning: async () => [] },
        alerts: capturingSink(),
        loadScorers: async () => {
          attempts += 1;
          if (attempts === 1) throw new Error("checksum mismatch");
          return new Map();
        },
      },
    });
    await expect(flaky({})).rejects.toThrow("the series model could not be loaded: Error: checksum mismatch");
    await expect(flaky({})).rejects.toThrow(
      "1 of 1 metrics could not be read or scored (first: no such metric)",
    );
    expect(attempts).toBe(2);
    expect(json(lines).some((l) => l.Detector === "watcher" && l.ModelLoadFailures === 1)).toBe(true);
  });

  it("refuses a missing or invalid plan with a message naming it", async () => {
    const handler = createWatcherRuntime({ env: {}, writeLine: () => undefined });
    await expect(handler({})).rejects.toThrow(
      `invalid watch plan: the event has no plan and ${WATCHER_ENV.plan} is not set`,
    );
    const bad = createWatcherRuntime({ env: { [WATCHER_ENV.plan]: "{}" }, writeLine: () => undefined });
    await expect(bad({})).rejects.toThrow(/invalid watch plan: scheduleSeconds must be/);
  });

  it("still watches the listed metrics when the tagged instances cannot be listed, then fails naming why", async () => {
    const { handler, alerts } = setUp({ failDiscovery: true });
    await expect(handler({ scheduledTime: "2026-01-01T00:01:05Z" })).rejects.toThrow(
      "instances tagged helios=watch could not be listed: Error: UnauthorizedOperation",
    );
    expect(alerts.alerts).toHaveLength(1);
  });

  it("finishes within its deadline against a stalled CloudWatch, failing with what it could not read", async () => {
    const double = await startCloudWatchDouble();
    const restore = saveAwsEnvironment();
    useDummyAwsEnvironment({ AWS_ENDPOINT_URL_CLOUDWATCH: double.endpoint });
    double.behaviour.stall = true;
    try {
      const lines: string[] = [];
      const handler = createWatcherRuntime({
        env: {
          ...env,
          [WATCHER_ENV.plan]: serializePlan({ metrics: [cpu], scheduleSeconds: 300, historySeconds: DAY }),
        },
        writeLine: (line) => lines.push(line),
        dependencies: {
          alerts: capturingSink(),
          loadScorers: async () => new Map([["cpu", fakeSeriesScorer("cpu")]]),
        },
      });
      const started = performance.now();
      // The deadline leaves 400 ms for reading after the margin kept for scoring and alerting.
      const run = handler({}, { getRemainingTimeInMillis: () => RUN_MARGIN_MS + 400 });
      await expect(run).rejects.toThrow(
        "1 of 1 metrics could not be read or scored (first: the run's deadline passed before this metric was read)",
      );
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(double.calls).toHaveLength(1);
      const summary = json(lines).find((l) => l.message === "watcher run")!;
      expect(summary.unreadMetrics).toEqual([
        {
          namespace: "AWS/EC2",
          metricName: "CPUUtilization",
          dimensions: cpu.dimensions,
          reason: "the run's deadline passed before this metric was read",
        },
      ]);
    } finally {
      restore();
      await double.stop();
    }
  });

  it("fails when the incidents cannot be announced, after alerting", async () => {
    const { handler, alerts } = setUp({ failEvents: true });
    await expect(handler({ scheduledTime: "2026-01-01T00:01:05Z" })).rejects.toThrow(
      "the incidents could not be announced: Error: AccessDeniedException",
    );
    expect(alerts.alerts).toHaveLength(1);
  });

  it("refuses an unknown HELIOS_INCIDENT_EVENTS value", async () => {
    const handler = createWatcherRuntime({
      env: { ...env, [WATCHER_ENV.incidentEvents]: "sqs" },
      writeLine: () => undefined,
    });
    await expect(handler({})).rejects.toThrow('HELIOS_INCIDENT_EVENTS must be "eventbridge" or "off"');
  });

  it("refuses to announce incidents without the stack they belong to", async () => {
    const handler = createWatcherRuntime({
      env: { ...env, [WATCHER_ENV.incidentEvents]: "eventbridge", [WATCHER_ENV.stackName]: " " },
      writeLine: () => undefined,
    });
    await expect(handler({})).rejects.toThrow(
      `HELIOS_STACK_NAME must name the watcher's stack when HELIOS_INCIDENT_EVENTS is "eventbridge"`,
    );
  });

  it("takes the plan from the schedule's event before the environment's", async () => {
    const { handler, source } = setUp();
    const plan = JSON.parse(serializePlan({ metrics: [cpu], scheduleSeconds: 600, historySeconds: 2 * DAY }));
    const summary = await handler({ scheduledTime: "2026-01-01T00:01:05Z", plan });
    expect(summary.runTime).toBe("2026-01-01T00:00:00.000Z"); // rounded to the event plan's 10 minutes
    expect(source.reads).toEqual([{ start: T0 - 3 * DAY, end: T0 - 300 }]);
    await expect(
      handler({ plan: { metrics: [], scheduleSeconds: 300, historySeconds: DAY } }),
    ).rejects.toThrow("invalid watch plan: watch plan names no metric and no tag");
  });
});
