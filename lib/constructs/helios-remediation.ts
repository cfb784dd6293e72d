/**
 * Self-healing: the remediator function, run by two EventBridge rules (watcher incidents, and
 * Helios's own alarms going to ALARM), with a dead-letter queue and an errors alarm. Its role may
 * only act on instances that opted in: RebootInstances needs the tag helios:remediate=reboot, a
 * runbook can only be started if the deployment names it, and the runbook's own instance actions
 * (when it runs without a role of its own) need the tag naming that runbook.
 */

import { join } from "node:path";
import { ArnFormat, Duration, Stack, Validations } from "aws-cdk-lib";
import type { Alarm } from "aws-cdk-lib/aws-cloudwatch";
import { Match, Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Policy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { Architecture } from "aws-cdk-lib/aws-lambda";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import {
  ALARM_EVENT_SOURCE,
  ALARM_STATE,
  ALARM_STATE_CHANGE_DETAIL_TYPE,
} from "../../lambdas/remediation/alarm-event";
import { INCIDENT_DETAIL_TYPE, WATCHER_EVENT_SOURCE } from "../../lambdas/remediation/incident-event";
import { REBOOT_TAG_VALUE, REMEDIATE_TAG_KEY, runbookTagValue } from "../../lambdas/remediation/opt-in-tag";
import { REMEDIATION_KEY_PREFIX } from "../../lambdas/remediation/remediation-limits";
import type { RemediationSettings } from "../../lambdas/remediation/remediation-settings";
import { REMEDIATION_ENV } from "../../lambdas/remediation/remediator-config";
import { ENV } from "../../lambdas/runtime/environment-names";
import { METRIC_PERIOD } from "../detector-metrics";
import { BASE_NAMES, PhysicalNames } from "../physical-names";
import type { AlertTopic } from "./alert-topic";
import { HANDLERS_DIR } from "./detector-function";
import { failureAlarm } from "./failure-alarm";
import { HeliosFunction } from "./helios-function";
import { SELF_RUN_RUNBOOKS } from "./runbook-permissions";
import type { StateTable } from "./state-table";

/** Properties of the self-healing resources. */
export interface HeliosRemediationProps {
  /** What the remediator may do (the checked `remediation` context setting). */
  readonly settings: RemediationSettings;
  /** Where every action, skip and failure is announced. */
  readonly alerts: AlertTopic;
  /** Where the per-resource interval and the per-run cap are kept (under `remediation#`). */
  readonly state: StateTable;
  /** Processor architecture. */
  readonly architecture: Architecture;
  /** How long the function's logs are kept. */
  readonly logRetention: RetentionDays;
  /** Memory in MB (the function only makes a few API calls). @default 256 */
  readonly memorySize?: number;
  /** Longest run of one invocation; each AWS call is bounded to a few seconds. @default 30 seconds */
  readonly timeout?: Duration;
}

/** How long an undelivered or failed event is kept for inspection. */
const DEAD_LETTER_RETENTION = Duration.days(14);

/** An incident an hour old is no longer a reason to act: the event is dropped to the dead-letter queue. */
const MAX_EVENT_AGE = Duration.hours(1);

/** Names reserved for documents owned by AWS (a team cannot create a document named so). */
const AWS_OWNED_DOCUMENT = /^(aws|amazon|amzn)/i;

/** The remediator and what runs it. */
export class HeliosRemediation extends Construct {
  /** The remediator function. */
  readonly remediator: HeliosFunction;
  /** Events that could not be delivered, or whose invocation failed. */
  readonly deadLetterQueue: Queue;
  /** Watcher incidents → remediator. */
  readonly incidentRule: Rule;
  /** Helios alarms going to ALARM → remediator. */
  readonly alarmRule: Rule;
  /** The EC2 and SSM permissions, apart from the role's other grants so their findings are acknowledged here. */
  readonly actionsPolicy: Policy;
  /** Fires when an invocation fails or an event reaches the dead-letter queue. */
  readonly errorsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: HeliosRemediationProps) {
    super(scope, id);
    const { settings } = props;
    // Helios's own alarms (this copy's, with its namePrefix) are the only ones the alarm rule matches.
    const names = PhysicalNames.of(this);
    const alarmNamePrefix = names.alarmNamePrefix;

    this.deadLetterQueue = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });

    this.remediator = new HeliosFunction(this, "Remediator", {
      entry: join(HANDLERS_DIR, "remediator.ts"),
      description: `Helios remediator (${settings.mode}): acts on opted-in instances when the watcher or a Helios alarm finds an incident`,
      environment: {
        [REMEDIATION_ENV.settings]: JSON.stringify(settings),
        [REMEDIATION_ENV.alarmNamePrefix]: alarmNamePrefix,
        [ENV.alertSink]: "sns",
        [ENV.alertTopicArn]: props.alerts.topic.topicArn,
        [ENV.stateStore]: "dynamodb",
        [ENV.stateTable]: props.state.table.tableName,
      },
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(30),
      architecture: props.architecture,
      logRetention: props.logRetention,
      // One decision at a time: two events about one instance never race to act on it.
      reservedConcurrentExecutions: 1,
    });
    const fn = this.remediator.function;
    // A failed invocation is never run again (an action could repeat); the event is kept instead.
    fn.configureAsyncInvoke({
      retryAttempts: 0,
      maxEventAge: MAX_EVENT_AGE,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    props.alerts.grantPublish(this.remediator.role);
    props.state.grantPrefix(this.remediator.role, REMEDIATION_KEY_PREFIX);

    const target = () =>
      new LambdaFunction(fn, {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 2,
        maxEventAge: MAX_EVENT_AGE,
      });
    // Another copy of Helios in the account and region puts its incidents on the same bus: take
    // only this stack's watcher's.
    const stackName = Stack.of(this).stackName;
    this.incidentRule = new Rule(this, "IncidentRule", {
      description: `Helios watcher incidents of ${stackName} to the remediator`,
      eventPattern: {
        source: [WATCHER_EVENT_SOURCE],
        detailType: [INCIDENT_DETAIL_TYPE],
        detail: { stack: [stackName] },
      },
      targets: [target()],
    });
    this.alarmRule = new Rule(this, "AlarmRule", {
      description: `Helios alarms (${alarmNamePrefix}*) going to ${ALARM_STATE}, to the remediator`,
      eventPattern: {
        source: [ALARM_EVENT_SOURCE],
        detailType: [ALARM_STATE_CHANGE_DETAIL_TYPE],
        detail: { alarmName: Match.prefix(alarmNamePrefix), state: { value: [ALARM_STATE] } },
      },
      targets: [target()],
    });

    this.actionsPolicy = new Policy(this, "Actions", { statements: this.actionStatements(settings) });
    this.actionsPolicy.attachToRole(this.remediator.role);
    this.acknowledgeFindings(settings);

    this.errorsAlarm = failureAlarm(this, "Errors", {
      alarmName: names.name("alarm", `${BASE_NAMES.alarmPrefix}-remediator-errors`),
      description:
        "Helios remediator: an invocation failed (misconfigured, or a report not delivered) or an event reached its dead-letter queue",
      signals: {
        errors: fn.metricErrors({ period: METRIC_PERIOD, statistic: "Sum" }),
        dead: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: METRIC_PERIOD,
          statistic: "Maximum",
        }),
      },
      label: "remediator errors and dead letters",
      topic: props.alerts.topic,
    });
  }

  /** The EC2 and SSM statements the settings call for. */
  private actionStatements(settings: RemediationSettings): PolicyStatement[] {
    const stack = Stack.of(this);
    const instances = stack.formatArn({ service: "ec2", resource: "instance", resourceName: "*" });
    const taggedFor = (value: string) => ({
      StringEquals: { [`aws:ResourceTag/${REMEDIATE_TAG_KEY}`]: value },
    });
    const statements = [
      new PolicyStatement({
        sid: "ReadOptInTags",
        actions: ["ec2:DescribeTags"],
        resources: ["*"],
      }),
      new PolicyStatement({
        sid: "RebootOptedInInstances",
        actions: ["ec2:RebootInstances"],
        resources: [instances],
        conditions: taggedFor(REBOOT_TAG_VALUE),
      }),
    ];
    if (settings.runbooks.length === 0) return statements;

    statements.push(
      new PolicyStatement({
        sid: "StartAllowedRunbooks",
        actions: ["ssm:StartAutomationExecution"],
        // The authorization reference names the automation definition; older guides the document.
        // Both name only the allowed runbooks (any version).
        resources: settings.runbooks.flatMap((runbook) => {
          const account = AWS_OWNED_DOCUMENT.test(runbook) ? "" : stack.account;
          return [
            stack.formatArn({
              service: "ssm",
              account,
              resource: "automation-definition",
              resourceName: `${runbook}:*`,
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
            stack.formatArn({ service: "ssm", account, resource: "document", resourceName: runbook }),
          ];
        }),
      }),
    );
    if (settings.automationAssumeRole) {
      statements.push(
        new PolicyStatement({
          sid: "PassRunbookRole",
          actions: ["iam:PassRole"],
          resources: [settings.automationAssumeRole],
          conditions: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
        }),
      );
      return statements;
    }
    // Without a role a runbook runs with this role's permissions: grant what each known runbook
    // does, on the instances tagged for that runbook only (the settings refuse unknown runbooks).
    for (const runbook of settings.runbooks) {
      const permissions = SELF_RUN_RUNBOOKS[runbook]!;
      statements.push(
        new PolicyStatement({
          actions: [...permissions.instanceActions],
          resources: [instances],
          conditions: taggedFor(runbookTagValue(runbook)),
        }),
        new PolicyStatement({ actions: [...permissions.describeActions], resources: ["*"] }),
      );
    }
    return statements;
  }

  private acknowledgeFindings(settings: RemediationSettings): void {
    const acknowledgements = [
      {
        id: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "ec2:DescribeTags (and, for a runbook run without a role, DescribeInstances/DescribeInstanceStatus) have no resource-level permissions; they only read.",
      },
      {
        id: "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*]",
        reason: `Any instance, but only with the condition aws:ResourceTag/${REMEDIATE_TAG_KEY} equal to the value that opts it in to this very action.`,
      },
    ];
    for (const runbook of settings.runbooks) {
      const account = AWS_OWNED_DOCUMENT.test(runbook) ? "" : "<AWS::AccountId>";
      acknowledgements.push({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:${account}:automation-definition/${runbook}:*]`,
        reason: `Any version of runbook ${runbook}, which the deployment allows by name.`,
      });
    }
    Validations.of(this.actionsPolicy).acknowledge(...acknowledgements);
    Validations.of(this.deadLetterQueue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason: "This queue is the dead-letter queue of the remediator's rules and of its failed invocations.",
    });
  }
}
