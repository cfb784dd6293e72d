/** The state table construct: on-demand, TTL, recovery, and grants that stop at the key prefix. */
import { App, type CfnElement, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { STATE_TABLE_ACTIONS, StateTable } from "../../lib/constructs/state-table";

function build() {
  const stack = new Stack(new App(), "Test");
  const state = new StateTable(stack, "State");
  const role = new Role(stack, "Fn", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
  return { stack, state, role };
}

describe("StateTable", () => {
  it("is one on-demand table keyed by pk, with TTL on expiresAt and point-in-time recovery", () => {
    const { stack } = build();
    const template = Template.fromStack(stack);
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
    template.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Delete" });
  });

  it("grants batch reads and conditional puts on the table only, under one key prefix", () => {
    const { stack, state, role } = build();
    state.grantPrefix(role, "login#");
    const policies = Template.fromStack(stack).findResources("AWS::IAM::Policy");
    const statements = Object.values(policies).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }).Properties
          .PolicyDocument.Statement,
    );
    expect(statements).toEqual([
      {
        Sid: "KeepStateLogin",
        Effect: "Allow",
        Action: [...STATE_TABLE_ACTIONS],
        Resource: { "Fn::GetAtt": [stack.getLogicalId(state.table.node.defaultChild as CfnElement), "Arn"] },
        Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["login#*"] } },
      },
    ]);
    Template.fromStack(stack).hasResourceProperties("AWS::IAM::Policy", {
      PolicyDocument: { Statement: Match.not(Match.arrayWith([Match.objectLike({ Resource: "*" })])) },
    });
  });

  it("refuses a prefix that could widen the grant", () => {
    const { state, role } = build();
    for (const prefix of ["", "*", "login", "login#*", "Login#", "a#b#"]) {
      expect(() => state.grantPrefix(role, prefix)).toThrow(/state key prefix must look like/);
    }
  });
});
