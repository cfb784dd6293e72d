/**
 * The AWS paths over real protocol servers on 127.0.0.1: the model read from s3rver (S3 REST over
 * HTTP) and the alert published to fauxqs (SNS Query API over HTTP, delivered to a subscribed SQS
 * queue). The SDK finds them through AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_SNS, as it would any
 * endpoint override; credentials and region are dummies.
 */
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { getDetector, routeOf } from "../../lambdas/catalog";
import { createDetectorRuntime, ENV } from "../../lambdas/runtime";
import {
  s3ModelsVariable,
  s3RuntimeEnvironment,
  saveAwsEnvironment,
  useDummyAwsEnvironment,
} from "../support/aws-environment";
import { type FauxqsServer, queuedBodies, sqsCall, startFauxqsServer } from "../support/fauxqs-server";
import { fixtureEntry, fixtureModelBytes } from "../support/fixture-models";
import { lambdaContext, lineCollector, postEvent } from "../support/lambda-events";
import { type S3rverServer, startS3rver } from "../support/s3rver-server";

const cpu = getDetector("cpu");
const bytes = fixtureModelBytes(cpu);
const entry = fixtureEntry(cpu, bytes);
const BUCKET = "helios-models";

const restoreAwsEnvironment = saveAwsEnvironment();

let s3rver: S3rverServer;
let fauxqs: FauxqsServer;

beforeAll(async () => {
  [s3rver, fauxqs] = await Promise.all([startS3rver([BUCKET]), startFauxqsServer()]);
  useDummyAwsEnvironment({ AWS_ENDPOINT_URL_S3: s3rver.endpoint, AWS_ENDPOINT_URL_SNS: fauxqs.address });
  const s3 = new S3Client({ forcePathStyle: true });
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "models/cpu.onnx", Body: bytes }));
  const tampered = Uint8Array.from(bytes);
  tampered[tampered.length - 1] ^= 0xff;
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "models/tampered.onnx", Body: tampered }));
  s3.destroy();
});

afterAll(async () => {
  restoreAwsEnvironment();
  await Promise.all([s3rver?.stop(), fauxqs?.stop()]);
});

function runtimeWith(env: Record<string, string>) {
  const output = lineCollector();
  const runtime = createDetectorRuntime(cpu, {
    env: { ...s3RuntimeEnvironment(BUCKET, "models/cpu.onnx", entry), ...env },
    writeLine: output.write,
  });
  const call = async (body: unknown) => {
    const result = await runtime.handler(postEvent(routeOf(cpu), body), lambdaContext("req-wire"));
    return { status: result.statusCode, json: JSON.parse(result.body) as Record<string, unknown> };
  };
  return { call, lines: output.lines };
}

describe("over the wire", () => {
  it("reads the model from s3rver and refuses a tampered object there", async () => {
    const good = runtimeWith({});
    expect(await good.call({ value: 95 })).toEqual({
      status: 200,
      json: { cpu_value: 95, anomaly: 1, score: 0.95, model: `cpu@${entry.modelVersion}` },
    });
    expect(good.lines.find((l) => l.message === "model loaded")?.origin).toBe(
      `s3://${BUCKET}/models/cpu.onnx`,
    );

    const tampered = runtimeWith(s3ModelsVariable("cpu", "models/tampered.onnx", entry));
    expect((await tampered.call({ value: 95 })).status).toBe(503);
    expect(tampered.lines.find((l) => l.message === "model unavailable")?.reason).toMatch(
      /checksum mismatch/,
    );

    const missing = runtimeWith(s3ModelsVariable("cpu", "models/none.onnx", entry));
    expect((await missing.call({ value: 95 })).status).toBe(503);
    expect(missing.lines.find((l) => l.message === "model unavailable")?.reason).toMatch(/NoSuchKey/);
  });

  it("publishes the alert to fauxqs's SNS topic, delivered with subject and detector attribute", async () => {
    const sns = new SNSClient({});
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "HeliosAlerts" }));
    const { QueueUrl } = await sqsCall(fauxqs.address, "CreateQueue", { QueueName: "alerts" });
    const { Attributes } = (await sqsCall(fauxqs.address, "GetQueueAttributes", {
      QueueUrl,
      AttributeNames: ["QueueArn"],
    })) as { Attributes: { QueueArn: string } };
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: Attributes.QueueArn }));
    sns.destroy();

    const { call, lines } = runtimeWith({ [ENV.alertSink]: "sns", [ENV.alertTopicArn]: TopicArn! });
    expect((await call({ value: 40 })).json.anomaly).toBe(0);
    expect((await call({ values: [95, 99, 10] })).json.results).toHaveLength(3);
    expect(lines.find((l) => l.message === "alert not delivered; logged here instead")).toBeUndefined();

    const bodies = await queuedBodies(fauxqs.address, "alerts");
    expect(bodies).toHaveLength(1);
    const envelope = JSON.parse(bodies[0]!) as {
      Subject: string;
      Message: string;
      MessageAttributes: Record<string, { Type: string; Value: string }>;
    };
    expect(envelope.Subject).toBe("Helios: 2 cpu anomalies in a batch");
    expect(envelope.MessageAttributes.detector).toEqual({ Type: "String", Value: "cpu" });
    // The message structure went over the wire. fauxqs 1.9.2 does not apply MessageStructure and
    // delivers the structure itself; real SNS gives this SQS subscriber its `default` entry, and
    // email subscribers its `email` entry.
    const structure = JSON.parse(envelope.Message) as { default: string; email: string };
    expect(structure.email).toMatch(/^Helios flagged 2 of 3 cpu utilisation readings in one batch\.\n/);
    expect(structure.email).toContain("#0: 95 percent, score 0.95");
    expect(JSON.parse(structure.default)).toMatchObject({
      detector: "cpu",
      count: 2,
      batchSize: 3,
      requestId: "req-wire",
      anomalies: [
        { index: 0, input: 95 },
        { index: 1, input: 99 },
      ],
    });
  });
});
