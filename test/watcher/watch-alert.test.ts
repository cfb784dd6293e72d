/** The alert of a run: subject, JSON message and readable text, and the console links in it. */
import { jsurl, metricConsoleUrl } from "../../lambdas/watcher/console-link";
import { runWindow } from "../../lambdas/watcher/run-window";
import { composeWatchAlert, MAX_LISTED_INCIDENTS } from "../../lambdas/watcher/watch-alert";
import type { WatchedMetric } from "../../lambdas/watcher/watch-config";
import type { NewIncident } from "../../lambdas/watcher/watch-run";
import { EC2_CPU } from "../support/watch-fixtures";

const T = Date.parse("2026-03-02T10:15:00Z") / 1000;
const cpu = EC2_CPU;
const window = runWindow(T + 600, { scheduleSeconds: 300, historySeconds: 7 * 86_400 });

function incident(metric: WatchedMetric, value: number, resource = "i-0123456789abcdef0"): NewIncident {
  return {
    metric,
    resource,
    model: `${metric.detector}-series@1.0.0+abcdef01`,
    threshold: 0.8,
    start: { t: T, value, score: 0.973215, anomaly: 1, expected: [31.0123456, 48.9] },
  };
}

describe("jsurl", () => {
  it("writes objects, lists, strings, numbers and booleans as the console reads them", () => {
    expect(jsurl({ metrics: [["AWS/EC2", "CPUUtilization"]], period: 300, stacked: false })).toBe(
      "~(metrics~(~(~'AWS*2fEC2~'CPUUtilization))~period~300~stacked~false)",
    );
    expect(jsurl("a b$(é)€")).toBe("~'a*20b!*28*e9*29**20ac");
    expect(jsurl([])).toBe("~(~)");
  });
});

describe("metricConsoleUrl", () => {
  it("opens the metric's graph around the incident in its region", () => {
    expect(metricConsoleUrl(cpu, "eu-west-1", T)).toBe(
      "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#metricsV2?graph=" +
        "~(metrics~(~(~'AWS*2fEC2~'CPUUtilization~'InstanceId~'i-0123456789abcdef0))~view~'timeSeries~stacked~false" +
        "~region~'eu-west-1~stat~'Average~period~300~start~'2026-03-02T04*3a15*3a00.000Z~end~'2026-03-02T11*3a15*3a00.000Z)",
    );
  });
});

describe("composeWatchAlert", () => {
  it("gives nothing when there is no new incident", () => {
    expect(composeWatchAlert([], window, { region: "us-east-1" })).toBeUndefined();
  });

  it("keeps the reading as measured and rounds only the estimates", () => {
    const alert = composeWatchAlert([incident(cpu, 293_319_458.5)], window, { region: "eu-west-1" })!;
    const [listed] = (alert.message as { incidents: { value: number; expected: number[] }[] }).incidents;
    expect(listed!.value).toBe(293_319_458.5);
    expect(listed!.expected).toEqual([31.0123, 48.9]);
    expect(alert.text).toContain("293319458.5");
  });

  it("names the resource, metric, time, value, expected range and score, in JSON and in text", () => {
    const alert = composeWatchAlert([incident(cpu, 97.25)], window, { region: "eu-west-1" })!;
    expect(alert.subject).toBe("Helios watcher: 1 new incident on i-0123456789abcdef0");
    expect(alert.detector).toBe("cpu");
    expect(alert.message).toMatchObject({
      source: "watcher",
      runTime: "2026-03-02T10:25:00.000Z",
      count: 1,
      notListed: 0,
      incidents: [
        {
          detector: "cpu",
          resource: "i-0123456789abcdef0",
          namespace: "AWS/EC2",
          metricName: "CPUUtilization",
          dimensions: { InstanceId: "i-0123456789abcdef0" },
          time: "2026-03-02T10:15:00.000Z",
          value: 97.25,
          expected: [31.0123, 48.9],
          score: 0.973215,
          threshold: 0.8,
          model: "cpu-series@1.0.0+abcdef01",
          consoleUrl: metricConsoleUrl(cpu, "eu-west-1", T),
        },
      ],
    });
    expect(alert.text).toBe(
      [
        "Helios found 1 new incident in the watcher run of 2026-03-02T10:25:00.000Z.",
        "",
        "Resources:  i-0123456789abcdef0",
        "Detectors:  cpu",
        "Data up to: 2026-03-02T10:20:00.000Z",
        "",
        "1. i-0123456789abcdef0: AWS/EC2 CPUUtilization (InstanceId=i-0123456789abcdef0), Average per 5 min",
        "  at 2026-03-02T10:15:00.000Z: 97.25, expected 31.0123 to 48.9",
        "  score 0.973215 (threshold 0.8, cpu detector, cpu-series@1.0.0+abcdef01)",
        `  ${metricConsoleUrl(cpu, "eu-west-1", T)}`,
        "",
        "Helios alerts once when an incident starts, not again while it lasts.",
        "",
        "Look closer:",
        "  the local server's log",
        "",
        "-- Helios anomaly detection",
        "",
      ].join("\n"),
    );
  });

  it("links the watcher's log group when it runs on Lambda", () => {
    const env = { AWS_REGION: "eu-west-1", AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/HeliosStack-Watcher" };
    const alert = composeWatchAlert([incident(cpu, 97.25)], window, { region: "eu-west-1", env })!;
    expect(alert.text).toContain(
      "  logs: https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252FHeliosStack-Watcher",
    );
  });

  it("summarises many resources in the subject, lists at most 50 and counts the rest", () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      incident(
        { ...cpu, detector: i % 2 ? "network" : "cpu", dimensions: { InstanceId: `i-${i}` } },
        i,
        `i-${i}`,
      ),
    );
    const alert = composeWatchAlert(many, window, { region: "us-east-1" }, [{ metric: cpu, reason: "x" }])!;
    expect(alert.subject).toBe("Helios watcher: 60 new incidents on 60 resources");
    expect(alert.detector).toBe("watcher");
    expect((alert.message.incidents as unknown[]).length).toBe(MAX_LISTED_INCIDENTS);
    expect(alert.message).toMatchObject({ count: 60, notListed: 10, unreadMetrics: 1 });
    expect(alert.text).toContain("10 more incidents are not listed here.");
    expect(alert.text).toContain("Not read:   1 watched metrics could not be read in this run");
    expect(alert.text).toContain("Resources:  i-0, i-1, i-2, i-3, i-4, and 55 more");
    expect(Buffer.byteLength(JSON.stringify(alert.message))).toBeLessThan(64 * 1024);
  });
});
