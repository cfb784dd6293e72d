/**
 * The Helios REST API: `GET /` (status) and `POST /predict/<detector>` for every catalog entry,
 * each a Lambda proxy integration behind IAM (SigV4) authorisation, with the detector's request
 * schema validated at the edge, stage throttling, JSON access logs and execution logs.
 *
 * Unknown routes and wrong methods: a REST API answers both with 403 "Missing Authentication
 * Token" by default, which misleads callers. Here every resource gets an `ANY` method and a
 * `{proxy+}` child served by mock integrations (no Lambda, no cost) that answer 405 (with an
 * Allow header) and 404 with a JSON error listing the routes, whatever body the caller sends. They require IAM authorisation
 * like every other method, so an unsigned caller learns nothing about the route map: it gets
 * 403 before routing matters, and a signed caller gets the precise 404/405.
 */
import { Fn, RemovalPolicy, Validations } from "aws-cdk-lib";
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  type IResource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  MockIntegration,
  PassthroughBehavior,
  type RequestValidator,
  ResponseType,
  RestApi,
} from "aws-cdk-lib/aws-apigateway";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { type DetectorSpec, requestSchema, routeOf } from "../../lambdas/catalog";
import { toApiGatewaySchema } from "../api-gateway-schema";
import { BASE_NAMES, PhysicalNames } from "../physical-names";

/** A detector and the function that serves its route. */
export interface DetectorRoute {
  readonly detector: DetectorSpec;
  readonly handler: IFunction;
}

/** Properties of the Helios API. */
export interface HeliosApiProps {
  /** Serves `GET /`. */
  readonly statusHandler: IFunction;
  /** One `POST /predict/<name>` route per entry. */
  readonly detectorRoutes: readonly DetectorRoute[];
  /** Stage throttling: steady-state requests per second. */
  readonly throttleRateLimit: number;
  /** Stage throttling: burst capacity. */
  readonly throttleBurstLimit: number;
  /** How long access and execution logs are kept. */
  readonly logRetention: RetentionDays;
  /** Whether to set the account's API Gateway CloudWatch Logs role (execution logging needs one). */
  readonly cloudWatchRole: boolean;
  /** Stage name, the first segment of every URL path. @default "prod" */
  readonly stageName?: string;
}

/** JSON bodies of errors API Gateway produces itself, keyed by response type; `$context` values are filled in. */
export const GATEWAY_ERRORS: readonly { readonly type: ResponseType; readonly body: string }[] = [
  {
    type: ResponseType.BAD_REQUEST_BODY,
    // validationErrorString is not JSON-escaped (it can contain quotes), so it stays in the
    // execution logs; the caller gets what to fix instead.
    body: JSON.stringify({
      error:
        "invalid request body: send a JSON object with exactly one of value/values (numbers; [failed_attempts, hour] pairs for login) or text/texts (content), within the documented ranges",
    }),
  },
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    body: JSON.stringify({
      error:
        "missing authentication: sign the request with AWS Signature Version 4 (service execute-api), and check that the URL path starts with the stage name",
    }),
  },
  {
    // API Gateway's own message quotes the canonical request across several lines, which would
    // not survive being put into a JSON string.
    type: ResponseType.INVALID_SIGNATURE,
    body: JSON.stringify({
      error:
        "invalid signature: sign with AWS Signature Version 4 for service execute-api in the API's region, with the current secret key, and check the system clock",
    }),
  },
  {
    type: ResponseType.EXPIRED_TOKEN,
    body: JSON.stringify({
      error: "expired credentials: refresh them (e.g. aws sso login) and sign the request again",
    }),
  },
  {
    type: ResponseType.THROTTLED,
    body: JSON.stringify({
      error: "too many requests: the API is throttled; retry after a short, growing delay",
    }),
  },
  // Everything else keeps API Gateway's own one-line message (e.g. which principal lacks
  // execute-api:Invoke), which it substitutes as a quoted string.
  { type: ResponseType.DEFAULT_4XX, body: '{"error":$context.error.messageString}' },
  { type: ResponseType.DEFAULT_5XX, body: '{"error":$context.error.messageString}' },
];

/** The REST API in front of the Helios functions. */
export class HeliosApi extends Construct {
  /** The API; its `url` ends with the stage name and a slash. */
  readonly api: RestApi;
  /** Access log group (one JSON object per request). */
  readonly accessLogs: LogGroup;
  /** Execution log group (API Gateway's own per-request logs, including validation errors). */
  readonly executionLogs: LogGroup;

  private readonly bodyValidator: RequestValidator;
  private readonly routeList: string;

  constructor(scope: Construct, id: string, props: HeliosApiProps) {
    super(scope, id);
    const stageName = props.stageName ?? "prod";
    this.routeList = [
      "GET /",
      ...props.detectorRoutes.map(({ detector }) => `POST ${routeOf(detector)}`),
    ].join(", ");

    this.accessLogs = new LogGroup(this, "AccessLogs", {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.api = new RestApi(this, "Api", {
      restApiName: PhysicalNames.of(this).name("restApi", BASE_NAMES.restApi),
      description: "Helios anomaly detection: GET / for status, POST /predict/<detector> to score readings",
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      cloudWatchRole: props.cloudWatchRole,
      defaultMethodOptions: { authorizationType: AuthorizationType.IAM },
      deployOptions: {
        stageName,
        throttlingRateLimit: props.throttleRateLimit,
        throttlingBurstLimit: props.throttleBurstLimit,
        loggingLevel: MethodLoggingLevel.INFO,
        // Full request/response logging would copy user data (texts) into the logs.
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            requestTime: AccessLogField.contextRequestTime(),
            ip: AccessLogField.contextIdentitySourceIp(),
            caller: AccessLogField.contextIdentityCaller(),
            user: AccessLogField.contextIdentityUserArn(),
            method: AccessLogField.contextHttpMethod(),
            resourcePath: AccessLogField.contextResourcePath(),
            path: AccessLogField.contextPath(),
            protocol: AccessLogField.contextProtocol(),
            status: AccessLogField.contextStatus(),
            responseLength: AccessLogField.contextResponseLength(),
            responseLatency: AccessLogField.contextResponseLatency(),
            integrationLatency: AccessLogField.contextIntegrationLatency(),
            // The error type only: error messages can hold quotes and line breaks (signature
            // errors quote the canonical request), which would break the one-JSON-object lines.
            errorType: AccessLogField.contextErrorResponseType(),
          }),
        ),
      },
    });

    // Created here (rather than by API Gateway on first use) so that it has a retention period;
    // the stage waits for it, or API Gateway could create it first and fail the deployment.
    this.executionLogs = new LogGroup(this, "ExecutionLogs", {
      logGroupName: Fn.join("", ["API-Gateway-Execution-Logs_", this.api.restApiId, `/${stageName}`]),
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api.deploymentStage.node.addDependency(this.executionLogs);

    for (const { type, body } of GATEWAY_ERRORS) {
      this.api.addGatewayResponse(`Error${type.responseType}`, {
        type,
        templates: { "application/json": body },
      });
    }

    this.bodyValidator = this.api.addRequestValidator("BodyValidator", {
      requestValidatorName: "body-and-parameters",
      validateRequestBody: true,
      validateRequestParameters: true, // no parameter is required today; cdk-nag (APIG2) wants both on
    });

    const root = this.api.root;
    root.addMethod("GET", new LambdaIntegration(props.statusHandler, { allowTestInvoke: false }));
    this.answerOtherMethods(root, ["GET"]);
    const predict = root.addResource("predict");
    this.answerNotFound(predict);
    for (const route of props.detectorRoutes) this.addDetectorRoute(predict, route);

    this.acknowledgeFindings(props.cloudWatchRole);
  }

  /** The API's base URL (ends with the stage and a slash). */
  get url(): string {
    return this.api.url;
  }

  private addDetectorRoute(predict: IResource, { detector, handler }: DetectorRoute): void {
    const resource = predict.addResource(detector.name);
    const model = this.api.addModel(`${modelNameOf(detector)}Model`, {
      modelName: modelNameOf(detector),
      contentType: "application/json",
      description: `Request body of POST ${routeOf(detector)}`,
      schema: toApiGatewaySchema(requestSchema(detector)),
    });
    resource.addMethod("POST", new LambdaIntegration(handler, { allowTestInvoke: false }), {
      requestValidator: this.bodyValidator,
      // "$default": the schema applies whatever Content-Type the caller sends; a model keyed by
      // application/json alone would let any other content type skip validation.
      requestModels: { $default: model },
    });
    this.answerOtherMethods(resource, ["POST"]);
  }

  /** Answers methods other than `allowed` on a resource with 405, and paths below it with 404. */
  private answerOtherMethods(resource: IResource, allowed: readonly string[]): void {
    const allow = allowed.join(", ");
    const path = resource.path;
    resource.addMethod(
      "ANY",
      mockResponse(405, `method not allowed: ${path} accepts ${allow}`, { Allow: allow }),
      {
        methodResponses: [
          { statusCode: "405", responseParameters: { "method.response.header.Allow": true } },
        ],
      },
    );
    this.answerNotFound(resource, false);
  }

  /** Answers every method on a resource (when `self`) and on every path below it with 404. */
  private answerNotFound(resource: IResource, self = true): void {
    const notFound = () => mockResponse(404, `no route for this path; the routes are: ${this.routeList}`);
    const options = { methodResponses: [{ statusCode: "404" }] };
    if (self) resource.addMethod("ANY", notFound(), options);
    resource.addResource("{proxy+}").addMethod("ANY", notFound(), options);
  }

  private acknowledgeFindings(cloudWatchRole: boolean): void {
    Validations.of(this.api).acknowledge(
      {
        id: "AwsSolutions-APIG3",
        reason:
          "Every method requires IAM (SigV4) authorisation, so anonymous traffic is rejected before any integration runs, and the stage is throttled; a WAF web ACL would add a monthly cost without protecting more.",
      },
      {
        id: "AwsSolutions-COG4",
        reason:
          "Callers are AWS principals (services, operators) authorised with IAM SigV4 and execute-api:Invoke, not end users in a Cognito user pool.",
      },
    );
    if (cloudWatchRole) {
      Validations.of(this.api).acknowledge({
        id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]",
        reason:
          "The account-level role API Gateway uses for execution logging of every API in the region; AWS's managed policy is the documented one and is scoped to CloudWatch Logs.",
      });
    }
  }
}

/** A model name API Gateway accepts (alphanumeric), e.g. "CpuRequest". */
function modelNameOf(detector: DetectorSpec): string {
  const name = detector.name.replace(/[^A-Za-z0-9]/g, "");
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}Request`;
}

/**
 * Content types given a request template of their own. `$default` (API Gateway's key for "any
 * other content type", as in the request models above) covers the rest; the explicit keys keep
 * what clients usually send (curl -d sends a form type) answered even without it.
 */
export const MOCK_TEMPLATE_CONTENT_TYPES = [
  "$default",
  "application/json",
  "application/x-www-form-urlencoded",
  "text/plain",
] as const;

/**
 * A mock integration that always answers `status` with `{"error": message}`. A mock takes its
 * status from what the request template produces: with no template the caller's body would be
 * passed through and read for a `statusCode`, and a body that is not JSON makes that a 500. So
 * every content type gets a constant template that ignores the body, and passthrough is NEVER:
 * a content type no template matched is a 415 from the gateway, never the body reaching the mock.
 */
function mockResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): MockIntegration {
  const responseParameters = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, `'${value}'`]),
  );
  const selectStatus = JSON.stringify({ statusCode: status });
  return new MockIntegration({
    requestTemplates: Object.fromEntries(MOCK_TEMPLATE_CONTENT_TYPES.map((type) => [type, selectStatus])),
    passthroughBehavior: PassthroughBehavior.NEVER,
    integrationResponses: [
      {
        statusCode: String(status),
        responseTemplates: { "application/json": JSON.stringify({ error: message }) },
        ...(Object.keys(responseParameters).length > 0 ? { responseParameters } : {}),
      },
    ],
  });
}
