/**
 * Runs the synthesized function bundles as Lambda would, before anything is deployed: each
 * detector's index.js, with only its layers on Node's module path and exactly the environment
 * the template gives it, reads its models from S3, keeps its alert cooldown in DynamoDB and
 * publishes its alert to SNS. S3, DynamoDB and SNS are s3rver, dynalite and fauxqs on 127.0.0.1,
 * filled as the deployment fills the real ones (the models asset under its key prefix, the state
 * table, the alert topic under the template's name for it). It proves the bundle, the layer, the
 * environment contract, the model keys and the metric names (EMF) fit together.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  DETECTORS,
  type DetectorSpec,
  modelFileOf,
  REQUEST_FIELDS,
  readingModelOf,
  routeOf,
} from "../../lambdas/catalog";
import { ENV, METRIC_NAMES, METRICS_NAMESPACE } from "../../lambdas/runtime/environment-names";
import { type FunctionPackage, functionPackages, type StackTemplate } from "./cloud-assembly";

/** What the smoke test found: progress lines, and the problems (empty when all is well). */
export interface SmokeReport {
  readonly lines: string[];
  readonly problems: string[];
}

/** The result a proxy handler returns. */
interface ProxyResult {
  readonly statusCode: number;
  readonly body: string;
}

const SMOKE_BUCKET = "helios-smoke-models";
const SMOKE_TABLE = "helios-smoke-state";
const REGION = "us-east-1";
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const; // s3rver's fixed pair
const RUN_TIMEOUT_MS = 30_000;

// Runs one bundled handler in its own Node process for a list of events; results go to a file
// because the handler's own stdout carries its logs and EMF lines.
const RUNNER = `
const { readFileSync, writeFileSync } = require("node:fs");
const [modulePath, exportName, eventsFile, resultsFile] = process.argv.slice(2);
(async () => {
  const handler = require(modulePath)[exportName];
  if (typeof handler !== "function") throw new Error(exportName + " is not exported by " + modulePath);
  const results = [];
  for (const [i, event] of JSON.parse(readFileSync(eventsFile, "utf8")).entries()) {
    const context = {
      awsRequestId: "smoke-" + i, functionName: "helios-smoke", functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:${REGION}:000000000000:function:helios-smoke",
      memoryLimitInMB: "1024", logGroupName: "/aws/lambda/helios-smoke", logStreamName: "smoke",
      callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => 10000,
    };
    results.push(await handler(event, context));
  }
  writeFileSync(resultsFile, JSON.stringify(results));
  process.exit(0);
})().catch((error) => { console.error(error); process.exit(1); });
`;

/** An API Gateway REST proxy event for a route. */
function proxyEvent(method: string, path: string, body: unknown): Record<string, unknown> {
  return {
    resource: path,
    path,
    httpMethod: method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    multiValueHeaders: body === undefined ? {} : { "Content-Type": ["application/json"] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { requestId: "smoke-request", resourcePath: path, httpMethod: method, stage: "prod" },
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/** Replaces the template's references (bucket, topic) in an environment with the local stand-ins. */
export function resolveEnvironment(
  environment: Readonly<Record<string, unknown>>,
  references: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => {
      if (typeof value === "string") return [name, value];
      const ref = (value as { Ref?: unknown }).Ref;
      if (typeof ref === "string" && references[ref] !== undefined) return [name, references[ref]];
      throw new Error(`${name}: cannot stand in for ${JSON.stringify(value)}`);
    }),
  );
}

/** Runs a function's bundle for some events, as Lambda would: only its layers on the module path. */
async function invoke(
  fn: FunctionPackage,
  environment: Record<string, string>,
  events: readonly unknown[],
  endpoints: { s3: string; sns: string; dynamodb: string },
  workDir: string,
): Promise<{ results: ProxyResult[]; stdout: string[] }> {
  const [file, exportName] = fn.handler.split(".");
  const eventsFile = join(workDir, `${fn.logicalId}-events.json`);
  const resultsFile = join(workDir, `${fn.logicalId}-results.json`);
  const runner = join(workDir, "runner.cjs");
  writeFileSync(runner, RUNNER);
  writeFileSync(eventsFile, JSON.stringify(events));
  const child = spawn(
    process.execPath,
    [runner, join(fn.code.path, `${file}.js`), exportName!, eventsFile, resultsFile],
    {
      cwd: workDir, // outside the repository: nothing resolves from its node_modules
      env: {
        PATH: process.env.PATH ?? "",
        NODE_PATH: fn.layers.map((layer) => join(layer.path, "nodejs", "node_modules")).join(":"),
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_S3: endpoints.s3,
        AWS_ENDPOINT_URL_SNS: endpoints.sns,
        AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
        AWS_EC2_METADATA_DISABLED: "true",
        ...environment,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  if (code !== 0) {
    // Node prints the error's own line ("Error: Cannot find module ...") before its stack.
    const lines = stderr.trim().split("\n");
    const reason = lines.find((line) => /^\w*Error\b/.test(line.trim())) ?? lines.slice(-3).join(" | ");
    throw new Error(`exited with ${code}: ${reason.trim()}`);
  }
  return {
    results: JSON.parse(readFileSync(resultsFile, "utf8")) as ProxyResult[],
    stdout: stdout.split("\n").filter((line) => line.trim() !== ""),
  };
}

/** The EMF documents among a function's stdout lines. */
function emfDocuments(lines: readonly string[]): Record<string, unknown>[] {
  return lines.flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      return parsed._aws ? [parsed] : [];
    } catch {
      return [];
    }
  });
}

/** Checks one detector's two seed examples, its alert-free normal case and its EMF metrics. */
function checkDetector(
  detector: DetectorSpec,
  results: readonly ProxyResult[],
  stdout: readonly string[],
  problems: string[],
): void {
  const expected = [
    ["anomalous", detector.examples.anomalous, 1],
    ["normal", detector.examples.normal, 0],
  ] as const;
  for (const [i, [label, input, decision]] of expected.entries()) {
    const result = results[i];
    const body = result ? (JSON.parse(result.body) as Record<string, unknown>) : {};
    if (result?.statusCode !== 200)
      problems.push(`${detector.name} ${label}: status ${result?.statusCode} ${result?.body}`);
    else if (body[detector.decisionField] !== decision) {
      problems.push(
        `${detector.name} ${label}: ${detector.decisionField} is ${body[detector.decisionField]}, expected ${decision}`,
      );
    } else if (JSON.stringify(body[detector.echoField]) !== JSON.stringify(input)) {
      problems.push(`${detector.name} ${label}: ${detector.echoField} does not echo the input`);
    }
  }
  const documents = emfDocuments(stdout);
  const directives = documents.flatMap(
    (d) =>
      (
        d._aws as {
          CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
        }
      ).CloudWatchMetrics,
  );
  const names = new Set(directives.flatMap((d) => d.Metrics.map((m) => m.Name)));
  const wellFormed =
    directives.length > 0 &&
    directives.every(
      (d) => d.Namespace === METRICS_NAMESPACE && JSON.stringify(d.Dimensions) === '[["Detector"]]',
    ) &&
    documents.every((d) => d.Detector === detector.name);
  if (!wellFormed)
    problems.push(
      `${detector.name}: no EMF metrics in namespace ${METRICS_NAMESPACE} with only the Detector dimension`,
    );
  for (const metric of [METRIC_NAMES.predictions, METRIC_NAMES.anomalies]) {
    if (!names.has(metric))
      problems.push(`${detector.name}: the alarms and dashboard read ${metric}, which it did not emit`);
  }
}

/** The S3 key a function's HELIOS_MODELS gives a detector's reading model, if any. */
function readingModelKey(models: unknown, detector: DetectorSpec): string | undefined {
  if (typeof models !== "string") return undefined;
  const parsed = JSON.parse(models) as Record<string, { key?: string } | undefined>;
  return parsed[readingModelOf(detector)]?.key;
}

/** Creates the state table on dynalite as the template defines it (string key `pk`). */
async function stateTable(endpoint: string): Promise<void> {
  const dynamodb = new DynamoDBClient({ region: REGION, endpoint, credentials: CREDENTIALS });
  try {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: SMOKE_TABLE,
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  } finally {
    dynamodb.destroy();
  }
}

/** Creates the alert topic on fauxqs with a queue subscribed to it; returns the topic ARN and a reader. */
async function alertTopic(
  address: string,
  topicName: string,
): Promise<{ topicArn: string; received: () => Promise<string[]> }> {
  const sqs = async (action: string, input: Record<string, unknown>) => {
    const response = await fetch(address, {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": `AmazonSQS.${action}` },
      body: JSON.stringify(input),
    });
    if (!response.ok) throw new Error(`SQS ${action}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const sns = new SNSClient({ region: REGION, endpoint: address, credentials: CREDENTIALS });
  try {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: topicName }));
    const { QueueUrl } = await sqs("CreateQueue", { QueueName: "smoke-alerts" });
    const { Attributes } = (await sqs("GetQueueAttributes", { QueueUrl, AttributeNames: ["QueueArn"] })) as {
      Attributes: { QueueArn: string };
    };
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: Attributes.QueueArn }));
    return {
      topicArn: TopicArn!,
      received: async () => {
        const state = (await (await fetch(`${address}/_fauxqs/queues/smoke-alerts`)).json()) as {
          messages: { ready: { body?: string; Body?: string }[] };
        };
        return state.messages.ready.map((m) => m.body ?? m.Body ?? "");
      },
    };
  } finally {
    sns.destroy();
  }
}

interface LocalServers {
  readonly s3: string;
  readonly sns: string;
  readonly dynamodb: string;
  stop(): Promise<void>;
}

/** Starts s3rver (with the smoke bucket), fauxqs and dynalite, all on 127.0.0.1 and ephemeral ports. */
async function startServers(dataDir: string): Promise<LocalServers> {
  // s3rver ships no types; fauxqs is an ES module, so it is imported dynamically.
  const S3rver = require("s3rver") as new (
    options: Record<string, unknown>,
  ) => { run(): Promise<{ port: number }>; close(): Promise<void> };
  const s3rver = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: dataDir,
    configureBuckets: [{ name: SMOKE_BUCKET }],
  });
  const { port } = await s3rver.run();
  const { buildApp } = (await import("fauxqs")) as {
    buildApp(options: Record<string, unknown>): {
      listen(options: { port: number; host: string }): Promise<string>;
      close(): Promise<void>;
    };
  };
  const fauxqs = buildApp({ logger: false, host: "127.0.0.1" });
  const sns = await fauxqs.listen({ port: 0, host: "127.0.0.1" });
  // dynalite ships no types.
  const dynalite = (require("dynalite") as (options: Record<string, unknown>) => import("node:net").Server)({
    createTableMs: 0,
  });
  await new Promise<void>((resolve) => dynalite.listen(0, "127.0.0.1", resolve));
  const dynamoPort = (dynalite.address() as import("node:net").AddressInfo).port;
  return {
    s3: `http://127.0.0.1:${port}`,
    sns,
    dynamodb: `http://127.0.0.1:${dynamoPort}`,
    async stop() {
      await Promise.all([
        s3rver.close(),
        fauxqs.close(),
        new Promise<void>((resolve) => dynalite.close(() => resolve())),
      ]);
    },
  };
}

/** The model deployment of the template: target bucket, key prefix and the staged models folder. */
function modelDeployment(assemblyDir: string, template: StackTemplate) {
  const deployments = Object.values(template.Resources).filter(
    (r) => r.Type === "Custom::CDKBucketDeployment",
  );
  if (deployments.length !== 1) throw new Error(`expected one model deployment, found ${deployments.length}`);
  const properties = deployments[0]!.Properties ?? {};
  const bucketRef = (properties.DestinationBucketName as { Ref?: string }).Ref;
  const [objectKey] = properties.SourceObjectKeys as string[];
  if (!bucketRef || !objectKey)
    throw new Error("the model deployment has no bucket reference or source object");
  return {
    bucketRef,
    prefix: String(properties.DestinationBucketKeyPrefix ?? ""),
    folder: join(assemblyDir, `asset.${objectKey.replace(/\.zip$/, "")}`),
  };
}

/** Sign-in events in the wire shape: a week of one user, then a burst of failures from elsewhere. */
function signInStory(): { week: unknown[]; burst: unknown[] } {
  const at = (day: number, minutes: number) =>
    new Date(Date.UTC(2026, 10, 2 + day, 9, 0) + minutes * 60_000).toISOString();
  const week = Array.from({ length: 7 }, (_, day) => ({
    user: "smoke-user",
    time: at(day, 0),
    source_ip: "203.0.113.10",
    success: true,
    mfa: true,
  }));
  const burst = Array.from({ length: 9 }, (_, i) => ({
    user: "smoke-user",
    time: at(8, i / 2),
    source_ip: "198.51.100.66",
    success: false,
  }));
  return { week, burst };
}

/** An EventBridge console sign-in (CloudTrail's documented shape) of an unknown user name. */
function consoleSignIn(): Record<string, unknown> {
  const time = "2026-11-20T03:01:17Z";
  return {
    version: "0",
    id: "smoke-console-sign-in",
    "detail-type": "AWS Console Sign In via CloudTrail",
    source: "aws.signin",
    account: "111122223333",
    time,
    region: REGION,
    resources: [],
    detail: {
      eventVersion: "1.09",
      userIdentity: {
        type: "IAMUser",
        principalId: "",
        accountId: "111122223333",
        userName: "HIDDEN_DUE_TO_SECURITY_REASONS",
      },
      eventTime: time,
      eventSource: "signin.amazonaws.com",
      eventName: "ConsoleLogin",
      sourceIPAddress: "192.0.2.77",
      userAgent: "python-requests/2.32.3",
      responseElements: { ConsoleLogin: "Failure" },
      additionalEventData: { MFAUsed: "No" },
    },
  };
}

/**
 * Runs the sign-in events form of a bundle in two cold processes against the state table: the
 * second one's answers depend on the history the first one stored in DynamoDB.
 */
async function smokeSignInEvents(
  detector: DetectorSpec,
  run: (events: readonly unknown[]) => Promise<{ results: ProxyResult[] }>,
  problems: string[],
): Promise<string | undefined> {
  const { week, burst } = signInStory();
  const first = await run([proxyEvent("POST", routeOf(detector), { events: week })]);
  if (first.results[0]?.statusCode !== 200) {
    problems.push(
      `${detector.name} events: status ${first.results[0]?.statusCode} ${first.results[0]?.body}`,
    );
    return undefined;
  }
  const second = await run([proxyEvent("POST", routeOf(detector), { events: burst }), consoleSignIn()]);
  const answer = JSON.parse(second.results[0]?.body ?? "{}") as {
    results?: { anomaly: number; reasons: string[] }[];
  };
  const results = answer.results ?? [];
  // "first sign-in from this network" needs the week the first process stored: the user is established.
  if (
    !results[0]?.reasons.includes("first sign-in from this network (198.51.100.0/24)") ||
    results.at(-1)?.anomaly !== 1
  ) {
    problems.push(
      `${detector.name} events: the burst was not scored against the stored week: ${second.results[0]?.body}`,
    );
    return undefined;
  }
  const consoleAnswer = JSON.parse(second.results[1]?.body ?? "{}") as { user?: string };
  if (second.results[1]?.statusCode !== 200 || consoleAnswer.user !== "HIDDEN_DUE_TO_SECURITY_REASONS") {
    problems.push(
      `${detector.name} console sign-in: ${second.results[1]?.statusCode} ${second.results[1]?.body}`,
    );
    return undefined;
  }
  return `${detector.name}: sign-in events scored against the history in DynamoDB; a console sign-in from EventBridge scored`;
}

/** Three days of five-minute readings around 40 with a fixed wobble, and one far off at the end. */
function seriesStory(): { timestamps: number[]; values: number[] } {
  const start = Date.UTC(2026, 10, 25) / 1000;
  const n = 3 * 288;
  const timestamps = Array.from({ length: n }, (_, i) => start + i * 300);
  const values = timestamps.map((_, i) =>
    i === n - 1 ? 97 : 40 + 5 * Math.sin(i / 7) + ((i * 37) % 11) / 5,
  );
  return { timestamps, values };
}

/** Runs the series form of a bundle: its series model read from S3, one answer per point, the spike flagged. */
async function smokeSeries(
  detector: DetectorSpec,
  run: (events: readonly unknown[]) => Promise<{ results: ProxyResult[] }>,
  problems: string[],
): Promise<string | undefined> {
  const series = seriesStory();
  const { results } = await run([proxyEvent("POST", routeOf(detector), { series, resource: "smoke" })]);
  const answer = JSON.parse(results[0]?.body ?? "{}") as { results?: { anomaly: number }[]; model?: string };
  const points = answer.results ?? [];
  if (
    results[0]?.statusCode !== 200 ||
    points.length !== series.values.length ||
    points.at(-1)?.anomaly !== 1
  ) {
    problems.push(
      `${detector.name} series: status ${results[0]?.statusCode} ${results[0]?.body?.slice(0, 300)}`,
    );
    return undefined;
  }
  return `${detector.name}: a ${points.length}-point series scored by ${answer.model}, its last point flagged`;
}

/** Runs every detector bundle (seed examples) and the status bundle against local S3 and SNS. */
export async function smokeTestBundles(assemblyDir: string, template: StackTemplate): Promise<SmokeReport> {
  const lines: string[] = [];
  const problems: string[] = [];
  const workDir = mkdtempSync(join(tmpdir(), "helios-smoke-"));
  const servers = await startServers(mkdtempSync(join(workDir, "s3-")));
  try {
    const models = modelDeployment(assemblyDir, template);
    const s3 = new S3Client({
      region: REGION,
      endpoint: servers.s3,
      forcePathStyle: true,
      credentials: CREDENTIALS,
    });
    for (const file of readdirSync(models.folder)) {
      const body = readFileSync(join(models.folder, file));
      await s3.send(
        new PutObjectCommand({ Bucket: SMOKE_BUCKET, Key: `${models.prefix}${file}`, Body: body }),
      );
    }
    s3.destroy();
    const topics = Object.entries(template.Resources).filter(([, r]) => r.Type === "AWS::SNS::Topic");
    if (topics.length !== 1) throw new Error(`expected one SNS topic, found ${topics.length}`);
    const topicName = String(topics[0]![1].Properties?.TopicName);
    const alerts = await alertTopic(servers.sns, topicName);
    const tables = Object.entries(template.Resources).filter(([, r]) => r.Type === "AWS::DynamoDB::Table");
    if (tables.length !== 1) throw new Error(`expected one DynamoDB table, found ${tables.length}`);
    await stateTable(servers.dynamodb);
    const references = {
      [models.bucketRef]: SMOKE_BUCKET,
      [topics[0]![0]]: alerts.topicArn,
      [tables[0]![0]]: SMOKE_TABLE,
    };

    const functions = functionPackages(assemblyDir, template).filter((fn) => fn.runtime.startsWith("nodejs"));
    for (const detector of DETECTORS) {
      const key = `${models.prefix}${modelFileOf(detector)}`;
      const fn = functions.find((f) => readingModelKey(f.environment[ENV.models], detector) === key);
      if (!fn) {
        problems.push(`${detector.name}: no function reads ${key}`);
        continue;
      }
      const field = REQUEST_FIELDS[detector.input.kind].single;
      const events = [detector.examples.anomalous, detector.examples.normal].map((input) =>
        proxyEvent("POST", routeOf(detector), { [field]: input }),
      );
      const started = Date.now();
      try {
        const run = await invoke(
          fn,
          resolveEnvironment(fn.environment, references),
          events,
          servers,
          workDir,
        );
        const before = problems.length;
        checkDetector(detector, run.results, run.stdout, problems);
        if (problems.length === before)
          lines.push(
            `${detector.name}: seed examples decided 1 and 0 in ${Date.now() - started} ms (cold process)`,
          );
      } catch (error) {
        problems.push(`${detector.name}: ${(error as Error).message}`);
      }
    }

    const delivered = (await alerts.received()).map((body) => {
      const attributes = (JSON.parse(body) as { MessageAttributes?: { detector?: { Value?: string } } })
        .MessageAttributes;
      return attributes?.detector?.Value ?? "";
    });
    if (JSON.stringify(delivered.sort()) !== JSON.stringify(DETECTORS.map((d) => d.name).sort())) {
      problems.push(`expected one alert per detector on ${topicName}, got ${JSON.stringify(delivered)}`);
    } else {
      lines.push(`${topicName}: one alert per detector delivered`);
    }

    // The forms beyond the seed's: sign-in events, with their state in the table, and series, with
    // their own model (after the alerts are counted, so that theirs do not change the count).
    const formSmokes = { events: smokeSignInEvents, series: smokeSeries } as const;
    for (const detector of DETECTORS as readonly DetectorSpec[]) {
      const key = `${models.prefix}${modelFileOf(detector)}`;
      const fn = functions.find((f) => readingModelKey(f.environment[ENV.models], detector) === key);
      if (!fn) continue;
      for (const form of detector.forms) {
        try {
          const environment = resolveEnvironment(fn.environment, references);
          const line = await formSmokes[form.kind](
            detector,
            (events) => invoke(fn, environment, events, servers, workDir),
            problems,
          );
          if (line) lines.push(line);
        } catch (error) {
          problems.push(`${detector.name} ${form.kind}: ${(error as Error).message}`);
        }
      }
    }

    const status = functions.find((f) => typeof f.environment[ENV.detectorVersions] === "string");
    if (!status) problems.push("no status function");
    else {
      try {
        const environment = resolveEnvironment(status.environment, references);
        const run = await invoke(status, environment, [proxyEvent("GET", "/", undefined)], servers, workDir);
        const [result] = run.results;
        const versions = JSON.parse(environment[ENV.detectorVersions]!) as Record<string, string>;
        const body = result?.body ?? "";
        const missing = Object.entries(versions).filter(([, version]) => !body.includes(version));
        if (result?.statusCode !== 200 || missing.length > 0) {
          problems.push(`status: ${result?.statusCode} ${body.slice(0, 200)}`);
        } else lines.push("status: GET / lists every detector's model version");
      } catch (error) {
        problems.push(`status: ${(error as Error).message}`);
      }
    }
  } finally {
    await servers.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
  return { lines, problems };
}
