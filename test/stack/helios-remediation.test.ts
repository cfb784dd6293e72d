/**
 * Self-healing in the template: with the `remediation` setting, the remediator function, its two
 * rules (each with a dead-letter queue and retry limits), the errors alarm, and a role that may
 * only act on opted-in instances and named runbooks; cdk-nag finds nothing. Without the setting,
 * nothing of it exists (checked in helios-stack.test.ts, on the default synth).
 */
import { App, type CfnElement, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture } from "aws-cdk-lib/aws-lambda";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import {
  parseRemediationSettings,
  type RemediationSettings,
} from "../../lambdas/remediation/remediation-settings";
import { REMEDIATION_ENV } from "../../lambdas/remediation/remediator-config";
import { ENV } from "../../lambdas/runtime/environment-names";
import { AlertTopic } from "../../lib/constructs/alert-topic";
import { HeliosRemediation } from "../../lib/constructs/helios-remediation";
import { grantPutIncidentEvents } from "../../lib/constructs/incident-events";
import { StateTable } from "../../lib/constructs/state-table";
import type { HeliosStack } from "../../lib/helios-stack";
import { BASE_NAMES, PhysicalNames } from "../../lib/physical-names";
import { SettingsError } from "../../lib/settings/helios-settings";
import { type CfnResource, flattenJoin, nagViolations, type SynthResult, synthHelios } from "./support/synth";

interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement): string[] =>
  (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map((r) => flattenJoin(r));

/** Every statement of the policies attached to a role, in a template. */
function roleStatements(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources("AWS::IAM::Policy") as Record<string, CfnResource>)
    .filter((p) => JSON.stringify(p.Properties?.Roles).includes(`"${roleId}"`))
    .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** The statements that grant one action. */
const granting = (statements: Statement[], action: string) =>
  statements.filter((s) => s.Effect === "Allow" && actionsOf(s).includes(action));

const RESTART = "AWS-RestartEC2Instance";

describe("HeliosStack with remediation", () => {
  let synth: SynthResult;
  let stack: HeliosStack;
  let template: Template;
  let resources: Record<string, CfnResource>;
  const idOf = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as CfnElement);

  beforeAll(() => {
    synth = synthHelios({
      remediation: JSON.stringify({ mode: "act", runbooks: [RESTART], maxActionsPerRun: 2 }),
    });
    stack = synth.stack;
    template = synth.template;
    resources = template.toJSON().Resources as Record<string, CfnResource>;
  });
  afterAll(() => synth?.cleanup());

  const remediation = () => stack.remediation!;
  const functionProps = () => resources[idOf(remediation().remediator.function)]!.Properties!;
  const statements = () => roleStatements(template, idOf(remediation().remediator.role));

  it("deploys the remediator with the checked settings, the alarm prefix, HeliosAlerts and the state table", () => {
    const variables = (functionProps().Environment as { Variables: Record<string, unknown> }).Variables;
    expect(JSON.parse(variables[REMEDIATION_ENV.settings] as string)).toEqual({
      mode: "act",
      runbooks: [RESTART],
      maxActionsPerRun: 2,
      minIntervalMinutes: 60,
    });
    expect(variables).toMatchObject({
      [REMEDIATION_ENV.alarmNamePrefix]: BASE_NAMES.alarmPrefix,
      [ENV.alertSink]: "sns",
      [ENV.alertTopicArn]: { Ref: idOf(stack.alerts.topic) },
      [ENV.stateStore]: "dynamodb",
      [ENV.stateTable]: { Ref: idOf(stack.state.table) },
    });
    expect(functionProps()).toMatchObject({
      ReservedConcurrentExecutions: 1,
      Runtime: "nodejs24.x",
      Timeout: 30,
    });
  });

  it("never re-runs a failed invocation: no retries, failures to the dead-letter queue", () => {
    const dlq = idOf(remediation().deadLetterQueue);
    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: idOf(remediation().remediator.function) },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [dlq, "Arn"] } } },
    });
    template.hasResourceProperties("AWS::SQS::Queue", {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
    });
  });

  it("routes watcher incidents and Helios alarms going to ALARM to it, each rule with a DLQ and retry limits", () => {
    // The remediation rules (the console sign-in rule targets the login function: console-sign-ins.test.ts).
    const rules = Object.fromEntries(
      Object.entries(template.findResources("AWS::Events::Rule") as Record<string, CfnResource>).filter(
        ([, r]) => !JSON.stringify(r.Properties!.EventPattern).includes("aws.signin"),
      ),
    );
    const patterns = Object.values(rules).map((r) => r.Properties!.EventPattern);
    expect(patterns).toEqual([
      // Only this stack's watcher's incidents: another copy's share the default bus.
      {
        source: ["helios.watcher"],
        "detail-type": ["Helios Incident"],
        detail: { stack: [stack.stackName] },
      },
      {
        source: ["aws.cloudwatch"],
        "detail-type": ["CloudWatch Alarm State Change"],
        detail: { alarmName: [{ prefix: BASE_NAMES.alarmPrefix }], state: { value: ["ALARM"] } },
      },
    ]);
    for (const rule of Object.values(rules)) {
      expect(rule.Properties!.Targets).toEqual([
        {
          Id: "Target0",
          Arn: { "Fn::GetAtt": [idOf(remediation().remediator.function), "Arn"] },
          DeadLetterConfig: { Arn: { "Fn::GetAtt": [idOf(remediation().deadLetterQueue), "Arn"] } },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        },
      ]);
    }
    // EventBridge may invoke the function for these two rules only.
    const permissions = Object.values(
      template.findResources("AWS::Lambda::Permission") as Record<string, CfnResource>,
    )
      .filter((p) =>
        JSON.stringify(p.Properties!.FunctionName).includes(idOf(remediation().remediator.function)),
      )
      .map((p) => p.Properties!.SourceArn);
    expect(permissions).toEqual(Object.keys(rules).map((id) => ({ "Fn::GetAtt": [id, "Arn"] })));
  });

  it("may reboot only instances tagged helios:remediate=reboot", () => {
    const reboot = granting(statements(), "ec2:RebootInstances");
    expect(reboot).toHaveLength(1);
    expect(resourcesOf(reboot[0]!)).toEqual([
      "arn:<Ref AWS::Partition>:ec2:<Ref AWS::Region>:<Ref AWS::AccountId>:instance/*",
    ]);
    expect(reboot[0]!.Condition).toEqual({ StringEquals: { "aws:ResourceTag/helios:remediate": "reboot" } });
  });

  it("may start only the named runbook, and stop/start only instances tagged for it (no role configured)", () => {
    const start = granting(statements(), "ssm:StartAutomationExecution");
    expect(start).toHaveLength(1);
    expect(resourcesOf(start[0]!)).toEqual([
      `arn:<Ref AWS::Partition>:ssm:<Ref AWS::Region>::automation-definition/${RESTART}:*`,
      `arn:<Ref AWS::Partition>:ssm:<Ref AWS::Region>::document/${RESTART}`,
    ]);
    for (const action of ["ec2:StopInstances", "ec2:StartInstances"]) {
      const [grant, ...more] = granting(statements(), action);
      expect(more).toEqual([]);
      expect(grant!.Condition).toEqual({
        StringEquals: { "aws:ResourceTag/helios:remediate": `ssm:${RESTART}` },
      });
    }
    expect(granting(statements(), "iam:PassRole")).toEqual([]);
  });

  it("grants nothing else on EC2 or SSM but reads, and state only under remediation#", () => {
    const ec2AndSsm = statements()
      .flatMap(actionsOf)
      .filter((a) => /^(ec2|ssm):/.test(a));
    expect(new Set(ec2AndSsm)).toEqual(
      new Set([
        "ec2:DescribeTags",
        "ec2:RebootInstances",
        "ssm:StartAutomationExecution",
        "ec2:StopInstances",
        "ec2:StartInstances",
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceStatus",
      ]),
    );
    const onEverything = statements().filter((s) => resourcesOf(s).includes("*"));
    expect(new Set(onEverything.flatMap(actionsOf))).toEqual(
      new Set([
        "ec2:DescribeTags",
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceStatus",
        "xray:PutTelemetryRecords",
        "xray:PutTraceSegments",
      ]),
    );
    const [state] = granting(statements(), "dynamodb:PutItem");
    expect(state!.Condition).toEqual({
      "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["remediation#*"] },
    });
  });

  it("raises Helios-remediator-errors on failed invocations or dead letters, notifying HeliosAlerts", () => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      AlarmName: `${BASE_NAMES.alarmPrefix}-remediator-errors`,
      AlarmActions: [{ Ref: idOf(stack.alerts.topic) }],
      OKActions: [{ Ref: idOf(stack.alerts.topic) }],
      Threshold: 1,
    });
  });

  it("passes cdk-nag AwsSolutions", () => {
    expect(nagViolations(synth.app)).toEqual([]);
  });
});

describe("HeliosRemediation with a runbook role", () => {
  const ROLE = "arn:aws:iam::123456789012:role/HeliosRunbooks";

  function build(raw: Record<string, unknown>) {
    const parsed = parseRemediationSettings(raw);
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    const settings: RemediationSettings = parsed.value;
    const stack = new Stack(new App({ context: { "aws:cdk:bundling-stacks": [] } }), "Test");
    // A second copy of Helios in the account (namePrefix "staging") names its alarms staging-Helios-*.
    const names = new PhysicalNames(stack, "staging");
    const remediation = new HeliosRemediation(stack, "Remediation", {
      settings,
      alerts: new AlertTopic(stack, "Alerts", { alarmNamePattern: names.alarmNamePattern }),
      state: new StateTable(stack, "State"),
      architecture: Architecture.X86_64,
      logRetention: RetentionDays.ONE_WEEK,
    });
    const template = Template.fromStack(stack);
    const roleId = stack.getLogicalId(remediation.remediator.role.node.defaultChild as CfnElement);
    return { template, statements: roleStatements(template, roleId) };
  }

  it("may pass that one role, to SSM only, and grants no instance actions of its own for the runbooks", () => {
    const { statements } = build({ runbooks: [RESTART, "Team-Failover"], automationAssumeRole: ROLE });
    const pass = granting(statements, "iam:PassRole");
    expect(pass).toEqual([
      {
        Sid: "PassRunbookRole",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: ROLE,
        Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
      },
    ]);
    expect(granting(statements, "ec2:StopInstances")).toEqual([]);
    expect(granting(statements, "ec2:StartInstances")).toEqual([]);
    // A team's own runbook lives in this account; AWS's have no account in their ARN.
    expect(resourcesOf(granting(statements, "ssm:StartAutomationExecution")[0]!)).toEqual([
      `arn:<Ref AWS::Partition>:ssm:<Ref AWS::Region>::automation-definition/${RESTART}:*`,
      `arn:<Ref AWS::Partition>:ssm:<Ref AWS::Region>::document/${RESTART}`,
      "arn:<Ref AWS::Partition>:ssm:<Ref AWS::Region>:<Ref AWS::AccountId>:automation-definition/Team-Failover:*",
      "arn:<Ref AWS::Partition>:ssm:<Ref AWS::Region>:<Ref AWS::AccountId>:document/Team-Failover",
    ]);
  });

  it("grants no SSM at all without runbooks, and matches only its own copy's alarms", () => {
    const { template, statements } = build({});
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith("ssm:") || a.startsWith("iam:"))).toEqual(
      [],
    );
    template.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: { detail: { alarmName: [{ prefix: "staging-Helios" }], state: { value: ["ALARM"] } } },
    });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      AlarmName: "staging-Helios-remediator-errors",
    });
  });
});

describe("grantPutIncidentEvents (for the watcher)", () => {
  it("allows PutEvents on the default bus for the incident source and detail type only", () => {
    const stack = new Stack(new App(), "Test");
    const role = new Role(stack, "Watcher", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
    grantPutIncidentEvents(stack, role);
    const statements = roleStatements(
      Template.fromStack(stack),
      stack.getLogicalId(role.node.defaultChild as CfnElement),
    );
    expect(statements.map((s) => ({ ...s, Resource: resourcesOf(s) }))).toEqual([
      {
        Sid: "PutIncidentEvents",
        Effect: "Allow",
        Action: "events:PutEvents",
        Resource: [
          "arn:<Ref AWS::Partition>:events:<Ref AWS::Region>:<Ref AWS::AccountId>:event-bus/default",
        ],
        Condition: {
          StringEquals: { "events:source": "helios.watcher", "events:detail-type": "Helios Incident" },
        },
      },
    ]);
  });
});

describe("the remediation setting at synth", () => {
  it("refuses a runbook Helios cannot grant without a role, saying what to add", () => {
    expect(() => synthHelios({ remediation: '{"runbooks":["Team-Failover"]}' })).toThrow(SettingsError);
    expect(() => synthHelios({ remediation: '{"runbooks":["Team-Failover"]}' })).toThrow(
      /remediation: runbook Team-Failover needs automationAssumeRole/,
    );
  });
});
