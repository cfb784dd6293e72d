/**
 * The model store: a versioned, private, TLS-only, encrypted S3 bucket (the source of truth for
 * models in AWS), its server access log bucket, and the deployment of the committed models/.
 */
import { Duration, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import { BucketDeployment, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import { MANIFEST_FILE } from "../model-manifest";

/** Properties of the model store. */
export interface ModelStoreProps {
  /** Folder whose manifest.json and .onnx files are uploaded under `models/`. */
  readonly modelsDir: string;
  /** How long the upload function's logs are kept. */
  readonly logRetention: RetentionDays;
  /** Days S3 server access logs are kept before they expire. @default 365 */
  readonly accessLogRetentionDays?: number;
}

/** Versioned S3 storage of the ONNX models, filled from the repository's models/ on every deploy. */
export class ModelStore extends Construct {
  /** Key prefix of every model object (and of the manifest) in the bucket. */
  static readonly KEY_PREFIX = "models/";

  /** The model bucket. */
  readonly bucket: Bucket;
  /** Receives the model bucket's server access logs. */
  readonly accessLogBucket: Bucket;
  /** Uploads models/*.onnx and manifest.json on deploy. */
  readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: ModelStoreProps) {
    super(scope, id);

    this.accessLogBucket = new Bucket(this, "AccessLogs", {
      encryption: BucketEncryption.S3_MANAGED, // log delivery cannot write with a KMS key
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogRetentionDays ?? 365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogBucket).acknowledge({
      id: "AwsSolutions-S1",
      reason:
        "This bucket is the destination of the model bucket's server access logs; logging it into itself would loop and another log bucket would only move the finding.",
    });

    this.bucket = new Bucket(this, "Models", {
      versioned: true, // every model upload keeps the earlier versions, which rollbacks point at
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: "model-bucket/",
      removalPolicy: RemovalPolicy.RETAIN, // the model history outlives the stack
    });

    this.deployment = new BucketDeployment(this, "Upload", {
      // Only the artifacts: the trainers and schema sources in models/ are not for the bucket.
      sources: [Source.asset(props.modelsDir, { exclude: ["*", "!*.onnx", `!${MANIFEST_FILE}`] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: ModelStore.KEY_PREFIX,
      // Objects are only added or overwritten (which versioning turns into a new version), never
      // deleted, so every version ever deployed stays available to pin.
      prune: false,
      retainOnDelete: true,
      memoryLimit: 256,
      logGroup: new LogGroup(this, "UploadLogs", {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    this.acknowledgeUploadFunction();
  }

  /**
   * The upload is CDK's BucketDeployment custom resource: its function and role are CDK's, shared
   * by every BucketDeployment in the stack, and only run during deployments.
   */
  private acknowledgeUploadFunction(): void {
    // The role is a child of the provider's function, which CDK places at the stack's top level.
    const handler = this.deployment.handlerRole.node.scope;
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    if (!handler) throw new Error("BucketDeployment role without a function");
    const cdkProvider = "CDK's BucketDeployment provider function (runs only during deployments)";
    Validations.of(handler).acknowledge(
      {
        id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
        reason: `${cdkProvider}: CDK attaches the basic execution policy so the provider can write its logs.`,
      },
      {
        id: "AwsSolutions-L1",
        reason: `${cdkProvider}: its Python runtime is pinned by the aws-cdk-lib version, not by this stack.`,
      },
      ...[
        "Action::s3:GetObject*",
        "Action::s3:GetBucket*",
        "Action::s3:List*",
        "Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*",
      ].map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: `${cdkProvider}: reads the zipped models/ asset from the CDK bootstrap asset bucket, and nothing else.`,
      })),
      ...["Action::s3:DeleteObject*", "Action::s3:Abort*", `Resource::<${bucketId}.Arn>/*`].map(
        (finding) => ({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason: `${cdkProvider}: writes the models into this model bucket only (it never deletes: prune is off).`,
        }),
      ),
    );
  }

  /** The S3 key of a model file, e.g. "models/cpu.onnx". */
  keyOf(file: string): string {
    return `${ModelStore.KEY_PREFIX}${file}`;
  }

  /**
   * Lets a principal read one model object and nothing else in the bucket (no listing, no other
   * keys). Reading a pinned version needs s3:GetObjectVersion as well, so it is granted only then.
   */
  grantReadModel(grantee: IGrantable, file: string, pinnedVersion: boolean, sid = "ReadOwnModel"): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid,
        actions: pinnedVersion ? ["s3:GetObject", "s3:GetObjectVersion"] : ["s3:GetObject"],
        resources: [this.bucket.arnForObjects(this.keyOf(file))],
      }),
    );
  }
}
