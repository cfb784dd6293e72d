/**
 * The state table: one on-demand DynamoDB table for the small records Helios keeps between
 * invocations (login baselines, alert cooldowns, remediation rate limits). Each function may only
 * touch the records under its own key prefix (an IAM condition on dynamodb:LeadingKeys).
 */
import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";

/** Properties of the state table. */
export interface StateTableProps {
  /** What happens to the records when the stack is deleted. @default RemovalPolicy.DESTROY (state is relearnt) */
  readonly removalPolicy?: RemovalPolicy;
}

/** The DynamoDB actions the state store adapter uses: consistent batch reads and conditional puts. */
export const STATE_TABLE_ACTIONS = ["dynamodb:BatchGetItem", "dynamodb:PutItem"] as const;

/** Name of the table's TTL attribute (epoch seconds), as the state store adapter writes it. */
export const STATE_TTL_ATTRIBUTE = "expiresAt";

/** Key prefixes are short lowercase words ending in '#', e.g. "login#". */
const KEY_PREFIX = /^[a-z][a-z0-9-]{0,30}#$/;

/** One on-demand table keyed by `pk`, with TTL, point-in-time recovery and per-prefix grants. */
export class StateTable extends Construct {
  /** The table. */
  readonly table: Table;

  constructor(scope: Construct, id: string, props: StateTableProps = {}) {
    super(scope, id);
    this.table = new Table(this, "Table", {
      partitionKey: { name: "pk", type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: STATE_TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
  }

  /** Lets `grantee` read and write only the records whose key starts with `prefix` (e.g. "login#"). */
  grantPrefix(grantee: IGrantable, prefix: string): void {
    if (!KEY_PREFIX.test(prefix))
      throw new Error(`state key prefix must look like "login#", got "${prefix}"`);
    const word = prefix.slice(0, -1).replace(/(^|-)([a-z0-9])/g, (_, _dash, c: string) => c.toUpperCase());
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: `KeepState${word}`,
        actions: [...STATE_TABLE_ACTIONS],
        resources: [this.table.tableArn],
        conditions: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [`${prefix}*`] } },
      }),
    );
  }
}
