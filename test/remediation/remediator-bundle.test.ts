/**
 * The remediator as it is deployed: its handler bundled by the stack's own function construct
 * (esbuild, the SDK inside), run in a Node process of its own with only the environment Lambda
 * would give it, against the EC2 double on 127.0.0.1. It proves the bundle, its lazily loaded
 * adapters and the environment contract fit together, which the in-process tests cannot.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { INCIDENT_DETAIL_TYPE, WATCHER_EVENT_SOURCE } from "../../lambdas/remediation/incident-event";
import { REMEDIATION_ENV } from "../../lambdas/remediation/remediator-config";
import { ENV } from "../../lambdas/runtime/environment-names";
import { FileStateStore } from "../../lambdas/state/file-state-store";
import { HANDLERS_DIR } from "../../lib/constructs/detector-function";
import { bundleHandler } from "../stack/support/bundle";
import { type Ec2Double, startEc2Double } from "../support/ec2-double";

const INSTANCE = "i-0ccccccccccccccc1";
/** The bundle carries the EC2, SSM, SNS and DynamoDB clients; EC2's model is most of it. */
const BUNDLE_BUDGET_BYTES = 1_400 * 1024;

const folder = mkdtempSync(join(tmpdir(), "helios-remediator-bundle-"));
let ec2: Ec2Double;
let bundle: string;

beforeAll(async () => {
  ec2 = await startEc2Double({ [INSTANCE]: { "helios:remediate": "reboot" } });
  bundle = bundleHandler(join(folder, "cdk.out"), join(HANDLERS_DIR, "remediator.ts"));
}, 60_000);

afterAll(async () => {
  await ec2.close();
  rmSync(folder, { recursive: true, force: true });
});

it("stays within its size budget", () => {
  expect(readFileSync(bundle).length).toBeLessThan(BUNDLE_BUDGET_BYTES);
});

it("runs from its bundle alone: reads the tag, reboots, keeps its state and announces the report", async () => {
  const alertFile = join(folder, "alerts.jsonl");
  const stateFile = join(folder, "state.json");
  const eventFile = join(folder, "event.json");
  writeFileSync(
    eventFile,
    JSON.stringify({
      id: "bundle-event",
      source: WATCHER_EVENT_SOURCE,
      "detail-type": INCIDENT_DETAIL_TYPE,
      time: new Date().toISOString(),
      detail: {
        incidentId: "bundle-incident",
        stack: "HeliosStack",
        detector: "cpu",
        resource: INSTANCE,
        namespace: "AWS/EC2",
        metricName: "CPUUtilization",
        dimensions: { InstanceId: INSTANCE },
        start: new Date().toISOString(),
        value: 99,
        score: 1,
        expected: [5, 60],
      },
    }),
  );
  const reportFile = join(folder, "report.json");
  // The handler's stdout carries its log lines, so the report goes to a file.
  const run = `const fs = require("fs");
    require(process.argv[1]).handler(JSON.parse(fs.readFileSync(process.argv[2], "utf8")))
      .then((report) => fs.writeFileSync(process.argv[3], JSON.stringify(report)), (error) => { console.error(error); process.exit(1); });`;
  await promisify(execFile)(process.execPath, ["-e", run, bundle, eventFile, reportFile], {
    cwd: folder, // outside the repository: nothing resolves from its node_modules
    env: {
      PATH: process.env.PATH ?? "",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_ENDPOINT_URL_EC2: ec2.endpoint,
      [REMEDIATION_ENV.settings]: JSON.stringify({ mode: "act" }),
      [REMEDIATION_ENV.alarmNamePrefix]: "Helios",
      [ENV.alertSink]: "file",
      [ENV.alertFile]: alertFile,
      [ENV.stateStore]: "file",
      [ENV.stateFile]: stateFile,
    },
  });
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as Record<string, unknown>;
  expect(report).toMatchObject({ outcome: "acted", resource: INSTANCE, action: { kind: "reboot" } });
  expect(ec2.calls.map((c) => c.action)).toEqual(["DescribeTags", "RebootInstances"]);
  expect(JSON.parse(readFileSync(alertFile, "utf8")).subject).toBe(
    `Helios remediation: rebooted ${INSTANCE}`,
  );
  // The file store appends each write to its journal beside the snapshot (file-state-store.ts).
  const stored = await new FileStateStore(stateFile).read([`remediation#act#instance#${INSTANCE}`]);
  expect(stored.get(`remediation#act#instance#${INSTANCE}`)?.version).toBeGreaterThan(0);
});
