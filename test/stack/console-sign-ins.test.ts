/**
 * The sign-in events door in the stack: the EventBridge rule for console sign-ins (pattern, target,
 * retry policy, dead-letter queue), the login function's asynchronous-invoke settings, and state
 * permissions scoped to the state table and the login# prefix, for the login function only.
 */
import type { CfnElement } from "aws-cdk-lib";
import { Match } from "aws-cdk-lib/assertions";
import type { IConstruct } from "constructs";
import { CONSOLE_SIGN_IN_DETAIL_TYPES } from "../../lambdas/detection/login/console-sign-in";
import { STATE_TABLE_ACTIONS } from "../../lib/constructs/state-table";
import type { HeliosStack } from "../../lib/helios-stack";
import { type CfnResource, resourcesOf, type SynthResult, synthHelios } from "./support/synth";

let synth: SynthResult;
let stack: HeliosStack;

beforeAll(() => {
  synth = synthHelios();
  stack = synth.stack;
});
afterAll(() => synth?.cleanup());

const idOf = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const login = () => stack.detectorFunctions.find((fn) => fn.detector.forms.some((f) => f.kind === "events"))!;

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

/** Statements of the identity policies attached to a role. */
function statementsOf(roleId: string): Statement[] {
  return Object.values(resourcesOf(synth.template, "AWS::IAM::Policy"))
    .filter((p: CfnResource) => JSON.stringify(p.Properties?.Roles).includes(`"${roleId}"`))
    .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
}

describe("console sign-in rule", () => {
  it("matches console sign-ins on the default bus, in both spellings of the detail-type", () => {
    synth.template.resourceCountIs("AWS::Events::Rule", 1);
    synth.template.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: {
        source: ["aws.signin"],
        "detail-type": [...CONSOLE_SIGN_IN_DETAIL_TYPES],
        detail: { eventName: ["ConsoleLogin"] },
      },
      State: "ENABLED",
      EventBusName: Match.absent(),
    });
    expect(CONSOLE_SIGN_IN_DETAIL_TYPES).toEqual([
      "AWS Console Sign In via CloudTrail",
      "AWS Console Signin via CloudTrail",
    ]);
  });

  it("targets the login function with a retry policy and a dead-letter queue", () => {
    const queueArn = { "Fn::GetAtt": [idOf(stack.consoleSignIns!.deadLetterQueue), "Arn"] };
    synth.template.hasResourceProperties("AWS::Events::Rule", {
      Targets: [
        {
          Arn: { "Fn::GetAtt": [idOf(login().function), "Arn"] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: queueArn },
        },
      ],
    });
    synth.template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: idOf(login().function) },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: queueArn } },
    });
  });

  it("lets only this rule invoke the function, and only this rule send to the queue", () => {
    const ruleArn = { "Fn::GetAtt": [idOf(stack.consoleSignIns!.rule), "Arn"] };
    synth.template.hasResourceProperties("AWS::Lambda::Permission", {
      Action: "lambda:InvokeFunction",
      Principal: "events.amazonaws.com",
      FunctionName: { "Fn::GetAtt": [idOf(login().function), "Arn"] },
      SourceArn: ruleArn,
    });
    synth.template.hasResourceProperties("AWS::SQS::QueuePolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
          Match.objectLike({
            Action: "sqs:SendMessage",
            Principal: { Service: "events.amazonaws.com" },
            Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
          }),
        ]),
      },
    });
    synth.template.hasResourceProperties("AWS::SQS::Queue", {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86_400,
    });
  });
});

describe("state permissions", () => {
  it("give the login function batch reads and conditional puts on the state table under login# (and its alert cooldowns) only", () => {
    const tableArn = { "Fn::GetAtt": [idOf(stack.state.table), "Arn"] };
    const dynamo = statementsOf(idOf(login().role)).filter((s) =>
      JSON.stringify(s.Action).includes("dynamodb:"),
    );
    const scoped = (sid: string, prefix: string) => ({
      Sid: sid,
      Effect: "Allow",
      Action: [...STATE_TABLE_ACTIONS],
      Resource: tableArn,
      Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [prefix] } },
    });
    expect(dynamo).toEqual([scoped("KeepStateAlert", "alert#*"), scoped("KeepStateLogin", "login#*")]);
  });

  it("give no other function any access to the login state", () => {
    for (const fn of stack.detectorFunctions.filter((f) => f !== login())) {
      const text = JSON.stringify(statementsOf(idOf(fn.role)));
      expect([fn.detector.name, text.includes("login#")]).toEqual([fn.detector.name, false]);
    }
  });

  it("let the login function send its failed sign-ins to the dead-letter queue and nowhere else", () => {
    const sqs = statementsOf(idOf(login().role)).filter((s) => JSON.stringify(s.Action).includes("sqs:"));
    expect(sqs).toHaveLength(1);
    expect(sqs[0]!.Resource).toEqual({ "Fn::GetAtt": [idOf(stack.consoleSignIns!.deadLetterQueue), "Arn"] });
  });
});
