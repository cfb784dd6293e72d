/**
 * Feeds AWS console sign-ins to the login detector: an EventBridge rule on the default bus for
 * "AWS Console Sign In via CloudTrail" (source aws.signin, ConsoleLogin) that invokes the login
 * function, with a retry policy and a dead-letter queue, so that no sign-in is silently dropped:
 * EventBridge retries a failed delivery, Lambda retries a failed invocation, and what still fails
 * lands in the queue. The rule sees the sign-ins logged in its own region only: docs/deploy.md says
 * which regions log them and how to forward them.
 */
import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import { Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import {
  CONSOLE_LOGIN,
  CONSOLE_SIGN_IN_DETAIL_TYPES,
  CONSOLE_SIGN_IN_SOURCE,
} from "../../lambdas/detection/login/console-sign-in";

/** Properties of the console sign-in rule. */
export interface ConsoleSignInRuleProps {
  /** The function that scores sign-in events (the login detector's). */
  readonly handler: IFunction;
  /** Retries after a failed delivery or invocation. @default 2 */
  readonly retryAttempts?: number;
  /** How long a sign-in may wait for delivery before it goes to the dead-letter queue. @default Duration.hours(1) */
  readonly maxEventAge?: Duration;
  /** How long the dead-letter queue keeps a sign-in. @default Duration.days(14) (the most SQS allows) */
  readonly deadLetterRetention?: Duration;
}

/** The EventBridge pattern of console sign-ins (both spellings of the detail-type). */
export const CONSOLE_SIGN_IN_PATTERN = {
  source: [CONSOLE_SIGN_IN_SOURCE],
  detailType: [...CONSOLE_SIGN_IN_DETAIL_TYPES],
  detail: { eventName: [CONSOLE_LOGIN] },
};

/** The rule, its Lambda target and the dead-letter queue behind both. */
export class ConsoleSignInRule extends Construct {
  /** The EventBridge rule. */
  readonly rule: Rule;
  /** Where sign-ins go that could not be delivered or scored. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ConsoleSignInRuleProps) {
    super(scope, id);
    const retryAttempts = props.retryAttempts ?? 2;
    const maxEventAge = props.maxEventAge ?? Duration.hours(1);
    this.deadLetterQueue = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: props.deadLetterRetention ?? Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is the dead-letter queue of the console sign-in rule and of the login function's asynchronous invocations.",
    });
    this.rule = new Rule(this, "Rule", {
      description: "AWS console sign-ins (CloudTrail via EventBridge) to the Helios login detector",
      eventPattern: CONSOLE_SIGN_IN_PATTERN,
    });
    // EventBridge's own retries cover delivery (throttling, an unavailable function).
    this.rule.addTarget(
      new LambdaFunction(props.handler, {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts,
        maxEventAge,
      }),
    );
    // EventBridge invokes Lambda asynchronously: a sign-in the function fails to score (the state
    // table unavailable, say) is retried by Lambda, then sent to the same queue.
    props.handler.configureAsyncInvoke({
      retryAttempts,
      maxEventAge,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
  }
}
