/**
 * The watcher as it is deployed: its handler bundled by the stack's own function construct
 * (esbuild, the SDK inside, onnxruntime-node left to the layer), run in a Node process of its own
 * with only the environment Lambda would give it (onnxruntime from the module path, as the layer
 * provides it), against the CloudWatch and EC2 doubles and with the model from models/.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ENV } from "../../lambdas/runtime/environment-names";
import { REPO_ROOT } from "../../lambdas/runtime/repo-paths";
import { serializePlan } from "../../lambdas/watcher/watch-config";
import { WATCHER_ENV } from "../../lambdas/watcher/watcher-environment";
import { HANDLERS_DIR } from "../../lib/constructs/detector-function";
import { ONNXRUNTIME_PACKAGES } from "../../lib/constructs/onnxruntime-layer";
import { bundleHandler } from "../stack/support/bundle";
import { type CloudWatchDouble, startCloudWatchDouble } from "../support/cloudwatch-double";
import { type Ec2Double, startEc2Double } from "../support/ec2-double";
import { DAY, EC2_CPU, T0 } from "../support/watch-fixtures";

/** The bundle carries the CloudWatch, EC2, SNS, S3 and EventBridge clients; EC2's model is most of it. */
const BUNDLE_BUDGET_BYTES = 1_600 * 1024;
const INSTANCE = EC2_CPU.dimensions.InstanceId!;

const folder = mkdtempSync(join(tmpdir(), "helios-watcher-bundle-"));
let cloudwatch: CloudWatchDouble;
let ec2: Ec2Double;
let bundle: string;

beforeAll(async () => {
  cloudwatch = await startCloudWatchDouble();
  ec2 = await startEc2Double({ [INSTANCE]: { helios: "watch" } });
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let t = T0 - 7 * DAY; t <= T0 - 600; t += 300) {
    timestamps.push(t);
    values.push(t === T0 - 600 ? 98 : 35 + 12 * Math.sin((2 * Math.PI * (t % DAY)) / DAY));
  }
  cloudwatch.series.push({ ...EC2_CPU, timestamps, values });
  bundle = bundleHandler(join(folder, "cdk.out"), join(HANDLERS_DIR, "watcher.ts"), {
    externalModules: [...ONNXRUNTIME_PACKAGES],
  });
}, 60_000);

afterAll(async () => {
  await cloudwatch.stop();
  await ec2.close();
  rmSync(folder, { recursive: true, force: true });
});

it("stays within its size budget", () => {
  expect(readFileSync(bundle).length).toBeLessThan(BUNDLE_BUDGET_BYTES);
});

it("runs from its bundle alone: discovers, reads, scores with the model and alerts", async () => {
  const alertFile = join(folder, "alerts.jsonl");
  const summaryFile = join(folder, "summary.json");
  // The handler's stdout carries its log and EMF lines, so the summary goes to a file.
  const run = `const fs = require("fs");
    require(process.argv[1]).handler({ scheduledTime: process.argv[2] }, { getRemainingTimeInMillis: () => 60000 })
      .then((summary) => fs.writeFileSync(process.argv[3], JSON.stringify(summary)), (error) => { console.error(error); process.exit(1); });`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["-e", run, bundle, new Date((T0 + 42) * 1000).toISOString(), summaryFile],
    {
      cwd: folder, // outside the repository: nothing resolves from its node_modules but onnxruntime
      env: {
        PATH: process.env.PATH ?? "",
        NODE_PATH: join(REPO_ROOT, "node_modules"), // what the onnxruntime layer provides on Lambda
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "local",
        AWS_SECRET_ACCESS_KEY: "local",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_ENDPOINT_URL_CLOUDWATCH: cloudwatch.endpoint,
        AWS_ENDPOINT_URL_EC2: ec2.endpoint,
        [WATCHER_ENV.plan]: serializePlan({
          metrics: [],
          tag: { key: "helios", value: "watch" },
          scheduleSeconds: 300,
          historySeconds: 7 * DAY,
        }),
        [ENV.modelDir]: join(REPO_ROOT, "models"),
        [ENV.alertSink]: "file",
        [ENV.alertFile]: alertFile,
        [ENV.metrics]: "emf",
      },
    },
  );
  expect(JSON.parse(readFileSync(summaryFile, "utf8"))).toMatchObject({
    metrics: 1,
    instances: 1,
    incidents: 1,
    alerted: true,
  });
  expect(JSON.parse(readFileSync(alertFile, "utf8")).subject).toBe(
    `Helios watcher: 1 new incident on ${INSTANCE}`,
  );
  const emf = stdout
    .split("\n")
    .filter((l) => l.includes('"_aws"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(emf).toEqual([expect.objectContaining({ Detector: "cpu", Predictions: 1, Anomalies: 1 })]);
});
