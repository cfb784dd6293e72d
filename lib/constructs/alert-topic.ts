/**
 * The HeliosAlerts SNS topic: encrypted with a key of its own, TLS-only, published to by the
 * detector functions (anomaly alerts) and by the Helios CloudWatch alarms, and optionally
 * delivered to one email address.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { type IGrantable, PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import { BASE_NAMES, PhysicalNames } from "../physical-names";

/** Properties of the alert topic. */
export interface AlertTopicProps {
  /** Address that receives every alert (after confirming SNS's subscription mail). @default - no subscription */
  readonly email?: string;
  /**
   * Name pattern (with `*`) of the CloudWatch alarms allowed to publish; scoping the grant to
   * them keeps other alarms in the account (and other accounts) from using the topic.
   */
  readonly alarmNamePattern: string;
}

/** HeliosAlerts: where anomaly alerts and alarm notifications go. */
export class AlertTopic extends Construct {
  /** The topic. */
  readonly topic: Topic;
  /** The key that encrypts messages at rest; publishers need to use it. */
  readonly key: Key;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const topicName = PhysicalNames.of(this).name("topic", BASE_NAMES.alertTopic);

    // A customer managed key rather than SNS's AWS managed one: only a key policy we control can
    // let CloudWatch alarms publish to an encrypted topic. Alerts carry the flagged inputs (for
    // content, user text), so they are encrypted at rest.
    this.key = new Key(this, "Key", {
      description: `Encrypts ${topicName} messages at rest`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });

    this.topic = new Topic(this, "Topic", {
      topicName,
      displayName: "Helios alerts",
      masterKey: this.key,
      enforceSSL: true,
      signatureVersion: "2", // SHA256-signed deliveries
    });

    // The enforceSSL topic policy replaces SNS's default one, which is what lets same-account
    // CloudWatch alarms publish; the service therefore gets an explicit, scoped grant.
    const fromHeliosAlarms = {
      StringEquals: { "aws:SourceAccount": stack.account },
      ArnLike: {
        "aws:SourceArn": stack.formatArn({
          service: "cloudwatch",
          resource: "alarm",
          resourceName: props.alarmNamePattern,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    };
    const cloudWatch = new ServicePrincipal("cloudwatch.amazonaws.com");
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: "HeliosAlarmsPublish",
        principals: [cloudWatch],
        actions: ["sns:Publish"],
        resources: [this.topic.topicArn],
        conditions: fromHeliosAlarms,
      }),
    );
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: "HeliosAlarmsEncrypt",
        principals: [cloudWatch],
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: ["*"], // in a key policy, "*" means this key
        conditions: fromHeliosAlarms,
      }),
    );

    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
  }

  /** Lets a principal publish to this topic and nothing else: sns:Publish plus the key use that publishing needs. */
  grantPublish(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "PublishAlerts",
        actions: ["sns:Publish"],
        resources: [this.topic.topicArn],
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "EncryptAlerts",
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: [this.key.keyArn],
      }),
    );
  }
}
