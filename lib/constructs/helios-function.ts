/**
 * A Helios Lambda function: one handler file bundled locally with esbuild, its own IAM role with
 * no managed policies, its own log group with retention, and X-Ray tracing. What the function
 * may do beyond writing its logs is granted by whoever builds it (see DetectorFunction).
 */
import { resolve } from "node:path";
import { type Duration, RemovalPolicy, Token, Validations } from "aws-cdk-lib";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { type Architecture, type ILayerVersion, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

/** The repository root (where package.json, package-lock.json and tsconfig.json are). */
export const PROJECT_ROOT = resolve(__dirname, "..", "..");

/** Lambda's limit on the total size of a function's environment variables, in bytes. */
export const LAMBDA_ENVIRONMENT_LIMIT_BYTES = 4096;

// Lengths assumed for values only known at deploy time (bucket names, ARNs), generously.
const UNRESOLVED_VALUE_BYTES = 256;

/** Properties of a Helios function. */
export interface HeliosFunctionProps {
  /** The handler's TypeScript file; it must `export const handler`. */
  readonly entry: string;
  /** What the function does, shown in the Lambda console. */
  readonly description: string;
  /** Environment variables; their total must stay within Lambda's 4 KB. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** Memory in MB. */
  readonly memorySize: number;
  /** Longest run of one invocation. */
  readonly timeout: Duration;
  /** Processor architecture; layers must match it. */
  readonly architecture: Architecture;
  /** How long the function's logs are kept. */
  readonly logRetention: RetentionDays;
  /** Layers, e.g. the onnxruntime layer. @default none */
  readonly layers?: readonly ILayerVersion[];
  /** Packages left out of the bundle because a layer provides them. @default none */
  readonly externalModules?: readonly string[];
  /** Most concurrent invocations (1: one at a time). @default - the account's unreserved pool */
  readonly reservedConcurrentExecutions?: number;
  /** Build-time constants (esbuild `define`): expression to its JSON value. @default none */
  readonly define?: Readonly<Record<string, string>>;
}

/** Estimated size of an environment as Lambda counts it (keys and values), with unresolved tokens assumed long. */
export function environmentBytes(environment: Readonly<Record<string, string>>): number {
  return Object.entries(environment).reduce(
    (sum, [key, value]) =>
      sum +
      Buffer.byteLength(key) +
      (Token.isUnresolved(value) ? UNRESOLVED_VALUE_BYTES : Buffer.byteLength(value)),
    0,
  );
}

/** A bundled Node.js 24 function with a least-privilege role of its own and a retained-for-N-days log group. */
export class HeliosFunction extends Construct {
  /** The Lambda function. */
  readonly function: NodejsFunction;
  /** The function's execution role; it starts with permission to write its own logs only. */
  readonly role: Role;
  /** The function's log group. */
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HeliosFunctionProps) {
    super(scope, id);
    const environment = props.environment ?? {};
    const envBytes = environmentBytes(environment);
    if (envBytes > LAMBDA_ENVIRONMENT_LIMIT_BYTES) {
      throw new Error(
        `${this.node.path}: environment is about ${envBytes} bytes, over Lambda's ${LAMBDA_ENVIRONMENT_LIMIT_BYTES}`,
      );
    }

    this.logGroup = new LogGroup(this, "Logs", {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // No AWSLambdaBasicExecutionRole: its logs permissions cover every log group in the account.
    this.role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of ${id}: only what this one function needs`,
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: "WriteOwnLogs",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        // The log group ARN attribute ends in ":*", which covers the group's streams and nothing else.
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new NodejsFunction(this, "Function", {
      entry: props.entry,
      handler: "handler",
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: props.architecture,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: { ...environment },
      layers: [...(props.layers ?? [])],
      ...(props.reservedConcurrentExecutions !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
        : {}),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: resolve(PROJECT_ROOT, "package-lock.json"),
      bundling: {
        forceDockerBundling: false, // esbuild from node_modules: no Docker on build machines
        format: OutputFormat.CJS,
        target: "node24",
        // Packages' ES module builds first: esbuild can drop what a handler does not use from them
        // (the AWS SDK's CommonJS builds carry every command and a browser user-agent parser). A
        // detector bundle goes from 724 to 569 KB and its cold start from ~250 to ~215 ms.
        mainFields: ["module", "main"],
        minify: true,
        sourceMap: false,
        // The pinned SDK versions go into the bundle: the tested clients are the deployed ones,
        // not whatever version the Lambda runtime happens to ship.
        bundleAwsSDK: true,
        externalModules: [...(props.externalModules ?? [])],
        ...(props.define ? { define: { ...props.define } } : {}),
        // Nothing is npm-installed into the asset (no `nodeModules`), so no lock file is copied
        // into it and a dev-dependency change cannot alter the asset hash. The variable is set in
        // case that changes: onnxruntime-node's install script downloads CUDA files and fails offline.
        environment: { ONNXRUNTIME_NODE_INSTALL: "skip" },
      },
    });

    Validations.of(this.role).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "X-Ray's PutTraceSegments and PutTelemetryRecords (added by active tracing) have no resource-level permissions; every other statement names its resources.",
    });
  }
}
