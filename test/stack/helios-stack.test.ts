/**
 * HeliosStack with default settings: the template is checked resource by resource against the
 * catalog and the manifest (counts, bucket, functions, routes and validators, authorisation,
 * throttling, IAM documents, topic, alarms, dashboard), and cdk-nag must find nothing.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type CfnElement, CfnResource as CfnResourceConstruct, TagManager } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import fc from "fast-check";
import { DETECTORS, modelFileOf, modelIdsOf, requestSchema, routeOf } from "../../lambdas/catalog";
import { ENV, METRIC_NAMES, METRICS_NAMESPACE } from "../../lambdas/runtime/environment-names";
import { toApiGatewaySchema } from "../../lib/api-gateway-schema";
import { GATEWAY_ERRORS, MOCK_TEMPLATE_CONTENT_TYPES } from "../../lib/constructs/helios-api";
import { APPLICATION_TAG, type HeliosStack } from "../../lib/helios-stack";
import { loadModelManifest, runtimeEntryOf } from "../../lib/model-manifest";
import { DEFAULT_SETTINGS } from "../../lib/settings/helios-settings";
import type { ModelManifest } from "../../models/manifest-schema";
import { type CfnResource, flattenJoin, nagViolations, type SynthResult, synthHelios } from "./support/synth";

let synth: SynthResult;
let stack: HeliosStack;
let resources: Record<string, CfnResource>;
const manifest = loadModelManifest();
const committedManifest = (): ModelManifest =>
  JSON.parse(readFileSync(join(__dirname, "..", "..", "models", "manifest.json"), "utf8"));

beforeAll(() => {
  synth = synthHelios();
  stack = synth.stack;
  resources = synth.template.toJSON().Resources as Record<string, CfnResource>;
});
afterAll(() => synth?.cleanup());

const idOf = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const props = (logicalId: string): Record<string, unknown> => resources[logicalId]!.Properties ?? {};
const propsOf = (r: CfnResource): Record<string, unknown> => r.Properties ?? {};
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
/** The properties of every resource of a type, each with its logical id. */
type Props = { readonly id: string } & Record<string, unknown>;
const propsOfType = (type: string): Props[] => ofType(type).map(([id, r]) => ({ ...propsOf(r), id }));
const ref = (logicalId: string) => ({ Ref: logicalId });

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Sid?: string;
  Condition?: Record<string, unknown>;
}
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** Every statement of the identity policies attached to a role. */
function roleStatements(roleId: string): Statement[] {
  return ofType("AWS::IAM::Policy")
    .filter(([, r]) =>
      (propsOf(r).Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify(ref(roleId))),
    )
    .flatMap(([, r]) => (propsOf(r).PolicyDocument as { Statement: Statement[] }).Statement);
}

/** A MOCK integration as the template holds it. */
interface MockIntegrationProps {
  readonly Type: string;
  readonly PassthroughBehavior?: string;
  readonly RequestTemplates?: Record<string, string>;
  readonly IntegrationResponses: { readonly StatusCode: string; readonly SelectionPattern?: string }[];
}

/**
 * The status API Gateway answers a MOCK integration with, as its documentation describes it: the
 * request template is chosen by Content-Type (application/json when absent), else `$default`;
 * with none, NEVER (or WHEN_NO_TEMPLATES when templates exist) is a 415 and otherwise the body
 * itself passes; the mock reads `statusCode` from the result, and output that is not JSON is a
 * 500 ("Unable to parse statusCode"). The only integration response here is the default one.
 */
function mockAnswer(
  integration: MockIntegrationProps,
  contentType: string | undefined,
  body: string,
): number {
  const templates = integration.RequestTemplates ?? {};
  const key = contentType ?? "application/json";
  const template = Object.hasOwn(templates, key) ? templates[key] : templates.$default;
  let output: string;
  if (template !== undefined) output = template;
  else if (
    integration.PassthroughBehavior === "NEVER" ||
    (integration.PassthroughBehavior === "WHEN_NO_TEMPLATES" && Object.keys(templates).length > 0)
  )
    return 415;
  else output = body;
  let parsed: unknown;
  try {
    parsed = output === "" ? {} : JSON.parse(output);
  } catch {
    return 500;
  }
  const selected = (parsed as { statusCode?: unknown } | null)?.statusCode;
  if (selected !== undefined && !Number.isInteger(selected)) return 500;
  return Number(integration.IntegrationResponses.find((r) => r.SelectionPattern === undefined)!.StatusCode);
}

describe("resource counts follow the catalog", () => {
  it("has one function per detector, the status function and CDK's upload function", () => {
    synth.template.resourceCountIs("AWS::Lambda::Function", DETECTORS.length + 2);
    expect(stack.detectorFunctions.map((f) => f.detector.name)).toEqual(DETECTORS.map((d) => d.name));
  });

  it("has one request model per detector and one validator", () => {
    synth.template.resourceCountIs("AWS::ApiGateway::Model", DETECTORS.length);
    synth.template.resourceCountIs("AWS::ApiGateway::RequestValidator", 1);
  });

  it("deploys no remediation resources without the remediation setting", () => {
    expect(stack.remediation).toBeUndefined();
    // Only the console sign-in rule, its dead-letter queue and the login function's invoke config remain.
    for (const type of ["AWS::Events::Rule", "AWS::SQS::Queue", "AWS::Lambda::EventInvokeConfig"]) {
      synth.template.resourceCountIs(type, 1);
    }
    expect(stack.consoleSignIns).toBeDefined();
    const actions = ofType("AWS::IAM::Policy").flatMap(([, r]) =>
      (propsOf(r).PolicyDocument as { Statement: Statement[] }).Statement.flatMap(actionsOf),
    );
    expect(actions.filter((a) => /^(ec2|ssm|iam):/.test(a))).toEqual([]);
  });

  it("has an anomaly and a health alarm per detector plus the HeliosAlarm composite", () => {
    synth.template.resourceCountIs("AWS::CloudWatch::Alarm", 2 * DETECTORS.length);
    synth.template.resourceCountIs("AWS::CloudWatch::CompositeAlarm", 1);
  });
});

describe("model bucket", () => {
  it("is versioned, private, encrypted, logged and retained", () => {
    const id = idOf(stack.modelStore.bucket);
    expect(props(id)).toMatchObject({
      VersioningConfiguration: { Status: "Enabled" },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
      LoggingConfiguration: { DestinationBucketName: ref(idOf(stack.modelStore.accessLogBucket)) },
    });
    expect(resources[id]).toMatchObject({ DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
  });

  it("denies every request not made over TLS 1.2 or later", () => {
    const [, policy] = ofType("AWS::S3::BucketPolicy").find(
      ([, r]) => JSON.stringify(r.Properties?.Bucket) === JSON.stringify(ref(idOf(stack.modelStore.bucket))),
    )!;
    const statements = (propsOf(policy).PolicyDocument as { Statement: Statement[] }).Statement;
    const denies = statements.filter((s) => s.Effect === "Deny");
    expect(denies.map((s) => s.Condition)).toEqual(
      expect.arrayContaining([
        { Bool: { "aws:SecureTransport": "false" } },
        { NumericLessThan: { "s3:TlsVersion": 1.2 } },
      ]),
    );
  });

  it("uploads only the .onnx files and the manifest, under models/, never deleting older objects", () => {
    const [, upload] = ofType("Custom::CDKBucketDeployment")[0]!;
    expect(upload.Properties).toMatchObject({
      DestinationBucketKeyPrefix: "models/",
      Prune: false,
      RetainOnDelete: true,
      DestinationBucketName: ref(idOf(stack.modelStore.bucket)),
    });
    const keys = upload.Properties?.SourceObjectKeys as string[];
    expect(keys).toHaveLength(1);
    const staged = readdirSync(join(synth.assemblyDir, `asset.${keys[0]!.replace(/\.zip$/, "")}`)).sort();
    const files = new Set(Object.values(committedManifest().models).map((entry) => entry.file));
    expect(staged).toEqual([...files, "manifest.json"].sort());
    expect(staged).toEqual(expect.arrayContaining(DETECTORS.map(modelFileOf)));
  });
});

describe("detector functions", () => {
  it.each(DETECTORS.map((d) => [d.name]))(
    "%s: Node 24 on x86_64 with the onnxruntime layer, tracing and its own logs",
    (name) => {
      const fn = stack.detectorFunctions.find((f) => f.detector.name === name)!;
      const p = props(idOf(fn.function));
      expect(p).toMatchObject({
        Runtime: "nodejs24.x",
        Architectures: ["x86_64"],
        MemorySize: DEFAULT_SETTINGS.memorySize,
        Timeout: DEFAULT_SETTINGS.timeoutSeconds,
        Handler: "index.handler",
        TracingConfig: { Mode: "Active" },
        LoggingConfig: { LogGroup: ref(idOf(fn.logGroup)) },
        Role: { "Fn::GetAtt": [idOf(fn.role), "Arn"] },
      });
      expect(p.Layers).toHaveLength(1);
      expect(props(idOf(fn.logGroup)).RetentionInDays).toBe(DEFAULT_SETTINGS.logRetentionDays);
    },
  );

  it.each(DETECTORS.map((d) => [d.name, d]))(
    "%s: configured by the runtime's environment contract",
    (_name, detector) => {
      const fn = stack.detectorFunctions.find((f) => f.detector === detector)!;
      const env = (props(idOf(fn.function)).Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env[ENV.modelSource]).toBe("s3");
      expect(env[ENV.modelBucket]).toEqual(ref(idOf(stack.modelStore.bucket)));
      const models = JSON.parse(env[ENV.models] as string) as Record<string, Record<string, unknown>>;
      expect(Object.keys(models)).toEqual(modelIdsOf(detector));
      expect(models[detector.name]!.key).toBe(`models/${modelFileOf(detector)}`);
      for (const id of modelIdsOf(detector)) {
        expect(models[id]).toEqual({
          key: `models/${manifest.get(id)!.file}`,
          entry: runtimeEntryOf(manifest.get(id)!),
        });
        expect(models[id]!.entry).not.toHaveProperty("recipe");
      }
      expect(env[ENV.alertSink]).toBe("sns");
      expect(env[ENV.alertTopicArn]).toEqual(ref(idOf(stack.alerts.topic)));
      expect(env[ENV.alertCooldownSeconds]).toBe(String(DEFAULT_SETTINGS.alertCooldownMinutes * 60));
      expect(env[ENV.stateStore]).toBe("dynamodb");
      expect(env[ENV.stateTable]).toEqual(ref(idOf(stack.state.table)));
      expect(env[ENV.metrics]).toBe("emf");
      // Lambda allows 4 KB of environment in all.
      expect(JSON.stringify(env).length).toBeLessThan(3_500);
    },
  );

  it("all share one onnxruntime layer for x86_64, which the status function does not load", () => {
    const [layerId, layer] = ofType("AWS::Lambda::LayerVersion").find(([, r]) =>
      String(r.Properties?.Description).includes("onnxruntime-node"),
    )!;
    expect(layer.Properties).toMatchObject({
      CompatibleArchitectures: ["x86_64"],
      CompatibleRuntimes: ["nodejs24.x"],
    });
    expect(layer.Properties?.Description).toMatch(/Linux x64$/);
    for (const fn of stack.detectorFunctions) expect(props(idOf(fn.function)).Layers).toEqual([ref(layerId)]);
    expect(props(idOf(stack.statusFunction.function)).Layers).toBeUndefined();
  });

  it("the status function reports each detector's model version from the manifest", () => {
    const env = (
      props(idOf(stack.statusFunction.function)).Environment as { Variables: Record<string, string> }
    ).Variables;
    expect(JSON.parse(env[ENV.detectorVersions]!)).toEqual(
      Object.fromEntries(DETECTORS.flatMap(modelIdsOf).map((id) => [id, manifest.get(id)!.modelVersion])),
    );
  });

  it("every log group of the stack keeps logs for the configured retention", () => {
    const groups = ofType("AWS::Logs::LogGroup");
    // detector functions, status, upload function, API access and execution logs
    expect(groups).toHaveLength(DETECTORS.length + 4);
    for (const [, group] of groups)
      expect(group.Properties?.RetentionInDays).toBe(DEFAULT_SETTINGS.logRetentionDays);
  });
});

describe("IAM: one least-privilege role per function", () => {
  it.each(DETECTORS.map((d) => [d.name, d]))(
    "%s reads only its model, publishes only to HeliosAlerts, logs only to its group",
    (_n, detector) => {
      const fn = stack.detectorFunctions.find((f) => f.detector === detector)!;
      const roleId = idOf(fn.role);
      expect(props(roleId).ManagedPolicyArns).toBeUndefined();
      expect(props(roleId).AssumeRolePolicyDocument).toMatchObject({
        Statement: [{ Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }],
      });
      const statements = roleStatements(roleId);
      for (const s of statements) {
        expect(s.Effect).toBe("Allow");
        for (const action of actionsOf(s)) expect(action).not.toContain("*");
      }
      const bySid = Object.fromEntries(statements.filter((s) => s.Sid).map((s) => [s.Sid!, s]));
      const bucketArn = { "Fn::GetAtt": [idOf(stack.modelStore.bucket), "Arn"] };
      expect(bySid.ReadOwnModel).toEqual({
        Sid: "ReadOwnModel",
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: { "Fn::Join": ["", [bucketArn, `/models/${modelFileOf(detector)}`]] },
      });
      expect(bySid.PublishAlerts).toMatchObject({
        Action: "sns:Publish",
        Resource: ref(idOf(stack.alerts.topic)),
      });
      expect(bySid.EncryptAlerts).toMatchObject({
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: { "Fn::GetAtt": [idOf(stack.alerts.key), "Arn"] },
      });
      expect(bySid.WriteOwnLogs).toMatchObject({
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: { "Fn::GetAtt": [idOf(fn.logGroup), "Arn"] },
      });
      // The only statement with Resource "*" is X-Ray's, which has no resource-level permissions.
      const unscoped = statements.filter((s) => JSON.stringify(s.Resource) === '"*"');
      expect(unscoped.flatMap(actionsOf).sort()).toEqual([
        "xray:PutTelemetryRecords",
        "xray:PutTraceSegments",
      ]);
      // The alert cooldown: its own records of the state table, and nothing else there.
      expect(bySid.KeepStateAlert).toEqual({
        Sid: "KeepStateAlert",
        Effect: "Allow",
        Action: ["dynamodb:BatchGetItem", "dynamodb:PutItem"],
        Resource: { "Fn::GetAtt": [idOf(stack.state.table), "Arn"] },
        Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["alert#*"] } },
      });
      expect(statements.flatMap(actionsOf)).not.toContain("cloudwatch:PutMetricData");
      // Each form model's file has a statement of its own, ReadOwnModel<File>, on that object alone.
      const formFiles = [...new Set(modelIdsOf(detector).map((id) => manifest.get(id)!.file))].slice(1);
      for (const file of formFiles) {
        const sid = `ReadOwnModel${file.replace(/\.onnx$/, "").replace(/(^|-)([a-z0-9])/g, (_, _d, c: string) => c.toUpperCase())}`;
        expect(bySid[sid]).toEqual({
          Sid: sid,
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: { "Fn::Join": ["", [bucketArn, `/models/${file}`]] },
        });
      }
      // The sign-in events detector also keeps state and dead-letters sign-ins (console-sign-ins.test.ts).
      const signInExtras = detector.forms.some((form) => form.kind === "events") ? 2 : 0;
      expect(statements).toHaveLength(6 + formFiles.length + signInExtras);
    },
  );

  it("the status role can only write its logs and traces", () => {
    const statements = roleStatements(idOf(stack.statusFunction.role));
    expect(statements.flatMap(actionsOf).sort()).toEqual([
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "xray:PutTelemetryRecords",
      "xray:PutTraceSegments",
    ]);
  });
});

describe("REST API", () => {
  const apiId = () => idOf(stack.api.api);
  const methods = () => propsOfType("AWS::ApiGateway::Method");
  const resourceIdOf = (path: string): unknown => {
    if (path === "/") return { "Fn::GetAtt": [apiId(), "RootResourceId"] };
    const resource = stack.api.api.root.resourceForPath(path);
    return ref(idOf(resource));
  };
  const methodAt = (path: string, verb: string) =>
    methods().find(
      (m) => JSON.stringify(m.ResourceId) === JSON.stringify(resourceIdOf(path)) && m.HttpMethod === verb,
    );

  it("is regional, named Helios, and its URL is a stack output", () => {
    expect(props(apiId())).toMatchObject({ Name: "Helios", EndpointConfiguration: { Types: ["REGIONAL"] } });
    const outputs = synth.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(["ApiUrl", "ModelBucketName", "AlertTopicArn", "DashboardUrl"]),
    );
    expect(flattenJoin(outputs.ApiUrl!.Value)).toContain(".execute-api.");
  });

  it("requires IAM authorisation on every method", () => {
    const all = methods();
    expect(all.length).toBeGreaterThan(DETECTORS.length);
    for (const method of all) expect(method.AuthorizationType).toBe("AWS_IAM");
  });

  it("serves GET / from the status function through a Lambda proxy integration", () => {
    const get = methodAt("/", "GET")!;
    expect(get.Integration).toMatchObject({ Type: "AWS_PROXY", IntegrationHttpMethod: "POST" });
    expect(JSON.stringify(get.Integration)).toContain(idOf(stack.statusFunction.function));
  });

  it.each(DETECTORS.map((d) => [routeOf(d), d]))(
    "POST %s: its function, validated against the catalog schema",
    (route, detector) => {
      const post = methodAt(route, "POST")!;
      const fn = stack.detectorFunctions.find((f) => f.detector === detector)!;
      expect(post.Integration).toMatchObject({ Type: "AWS_PROXY", IntegrationHttpMethod: "POST" });
      expect(JSON.stringify(post.Integration)).toContain(idOf(fn.function));
      const [validatorId] = ofType("AWS::ApiGateway::RequestValidator")[0]!;
      expect(post.RequestValidatorId).toEqual(ref(validatorId));
      const models = post.RequestModels as Record<string, { Ref: string }>;
      expect(Object.keys(models)).toEqual(["$default"]);
      const model = props(models.$default!.Ref);
      expect(model.Schema).toEqual({
        $schema: "http://json-schema.org/draft-04/schema#",
        ...toApiGatewaySchema(requestSchema(detector)),
      });
    },
  );

  it("validates request bodies (and parameters) with one validator", () => {
    const [, validator] = ofType("AWS::ApiGateway::RequestValidator")[0]!;
    expect(validator.Properties).toMatchObject({
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
  });

  it("answers wrong methods with a 405 naming the allowed one, from a mock", () => {
    for (const [path, allowed] of [["/", "GET"], ...DETECTORS.map((d) => [routeOf(d), "POST"])] as const) {
      const any = methodAt(path, "ANY")!;
      const integration = any.Integration as {
        Type: string;
        IntegrationResponses: {
          StatusCode: string;
          ResponseTemplates: Record<string, string>;
          ResponseParameters: Record<string, string>;
        }[];
      };
      expect(integration.Type).toBe("MOCK");
      expect(integration.IntegrationResponses).toHaveLength(1);
      const response = integration.IntegrationResponses[0]!;
      expect(response.StatusCode).toBe("405");
      expect(response.ResponseParameters).toEqual({ "method.response.header.Allow": `'${allowed}'` });
      expect(JSON.parse(response.ResponseTemplates["application/json"]!).error).toContain(
        `accepts ${allowed}`,
      );
    }
  });

  it("answers 404/405 from every mock whatever the body and content type (the body never reaches the mock)", () => {
    const mocks = methods()
      .map((m) => m.Integration as MockIntegrationProps)
      .filter((integration) => integration.Type === "MOCK");
    expect(mocks).toHaveLength(DETECTORS.length + 3 + DETECTORS.length + 1);
    for (const integration of mocks) {
      expect(integration.PassthroughBehavior).toBe("NEVER");
      expect(Object.keys(integration.RequestTemplates ?? {})).toEqual([...MOCK_TEMPLATE_CONTENT_TYPES]);
      expect(JSON.stringify(integration.RequestTemplates)).not.toContain("$input"); // nothing read from the request
    }
    const contentType = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/xml",
      ),
      fc.string({ minLength: 1, maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...mocks), contentType, fc.string(), (integration, type, body) => {
        const expected = Number(integration.IntegrationResponses[0]!.StatusCode);
        expect(mockAnswer(integration, type, body)).toBe(expected);
      }),
      { numRuns: 300 },
    );
    // The bodies that made a 500 of them before: text, a half-sent JSON, XML.
    for (const body of ["hello", '{"value": ', "<a/>"])
      expect(mockAnswer(mocks[0]!, "text/plain", body)).not.toBe(500);
  });

  it("answers unknown paths with a 404 listing the routes, below every resource", () => {
    const notFound = methods().filter(
      (m) => JSON.stringify(m.Integration).includes('"StatusCode":"404"') && m.HttpMethod === "ANY",
    );
    // {proxy+} under /, under /predict and under each detector route, plus /predict itself
    expect(notFound).toHaveLength(DETECTORS.length + 3);
    const body = JSON.parse(
      (notFound[0]!.Integration as { IntegrationResponses: { ResponseTemplates: Record<string, string> }[] })
        .IntegrationResponses[0]!.ResponseTemplates["application/json"]!,
    ) as { error: string };
    for (const d of DETECTORS) expect(body.error).toContain(`POST ${routeOf(d)}`);
    expect(body.error).toContain("GET /");
  });

  it("throttles the stage and logs access as JSON and execution at INFO, without request bodies", () => {
    const [, stage] = ofType("AWS::ApiGateway::Stage")[0]!;
    expect(stage.Properties).toMatchObject({
      StageName: "prod",
      TracingEnabled: true,
      MethodSettings: [
        {
          HttpMethod: "*",
          ResourcePath: "/*",
          ThrottlingRateLimit: DEFAULT_SETTINGS.throttleRateLimit,
          ThrottlingBurstLimit: DEFAULT_SETTINGS.throttleBurstLimit,
          LoggingLevel: "INFO",
          DataTraceEnabled: false,
          MetricsEnabled: true,
        },
      ],
    });
    const accessLog = stage.Properties?.AccessLogSetting as { Format: string; DestinationArn: unknown };
    // The log group's ARN without the ":*" of its Arn attribute, which API Gateway documents
    // (feature flag @aws-cdk/aws-apigateway:logGroupDestinationArnWithoutWildcard).
    expect(flattenJoin(accessLog.DestinationArn)).toBe(
      `arn:<Ref AWS::Partition>:logs:<Ref AWS::Region>:<Ref AWS::AccountId>:log-group:<Ref ${idOf(stack.api.accessLogs)}>`,
    );
    const fields = JSON.parse(accessLog.Format) as Record<string, string>;
    expect(fields).toMatchObject({
      requestId: "$context.requestId",
      status: "$context.status",
      caller: "$context.identity.caller",
    });
  });

  it("gives execution logs a retention by creating their log group before the stage", () => {
    const [stageId] = ofType("AWS::ApiGateway::Stage")[0]!;
    const executionLogsId = idOf(stack.api.executionLogs);
    expect(flattenJoin(props(executionLogsId).LogGroupName)).toBe(
      `API-Gateway-Execution-Logs_<Ref ${apiId()}>/prod`,
    );
    expect(resources[stageId]!.DependsOn).toContain(executionLogsId);
  });

  it("sets the account's CloudWatch role for execution logging", () => {
    synth.template.resourceCountIs("AWS::ApiGateway::Account", 1);
  });

  it("returns API Gateway's own errors as JSON {error}", () => {
    const responses = ofType("AWS::ApiGateway::GatewayResponse").map(([, r]) => r.Properties!);
    expect(responses.map((r) => r.ResponseType).sort()).toEqual(
      GATEWAY_ERRORS.map((e) => e.type.responseType).sort(),
    );
    for (const response of responses) {
      const template = (response.ResponseTemplates as Record<string, string>)["application/json"]!;
      // $context.error.messageString is substituted as a quoted JSON string
      const sample = template.replace("$context.error.messageString", '"Forbidden"');
      expect(Object.keys(JSON.parse(sample))).toEqual(["error"]);
    }
  });
});

describe("HeliosAlerts", () => {
  it("is encrypted with a rotating key of its own and has no subscription without alertEmail", () => {
    expect(props(idOf(stack.alerts.topic))).toMatchObject({
      TopicName: "HeliosAlerts",
      KmsMasterKeyId: { "Fn::GetAtt": [idOf(stack.alerts.key), "Arn"] },
    });
    expect(props(idOf(stack.alerts.key)).EnableKeyRotation).toBe(true);
    synth.template.resourceCountIs("AWS::SNS::Subscription", 0);
  });

  it("refuses non-TLS publishing and lets only Helios alarms of this account publish", () => {
    const [, policy] = ofType("AWS::SNS::TopicPolicy")[0]!;
    const statements = (propsOf(policy).PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      ]),
    );
    const alarms = statements.find((s) => s.Sid === "HeliosAlarmsPublish")!;
    expect(alarms).toMatchObject({
      Effect: "Allow",
      Action: "sns:Publish",
      Principal: { Service: "cloudwatch.amazonaws.com" },
    });
    expect(alarms.Condition?.StringEquals).toEqual({ "aws:SourceAccount": { Ref: "AWS::AccountId" } });
    expect(flattenJoin((alarms.Condition!.ArnLike as Record<string, unknown>)["aws:SourceArn"])).toMatch(
      /:alarm:Helios\*$/,
    );
  });
});

describe("alarms", () => {
  const alarms = () => propsOfType("AWS::CloudWatch::Alarm");
  const topic = () => ref(idOf(stack.alerts.topic));

  it.each(DETECTORS.map((d) => [d.name]))("%s: an anomaly alarm on its Anomalies metric", (name) => {
    const alarm = alarms().find((a) => a.AlarmName === `Helios-${name}-anomalies`)!;
    expect(alarm).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: METRIC_NAMES.anomalies,
      Dimensions: [{ Name: "Detector", Value: name }],
      Statistic: "Sum",
      Period: 300,
      Threshold: DEFAULT_SETTINGS.anomalyAlarmThreshold,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "notBreaching",
    });
    if (name === "cpu") {
      // reports through HeliosAlarm, so a CPU incident notifies once
      expect(alarm.AlarmActions).toBeUndefined();
    } else {
      expect(alarm.AlarmActions).toEqual([topic()]);
      expect(alarm.OKActions).toEqual([topic()]);
    }
  });

  it.each(DETECTORS.map((d) => [d.name]))(
    "%s: a health alarm on Lambda errors, model load and alert failures",
    (name) => {
      const alarm = alarms().find((a) => a.AlarmName === `Helios-${name}-errors`)!;
      const metrics = alarm.Metrics as {
        Id: string;
        Expression?: string;
        MetricStat?: { Metric: { MetricName: string } };
      }[];
      expect(metrics.find((m) => m.Expression)?.Expression).toBe(
        "FILL(errors, 0) + FILL(modelLoad, 0) + FILL(alerts, 0)",
      );
      expect(metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : [])).sort()).toEqual(
        ["Errors", METRIC_NAMES.modelLoadFailures, METRIC_NAMES.alertFailures].sort(),
      );
      expect(alarm.AlarmActions).toEqual([topic()]);
    },
  );

  it("HeliosAlarm fires on the cpu detector's anomaly alarm and notifies HeliosAlerts", () => {
    const [, composite] = ofType("AWS::CloudWatch::CompositeAlarm")[0]!;
    expect(composite.Properties).toMatchObject({
      AlarmName: "HeliosAlarm",
      AlarmActions: [topic()],
      OKActions: [topic()],
    });
    const rule = flattenJoin(composite.Properties?.AlarmRule);
    const cpuAlarmId = idOf(stack.alarms.anomalyAlarms.get("cpu")!);
    expect(rule).toBe(`(ALARM("<GetAtt ${cpuAlarmId}.Arn>"))`);
  });

  it("has no instance alarm without monitoredInstanceId", () => {
    expect(alarms().some((a) => a.Namespace === "AWS/EC2")).toBe(false);
  });
});

describe("HeliosDashboard", () => {
  const body = () => {
    const [, dashboard] = ofType("AWS::CloudWatch::Dashboard")[0]!;
    expect(dashboard.Properties?.DashboardName).toBe("HeliosDashboard");
    return JSON.parse(flattenJoin(dashboard.Properties?.DashboardBody)) as {
      widgets: { type: string; properties: { title?: string; metrics?: unknown[][] } }[];
    };
  };

  it("has alarm states, three graphs per detector and three for the API", () => {
    const widgets = body().widgets;
    expect(widgets).toHaveLength(2 + 3 * DETECTORS.length + 3);
    const titles = widgets.map((w) => w.properties.title);
    for (const d of DETECTORS) {
      expect(titles).toEqual(
        expect.arrayContaining([
          `${d.name}: predictions and anomalies`,
          `${d.name}: errors`,
          `${d.name}: duration p50/p99 (ms)`,
        ]),
      );
    }
    expect(titles).toEqual(
      expect.arrayContaining(["API: requests", "API: 4xx and 5xx", "API: latency p50/p99 (ms)"]),
    );
    expect(widgets.filter((w) => w.type === "alarm")).toHaveLength(1);
  });

  it("graphs each detector's predictions and anomalies, and p50/p99 durations", () => {
    const widgets = body().widgets;
    for (const d of DETECTORS) {
      const counts = widgets.find((w) => w.properties.title === `${d.name}: predictions and anomalies`)!;
      expect(counts.properties.metrics!.map((m) => m.slice(0, 4))).toEqual([
        [METRICS_NAMESPACE, METRIC_NAMES.predictions, "Detector", d.name],
        [METRICS_NAMESPACE, METRIC_NAMES.anomalies, "Detector", d.name],
      ]);
      const duration = widgets.find((w) => w.properties.title === `${d.name}: duration p50/p99 (ms)`)!;
      const stats = duration.properties.metrics!.map((m) => (m.at(-1) as { stat: string }).stat);
      expect(stats).toEqual(["p50", "p99"]);
    }
  });

  it("has no instance widgets without monitoredInstanceId", () => {
    expect(JSON.stringify(body())).not.toContain("AWS/EC2");
  });
});

describe("tags", () => {
  /** Tags as the template holds them: a list of {Key, Value}, or a map for a few resource types. */
  const tagsOf = (r: CfnResource): Record<string, unknown> => {
    const tags = r.Properties?.Tags;
    if (Array.isArray(tags))
      return Object.fromEntries(tags.map((t: { Key: string; Value: unknown }) => [t.Key, t.Value]));
    return (tags as Record<string, unknown> | undefined) ?? {};
  };

  it("puts the application tag on every resource whose CloudFormation type takes tags", () => {
    const taggable = stack.node
      .findAll()
      .filter((c): c is CfnResourceConstruct => c instanceof CfnResourceConstruct)
      .filter((c) => TagManager.isTaggable(c) || TagManager.isTaggableV2(c));
    // buckets, functions, roles, log groups, key, topic, API, stage, alarms, composite, dashboard
    expect(new Set(taggable.map((c) => c.cfnResourceType)).size).toBeGreaterThanOrEqual(11);
    const untagged = taggable
      .map((c) => [stack.getLogicalId(c), c.cfnResourceType] as const)
      .filter(([id]) => tagsOf(resources[id]!)[APPLICATION_TAG.key] !== APPLICATION_TAG.value);
    expect(untagged).toEqual([]);
  });

  it("tags the stack itself, so CloudFormation tags what it creates too", () => {
    expect(stack.tags.tagValues()).toEqual({ [APPLICATION_TAG.key]: APPLICATION_TAG.value });
  });
});

describe("cdk-nag AwsSolutions", () => {
  it("finds no unacknowledged error or warning", () => {
    expect(nagViolations(synth.app)).toEqual([]);
  });
});
