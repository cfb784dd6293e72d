/**
 * Lambda awaits the alert publish and the model download, so both must give up on a server that
 * accepts the connection and never answers. The adapters' own client options are used with the
 * timeouts scaled down (the defaults are seconds), against such a server on 127.0.0.1.
 */
import { createServer, type Server, type Socket } from "node:net";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SNS_CLIENT_OPTIONS, SnsAlertSink } from "../../lambdas/alerts/sns-alert-sink";
import { getDetector } from "../../lambdas/catalog";
import { S3_CLIENT_OPTIONS, S3ModelSource } from "../../lambdas/model-source/s3-model-source";
import { fixtureEntry, fixtureModelBytes } from "../support/fixture-models";

let server: Server;
let endpoint: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const clientBase = {
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
};

function scaled<T extends { requestHandler: object }>(options: T) {
  return {
    ...options,
    requestHandler: { ...options.requestHandler, connectionTimeout: 100, requestTimeout: 250 },
  };
}

describe("AWS client timeouts", () => {
  it("an SNS publish to a silent server fails within its retry budget instead of hanging", async () => {
    const client = new SNSClient({ ...clientBase, ...scaled(SNS_CLIENT_OPTIONS), endpoint });
    const sink = new SnsAlertSink("arn:aws:sns:us-east-1:000000000000:HeliosAlerts", client);
    const started = performance.now();
    await expect(
      sink.publish({ subject: "Helios: cpu anomaly", detector: "cpu", message: {}, text: "cpu anomaly" }),
    ).rejects.toMatchObject({
      name: "TimeoutError",
    });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(SNS_CLIENT_OPTIONS.maxAttempts * 250 - 50);
    expect(elapsed).toBeLessThan(3_000);
    client.destroy();
  });

  it("a model download from a silent server fails with a clear message instead of hanging", async () => {
    const cpu = getDetector("cpu");
    const client = new S3Client({
      ...clientBase,
      ...scaled(S3_CLIENT_OPTIONS),
      endpoint,
      forcePathStyle: true,
    });
    const source = new S3ModelSource(
      {
        bucket: "helios-models",
        key: "models/cpu.onnx",
        entry: fixtureEntry(cpu, fixtureModelBytes(cpu)),
      },
      client,
    );
    const started = performance.now();
    await expect(source.read()).rejects.toThrow(
      /^cannot read s3:\/\/helios-models\/models\/cpu.onnx: TimeoutError/,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    client.destroy();
  });
});
