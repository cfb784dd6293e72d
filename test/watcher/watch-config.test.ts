/** The watch settings: the `watch` list, `watchTag`, the schedule, and the plan the function reads back. */
import {
  checkPlan,
  instanceMetrics,
  parsePlan,
  parseScheduleMinutes,
  parseWatchList,
  parseWatchTag,
  resourceOf,
  serializePlan,
  type WatchPlan,
} from "../../lambdas/watcher/watch-config";

const rds = {
  detector: "cpu",
  namespace: "AWS/RDS",
  metricName: "CPUUtilization",
  dimensions: { DBInstanceIdentifier: "orders" },
};

describe("parseWatchList", () => {
  it("applies the defaults (Average, 300 s) and accepts JSON text or values", () => {
    const fromText = parseWatchList(
      JSON.stringify([
        rds,
        { ...rds, detector: "network", metricName: "NetworkReceiveThroughput", stat: "p99", period: 60 },
      ]),
    );
    expect(fromText).toEqual({
      ok: true,
      value: [
        { ...rds, stat: "Average", period: 300 },
        { ...rds, detector: "network", metricName: "NetworkReceiveThroughput", stat: "p99", period: 60 },
      ],
    });
    expect(parseWatchList([rds])).toEqual({ ok: true, value: [{ ...rds, stat: "Average", period: 300 }] });
  });

  it.each([
    ["not JSON", "[{", /watch: is not JSON/],
    ["an empty list", "[]", /watch: must be a non-empty JSON list/],
    [
      "an unknown detector",
      [{ ...rds, detector: "login" }],
      /watch\[0\]\.detector must be one of cpu, network, storage/,
    ],
    [
      "a missing namespace",
      [{ ...rds, namespace: undefined }],
      /watch\[0\]\.namespace must be a non-empty string/,
    ],
    ["a namespace starting with a colon", [{ ...rds, namespace: ":x" }], /must not start with ":"/],
    [
      "dimensions as a list",
      [{ ...rds, dimensions: [["InstanceId", "i-1"]] }],
      /watch\[0\]\.dimensions must be an object/,
    ],
    [
      "an empty dimension value",
      [{ ...rds, dimensions: { InstanceId: "" } }],
      /watch\[0\]\.dimensions\.InstanceId must be a non-empty string/,
    ],
    ["an unknown statistic", [{ ...rds, stat: "Mean" }], /watch\[0\]\.stat must be SampleCount, Average/],
    [
      "a period that is not whole minutes",
      [{ ...rds, period: 90 }],
      /watch\[0\]\.period must be a whole number of minutes/,
    ],
    ["a high-resolution period", [{ ...rds, period: 10 }], /period must be a whole number of minutes/],
    [
      "an unknown field",
      [{ ...rds, threshold: 3 }],
      /watch\[0\]\.threshold is not a field of a watched metric/,
    ],
    ["a repeated metric", [rds, { ...rds, stat: "Average" }], /watch\[1\] repeats watch\[0\]/],
  ])("rejects %s with a message naming the field", (_name, raw, message) => {
    const parsed = parseWatchList(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join("\n")).toMatch(message);
  });
});

describe("parseWatchTag", () => {
  it("splits at the first '=' and allows an empty value", () => {
    expect(parseWatchTag(" team=a=b ")).toEqual({ ok: true, value: { key: "team", value: "a=b" } });
    expect(parseWatchTag("helios=")).toEqual({ ok: true, value: { key: "helios", value: "" } });
  });
  it.each([["helios"], ["=x"], ["aws:cloudformation:stack-name=x"], ["bad!key=x"], [7]])(
    "rejects %p",
    (raw) => {
      const parsed = parseWatchTag(raw);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok)
        expect(parsed.problems[0]).toMatch(/^watchTag: .* (is not key=value|is not a valid EC2 tag)/);
    },
  );
});

describe("parseScheduleMinutes", () => {
  it.each([
    [5, 5],
    ["10", 10],
    ["rate(1 minute)", 1],
    ["rate(15 minutes)", 15],
    ["rate(2 hours)", 120],
  ])("reads %p as %p minutes", (raw, minutes) => {
    expect(parseScheduleMinutes(raw)).toEqual({ ok: true, value: minutes });
  });
  it.each([[0], [1441], ["2.5"], ["cron(0/5 * * * ? *)"], ["rate(5 seconds)"]])("rejects %p", (raw) => {
    expect(parseScheduleMinutes(raw).ok).toBe(false);
  });
});

describe("plans", () => {
  const plan: WatchPlan = {
    metrics: [{ ...rds, stat: "Average", period: 300 }],
    tag: { key: "helios", value: "watch" },
    scheduleSeconds: 300,
    historySeconds: 7 * 86_400,
  };

  it("round-trips through the JSON the stack writes", () => {
    expect(parsePlan(serializePlan(plan))).toEqual({ ok: true, value: plan });
    const tagOnly = { ...plan, metrics: [] };
    expect(parsePlan(serializePlan(tagOnly))).toEqual({ ok: true, value: tagOnly });
  });

  it("writes a metric's default stat and period out of the plan, and keeps others", () => {
    const json = serializePlan({
      ...plan,
      metrics: [plan.metrics[0]!, { ...plan.metrics[0]!, stat: "p99", period: 60 }],
    });
    expect(JSON.parse(json).metrics).toEqual([rds, { ...rds, stat: "p99", period: 60 }]);
  });

  it("refuses a plan too long for the schedule's input, saying what to do", () => {
    const many = Array.from({ length: 80 }, (_, i) => ({
      ...plan.metrics[0]!,
      dimensions: { DBInstanceIdentifier: `orders-${i}` },
    }));
    expect(checkPlan({ ...plan, metrics: many })).toEqual([
      expect.stringMatching(
        /^the 80 listed metrics take \d+ characters; at most 8000 fit in the schedule's input \(list fewer, or tag the instances and use watchTag\)$/,
      ),
    ]);
  });

  it("rejects a plan with nothing to watch, or a window over the scorer's 20,160 points", () => {
    const empty = parsePlan(serializePlan({ ...plan, metrics: [], tag: undefined }));
    expect(empty).toEqual({ ok: false, problems: ["watch plan names no metric and no tag"] });
    const oneMinute = {
      ...plan,
      tag: undefined,
      metrics: [{ ...plan.metrics[0]!, period: 60 }],
      historySeconds: 15 * 86_400,
    };
    expect(checkPlan(oneMinute)).toEqual([
      "CPUUtilization at period 60 s over 15 days (and up to a day more, from midnight) is up to 23040 points; at most 20160 (shorten watchHistoryDays or lengthen the period)",
    ]);
  });

  it("names resources by their dimension values, and tag instances by their id", () => {
    expect(
      resourceOf({
        metricName: "RequestCount",
        dimensions: { TargetGroup: "tg/1", LoadBalancer: "app/lb/2" },
      }),
    ).toBe("app/lb/2/tg/1");
    expect(resourceOf({ metricName: "Orders", dimensions: {} })).toBe("Orders");
    expect(instanceMetrics("i-0123456789abcdef0").map(resourceOf)).toEqual(
      Array(4).fill("i-0123456789abcdef0"),
    );
  });
});
