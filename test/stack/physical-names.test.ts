/**
 * Physical names: with `namePrefix` every name Helios sets (stack, topic, alarms, dashboard, API,
 * and any table, function, rule or schedule a construct names) starts with the prefix, so a copy
 * deploys beside production and beside the prototype's hand-made HeliosAlerts, HeliosAlarm and
 * HeliosDashboard; without it the names are today's.
 */
import { App, Stack } from "aws-cdk-lib";
import { BASE_NAMES, PhysicalNames, physicalName } from "../../lib/physical-names";
import { SettingsError } from "../../lib/settings/helios-settings";
import { type CfnResource, flattenJoin, type SynthResult, synthHelios } from "./support/synth";

/**
 * Properties that hold a name unique in the account and region (or shown as the resource's name),
 * by resource type; a construct that names such a resource without PhysicalNames fails below.
 */
const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  "AWS::SNS::Topic": "TopicName",
  "AWS::SQS::Queue": "QueueName",
  "AWS::CloudWatch::Alarm": "AlarmName",
  "AWS::CloudWatch::CompositeAlarm": "AlarmName",
  "AWS::CloudWatch::Dashboard": "DashboardName",
  "AWS::ApiGateway::RestApi": "Name",
  "AWS::DynamoDB::Table": "TableName",
  "AWS::Lambda::Function": "FunctionName",
  "AWS::IAM::Role": "RoleName",
  "AWS::Events::Rule": "Name",
  "AWS::Scheduler::Schedule": "Name",
  "AWS::Scheduler::ScheduleGroup": "Name",
  "AWS::SSM::Document": "Name",
  "AWS::SSM::Parameter": "Name",
  "AWS::Logs::LogGroup": "LogGroupName",
};

/** Every literal name the template sets in a NAME_PROPERTIES property, as "<type> <name>". */
function namedResources(resources: Record<string, CfnResource>): string[] {
  return Object.values(resources).flatMap((r) => {
    const property = NAME_PROPERTIES[r.Type];
    const value = property ? r.Properties?.[property] : undefined;
    // A name built from other resources' ids (the API's execution log group) is not chosen by us.
    return typeof value === "string" ? [`${r.Type} ${value}`] : [];
  });
}

describe("physicalName", () => {
  it("is the base name without a prefix, and <prefix>-<base> with one", () => {
    expect(physicalName(undefined, "topic", BASE_NAMES.alertTopic)).toBe("HeliosAlerts");
    expect(physicalName("staging", "topic", BASE_NAMES.alertTopic)).toBe("staging-HeliosAlerts");
    expect(physicalName("staging", "stack", BASE_NAMES.stack)).toBe("staging-HeliosStack");
  });

  it("refuses a name its service would refuse, naming the setting to change", () => {
    const long = "x".repeat(60);
    expect(() => physicalName("staging", "function", long)).toThrow(SettingsError);
    expect(() => physicalName("staging", "function", long)).toThrow(
      /namePrefix: the Lambda function name "staging-x+" has 68 characters, over the 64 allowed/,
    );
    expect(() => physicalName(undefined, "dashboard", "Helios Dashboard")).toThrow(/characters outside/);
    expect(() => physicalName(undefined, "table", "ab")).toThrow(/DynamoDB table name/);
  });

  it("fits every kind of name with the longest prefix the setting allows", () => {
    const prefix = `a${"b".repeat(19)}`;
    expect(physicalName(prefix, "function", "HeliosRemediationFunction")).toHaveLength(46);
    expect(physicalName(prefix, "schedule", "HeliosWatcherSchedule")).toHaveLength(42);
  });

  it("is asked of the stack a construct is in; a stack that set none gives today's names", () => {
    const app = new App();
    const plain = new Stack(app, "Plain");
    const named = new Stack(app, "Named");
    new PhysicalNames(named, "qa");
    expect(PhysicalNames.of(plain).name("dashboard", BASE_NAMES.dashboard)).toBe("HeliosDashboard");
    expect(PhysicalNames.of(named).name("dashboard", BASE_NAMES.dashboard)).toBe("qa-HeliosDashboard");
    expect(PhysicalNames.of(named).alarmNamePattern).toBe("qa-Helios*");
  });
});

describe.each([
  ["none (today's names)", undefined, ["HeliosStack", "HeliosAlerts", "HeliosAlarm", "HeliosDashboard"]],
  [
    "staging",
    "staging",
    ["staging-HeliosStack", "staging-HeliosAlerts", "staging-HeliosAlarm", "staging-HeliosDashboard"],
  ],
])("a stack with namePrefix %s", (_label, prefix, expected) => {
  let synth: SynthResult;
  let resources: Record<string, CfnResource>;
  beforeAll(() => {
    synth = synthHelios({
      ...(prefix ? { namePrefix: prefix } : {}),
      monitoredInstanceId: "i-0123456789abcdef0",
    });
    resources = synth.template.toJSON().Resources as Record<string, CfnResource>;
  });
  afterAll(() => synth?.cleanup());
  const start = prefix ? `${prefix}-` : "";

  it("is the CloudFormation stack of that name, with the topic, alarm and dashboard of that name", () => {
    expect(synth.stack.stackName).toBe(expected[0]);
    const names = namedResources(resources);
    expect(names).toContain(`AWS::SNS::Topic ${expected[1]}`);
    expect(names).toContain(`AWS::CloudWatch::CompositeAlarm ${expected[2]}`);
    expect(names).toContain(`AWS::CloudWatch::Dashboard ${expected[3]}`);
  });

  it("gives every name it sets the prefix (alarms: <prefix>-Helios-...)", () => {
    const names = namedResources(resources);
    expect(names.length).toBeGreaterThanOrEqual(14); // topic, 11 alarms, composite, dashboard, API
    for (const entry of names) {
      const name = entry.split(" ").slice(1).join(" ");
      expect(name.startsWith(`${start}Helios`)).toBe(true);
    }
    const alarmNames = names.filter((n) => n.startsWith("AWS::CloudWatch::Alarm "));
    expect(alarmNames).toContain(`AWS::CloudWatch::Alarm ${start}Helios-cpu-anomalies`);
    expect(alarmNames).toContain(`AWS::CloudWatch::Alarm ${start}Helios-instance-cpu`);
  });

  it("lets only its own alarms publish to its topic and use its key", () => {
    const policies = Object.values(resources).filter(
      (r) => r.Type === "AWS::SNS::TopicPolicy" || r.Type === "AWS::KMS::Key",
    );
    const patterns = policies.flatMap((r) => {
      const document = (r.Properties?.PolicyDocument ?? r.Properties?.KeyPolicy) as {
        Statement: { Condition?: { ArnLike?: Record<string, unknown> } }[];
      };
      return document.Statement.flatMap((s) =>
        s.Condition?.ArnLike ? [flattenJoin(s.Condition.ArnLike["aws:SourceArn"])] : [],
      );
    });
    expect(patterns).toHaveLength(2);
    for (const pattern of patterns) expect(pattern.endsWith(`:alarm:${start}Helios*`)).toBe(true);
  });

  it("links the dashboard of that name", () => {
    const url = synth.template.toJSON().Outputs.DashboardUrl.Value;
    expect(flattenJoin(url)).toMatch(new RegExp(`#dashboards:name=${expected[3]}$`));
  });
});
