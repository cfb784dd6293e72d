/** The watcher's context settings at synth: parsed with the function's own parsers, every problem named. */
import { readSettings, SettingsError } from "../../lib/settings/helios-settings";

const read = (context: Record<string, unknown>) => readSettings((key) => context[key]);

function problemsOf(context: Record<string, unknown>): readonly string[] {
  try {
    read(context);
    return [];
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
}

const CPU = {
  detector: "cpu",
  namespace: "AWS/EC2",
  metricName: "CPUUtilization",
  dimensions: { InstanceId: "i-0123456789abcdef0" },
};

it("reads watch, watchTag, watchSchedule and watchHistoryDays from -c strings", () => {
  expect(
    read({
      watch: JSON.stringify([CPU]),
      watchTag: "team=web",
      watchSchedule: "rate(15 minutes)",
      watchHistoryDays: "3",
    }),
  ).toMatchObject({
    watch: [{ ...CPU, stat: "Average", period: 300 }],
    watchTag: { key: "team", value: "web" },
    watchSchedule: 15,
    watchHistoryDays: 3,
  });
});

it("accepts watch as a JSON value from cdk.json", () => {
  expect(read({ watch: [CPU] }).watch).toEqual([{ ...CPU, stat: "Average", period: 300 }]);
});

it.each([
  [{ watch: "[{" }, /^watch: is not JSON/],
  [
    { watch: JSON.stringify([{ ...CPU, detector: "content" }]) },
    /^watch\[0\]\.detector must be one of cpu, network, storage$/,
  ],
  [{ watchTag: "team" }, /^watchTag: "team" is not key=value/],
  [
    { watchSchedule: "cron(0 * * * ? *)" },
    /^watchSchedule: "cron\(0 \* \* \* \? \*\)" is not a whole number of minutes/,
  ],
  [{ watchHistoryDays: "30" }, /^watchHistoryDays: "30" is not an integer from 1 to 14/],
  [
    { watch: JSON.stringify([{ ...CPU, period: 86_400 }]), watchHistoryDays: "1" },
    /^watch: CPUUtilization: period 86400 s leaves fewer than 2 points in the history$/,
  ],
  [
    { watchTag: "a=b", watchSchedule: "1440", watchHistoryDays: "1" },
    /^watchSchedule: runs must come at least twice per watchHistoryDays$/,
  ],
])("rejects %j", (context, message) => {
  const problems = problemsOf(context);
  if (problems.length === 0) throw new Error("expected a problem");
  expect(problems.join("\n")).toMatch(message);
});
