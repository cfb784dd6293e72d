/**
 * Security checks as tests (docs/security.md explains the threat model behind them):
 * - error bodies carry no stack trace, file path or internal error text, even for a fault of our
 *   own (a model that fails inside ONNX Runtime): the 500 names only the request id, the log
 *   keeps the reason;
 * - the local server binds loopback unless told otherwise, and says so when told otherwise;
 * - the body size limit holds through the handler as well as the server (the named-bad-inputs
 *   table sends 5 MB both ways; server.test.ts covers chunked uploads and 100-continue);
 * - no tracked file holds an AWS key, a private key or another secret;
 * - every IAM statement in the synthesized template has explicit actions and scoped resources,
 *   or an acknowledgement below that says why not (cdk-nag's acknowledgements in lib/ agree).
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { DETECTORS, getDetector, MAX_BODY_BYTES, routeOf } from "../../lambdas/catalog";
import { type LocalServer, startLocalServer } from "../../lambdas/local/server";
import { createDetectorRuntime, ENV } from "../../lambdas/runtime";
import { DEFAULT_SETTINGS } from "../../lib/settings/helios-settings";
import { flattenJoin, type SynthResult, synthHelios } from "../stack/support/synth";
import { lambdaContext, lineCollector, postEvent } from "../support/lambda-events";
import { writeFaultyModelDir } from "./support/faulty-model";
import { rawRequest } from "./support/raw-http";
import { leaksIn, safeErrorMessage } from "./support/safe-error-body";
import { SECRET_PATTERNS, secretsIn } from "./support/secret-patterns";

const ROOT = join(__dirname, "..", "..");
const cpu = getDetector("cpu");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "helios-security-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("error bodies", () => {
  it("the leak check itself finds a stack trace, a source path, a temp path and an error class", () => {
    const stack = new Error("boom").stack ?? "";
    expect(leaksIn(JSON.stringify({ error: stack }))).not.toEqual([]);
    expect(leaksIn(JSON.stringify({ error: `cannot read ${join(ROOT, "models", "cpu.onnx")}` }))).not.toEqual(
      [],
    );
    expect(leaksIn(JSON.stringify({ error: `see ${join(tmpdir(), "x.json")}` }))).not.toEqual([]);
    expect(leaksIn('{"error":"TypeError: x is not a function"}')).not.toEqual([]);
    expect(leaksIn('{"error":"\\"value\\" must be a finite number"}')).toEqual([]);
  });

  describe("a fault of our own at prediction time (the model fails inside ONNX Runtime)", () => {
    let modelDir: string;
    beforeAll(() => {
      modelDir = join(dir, "faulty-models");
      writeFaultyModelDir(modelDir, DETECTORS, cpu);
    });

    it("is a 500 naming only the request id; the reason goes to the log", async () => {
      const output = lineCollector();
      const runtime = createDetectorRuntime(cpu, {
        env: { [ENV.modelDir]: modelDir, [ENV.alertFile]: join(dir, "alerts.jsonl"), [ENV.metrics]: "log" },
        writeLine: output.write,
      });
      const failed = await runtime.handler(postEvent(routeOf(cpu), { value: 95 }), lambdaContext("req-500"));
      expect(failed.statusCode).toBe(500);
      expect(safeErrorMessage(failed.body)).toBe("internal error; quote request id req-500");
      const logged = output.lines.find((l) => l.message === "unexpected failure");
      expect(logged).toMatchObject({ level: "error", requestId: "req-500", detector: "cpu" });
      expect(String(logged?.reason)).toMatch(/Reshape/); // ORT's words stay in the log
      // The same model answers three readings: the input was fine, the fault was ours.
      const batch = await runtime.handler(postEvent(routeOf(cpu), { values: [10, 20, 30] }), lambdaContext());
      expect(batch.statusCode).toBe(200);
    });

    it("is the same clean 500 over HTTP", async () => {
      const spy = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
      const server = await startLocalServer({ port: 0, modelDir, alertFile: join(dir, "http-alerts.jsonl") });
      try {
        const response = await rawRequest(server.url, {
          method: "POST",
          path: routeOf(cpu),
          headers: { "Content-Type": "application/json" },
          body: '{"value": 95}',
        });
        expect(response.status).toBe(500);
        expect(safeErrorMessage(response.text)).toBe(
          `internal error; quote request id ${response.headers["x-amzn-requestid"]}`,
        );
      } finally {
        await server.close();
        spy.mockRestore();
      }
    });
  });
});

describe("the local server's address", () => {
  /** A non-loopback IPv4 address of this machine, if it has one. */
  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

  /** Resolves true when a TCP connection to host:port is accepted. */
  const accepts = (host: string, port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, host);
      socket.setTimeout(1_000, () => socket.destroy());
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
      socket.once("close", () => resolve(false));
    });

  it("is loopback when no host is given: reachable on 127.0.0.1, not on the machine's other addresses", async () => {
    const spy = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    let server: LocalServer | undefined;
    try {
      server = await startLocalServer({ port: 0, alertFile: join(dir, "a.jsonl") });
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(await accepts("127.0.0.1", server.port)).toBe(true);
      if (external) expect(await accepts(external, server.port)).toBe(false);
    } finally {
      await server?.close();
      spy.mockRestore();
    }
  });

  /** Runs `npm start`'s program with `env`, returns its banner, and stops it. */
  async function banner(env: Record<string, string>): Promise<string[]> {
    // Only what a user's shell would have: none of the settings this file's servers put in process.env.
    const childEnv = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name !== "HOST" && !name.startsWith("HELIOS_")),
    );
    const child: ChildProcessWithoutNullStreams = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "lambdas", "local", "main.ts")],
      { cwd: ROOT, env: { ...childEnv, PORT: "0", HELIOS_ALERT_FILE: join(dir, "b.jsonl"), ...env } },
    );
    const exited = once(child, "exit");
    try {
      let output = "";
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          // The banner is one write; anything after "API document" would be a request log line.
          if (output.includes("API document:")) setTimeout(resolve, 100);
        });
        exited.then(() => reject(new Error(`exited before listening: ${output}`)));
      });
      const lines = output.split("\n").filter(Boolean);
      const port = Number(/listening on http:\/\/[^\s]+:(\d+)$/.exec(lines[0] ?? "")?.[1]);
      if (external && env.HOST === "0.0.0.0") expect(await accepts(external, port)).toBe(true);
      return lines;
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  }

  it("npm start's program binds 127.0.0.1 without HOST, and warns when HOST opens it up", async () => {
    const [quiet, open] = await Promise.all([banner({}), banner({ HOST: "0.0.0.0" })]);
    expect(quiet[0]).toMatch(/^Helios local mode listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(quiet.join("\n")).not.toContain("WARNING");
    expect(open[0]).toMatch(/^Helios local mode listening on http:\/\/0\.0\.0\.0:\d+$/);
    expect(open).toContain(
      "  WARNING: bound to 0.0.0.0, not loopback: anyone who can reach it can call the API",
    );
  });
});

describe("the body size limit", () => {
  it("holds in the handler whatever the encoding, so a gateway without one cannot let more through", async () => {
    const runtime = createDetectorRuntime(cpu, {
      env: { [ENV.alertFile]: join(dir, "limit.jsonl"), [ENV.metrics]: "log" },
      writeLine: () => undefined,
    });
    const justOver = `{"value": 95${" ".repeat(MAX_BODY_BYTES)}}`;
    const plain = await runtime.handler(postEvent(routeOf(cpu), justOver), lambdaContext());
    const base64 = await runtime.handler(
      postEvent(routeOf(cpu), Buffer.from(justOver).toString("base64"), { isBase64Encoded: true }),
      lambdaContext(),
    );
    for (const result of [plain, base64]) {
      expect(result.statusCode).toBe(413);
      expect(safeErrorMessage(result.body)).toContain(`the limit is ${MAX_BODY_BYTES} bytes`);
    }
    const atLimit = `{"value": 95${" ".repeat(MAX_BODY_BYTES - 13)}}`;
    expect(Buffer.byteLength(atLimit)).toBe(MAX_BODY_BYTES);
    expect((await runtime.handler(postEvent(routeOf(cpu), atLimit), lambdaContext())).statusCode).toBe(200);
  });
});

describe("secrets", () => {
  it.each(SECRET_PATTERNS.map((p) => [p.name, p] as const))(
    "the %s pattern finds its sample",
    (_n, pattern) => {
      expect(secretsIn(`x ${pattern.sample} y`)).toContain(pattern.name);
    },
  );

  it("no tracked file holds an AWS key, a private key or another secret", () => {
    const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT })
      .toString()
      .split("\0")
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(50);
    const found: string[] = [];
    let scanned = 0;
    for (const file of files) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(ROOT, file));
      } catch {
        continue; // deleted in the working tree
      }
      if (bytes.includes(0)) continue; // binary (the .onnx models)
      scanned += 1;
      for (const name of secretsIn(bytes.toString("utf8"))) found.push(`${file}: ${name}`);
    }
    expect(scanned).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });
});

/** A statement of any policy document in the template. */
interface Statement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: string | string[];
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: Record<string, unknown>;
}

/** A statement, with where it was found. */
interface FoundStatement {
  readonly where: string;
  readonly type: string;
  readonly statement: Statement;
}

/**
 * Allow statements that may have a wildcard action or resource, and why. Each must be used, so
 * that the list shrinks when the template does.
 */
const ACKNOWLEDGED: readonly {
  readonly reason: string;
  readonly matches: (found: FoundStatement) => boolean;
}[] = [
  {
    reason:
      "X-Ray's PutTraceSegments and PutTelemetryRecords (active tracing on every function) have no resource-level permissions",
    matches: ({ type, statement }) =>
      type === "AWS::IAM::Policy" &&
      sameSet(actionsOf(statement), ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]),
  },
  {
    reason:
      'The alert key\'s default key policy: the account keeps administering its own key (without it the key becomes unmanageable); in a key policy "*" means this key',
    matches: ({ type, statement }) =>
      type === "AWS::KMS::Key" &&
      sameSet(actionsOf(statement), ["kms:*"]) &&
      JSON.stringify(statement.Principal).includes(":root"),
  },
  {
    reason:
      'CloudWatch alarms named Helios* in this account may encrypt to the alert topic; in a key policy "*" means this key',
    matches: ({ type, statement }) =>
      type === "AWS::KMS::Key" &&
      statement.Sid === "HeliosAlarmsEncrypt" &&
      JSON.stringify(statement.Condition).includes(":alarm:Helios"),
  },
  {
    reason:
      "CDK's BucketDeployment provider (runs only during deployments) reads the models asset from the bootstrap bucket and writes the model bucket; its grants are CDK's own (acknowledged to cdk-nag in lib/constructs/model-store.ts)",
    matches: ({ where, type }) =>
      type === "AWS::IAM::Policy" && where.startsWith("CustomCDKBucketDeployment"),
  },
];

/** AWS managed policies attached anywhere, and why. */
const ACKNOWLEDGED_MANAGED_POLICIES: Readonly<Record<string, string>> = {
  "service-role/AWSLambdaBasicExecutionRole":
    "CDK's BucketDeployment provider writes its logs (deploy time only; acknowledged to cdk-nag in model-store.ts)",
  "service-role/AmazonAPIGatewayPushToCloudWatchLogs":
    "the account-level role API Gateway uses for execution logs (acknowledged to cdk-nag in helios-api.ts)",
};

function actionsOf(statement: Statement): string[] {
  const action = statement.Action;
  return action === undefined ? [] : Array.isArray(action) ? action : [action];
}
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}
function resourcesOf(statement: Statement): unknown[] {
  const resource = statement.Resource;
  return resource === undefined ? [] : Array.isArray(resource) ? resource : [resource];
}
/** "*", or an ARN whose resource part is only a wildcard (e.g. arn:aws:s3:::*). */
function isUnscoped(resource: unknown): boolean {
  const text = flattenJoin(resource);
  return text === "*" || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(text) || /^arn:[^:]*:s3:::\*$/.test(text);
}

/** Every policy document statement anywhere in the template's resource properties. */
function allStatements(resources: Record<string, { Type: string; Properties?: unknown }>): FoundStatement[] {
  const found: FoundStatement[] = [];
  const visit = (value: unknown, where: string, type: string) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, where, type);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const statements = (value as { Statement?: unknown }).Statement;
    if (Array.isArray(statements)) {
      for (const statement of statements) found.push({ where, type, statement: statement as Statement });
      return;
    }
    for (const child of Object.values(value)) visit(child, where, type);
  };
  for (const [id, resource] of Object.entries(resources)) visit(resource.Properties, id, resource.Type);
  return found;
}

describe("IAM in the synthesized template", () => {
  let synth: SynthResult;
  let resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  let statements: FoundStatement[];

  beforeAll(() => {
    synth = synthHelios();
    resources = synth.template.toJSON().Resources;
    statements = allStatements(resources);
  });
  afterAll(() => synth?.cleanup());

  it("has policy statements to check (roles, bucket, topic and key policies)", () => {
    const types = new Set(statements.map((s) => s.type));
    for (const type of [
      "AWS::IAM::Role",
      "AWS::IAM::Policy",
      "AWS::S3::BucketPolicy",
      "AWS::SNS::TopicPolicy",
      "AWS::KMS::Key",
    ]) {
      expect(types).toContain(type);
    }
  });

  it("uses no NotAction, NotResource or NotPrincipal (they grant by omission)", () => {
    const negated = statements.filter(({ statement }) =>
      ["NotAction", "NotResource", "NotPrincipal"].some((key) => key in statement),
    );
    expect(negated.map((s) => s.where)).toEqual([]);
  });

  it("gives every Allow explicit actions and scoped resources, or an acknowledged reason", () => {
    const used = new Set<number>();
    const unacknowledged: string[] = [];
    for (const found of statements) {
      const { statement, where } = found;
      if (statement.Effect !== "Allow") continue; // a Deny only takes away (e.g. the TLS-only rules)
      if (found.type === "AWS::IAM::Role" && actionsOf(statement).every((a) => a === "sts:AssumeRole"))
        continue;
      const wildcardActions = actionsOf(statement).filter((a) => a.includes("*"));
      // Resource policies (bucket, topic, key) apply to their own resource; identity policies must name theirs.
      const unscoped = resourcesOf(statement).filter(isUnscoped);
      if (wildcardActions.length === 0 && unscoped.length === 0) continue;
      const index = ACKNOWLEDGED.findIndex((ack) => ack.matches(found));
      if (index < 0) unacknowledged.push(`${where}: ${JSON.stringify(statement)}`);
      else used.add(index);
    }
    expect(unacknowledged).toEqual([]);
    const unused = ACKNOWLEDGED.filter((_, i) => !used.has(i)).map((ack) => ack.reason);
    expect(unused).toEqual([]);
  });

  it("lets no Allow in a resource policy name everyone as principal", () => {
    const open = statements.filter(
      ({ statement }) =>
        statement.Effect === "Allow" &&
        (statement.Principal === "*" || JSON.stringify(statement.Principal) === '{"AWS":"*"}'),
    );
    expect(open.map((s) => s.where)).toEqual([]);
  });

  it("trusts only AWS services to assume the roles", () => {
    const trusts = statements.filter(
      ({ type, statement }) => type === "AWS::IAM::Role" && statement.Principal,
    );
    expect(trusts.length).toBeGreaterThan(DETECTORS.length);
    for (const { statement } of trusts) {
      expect(actionsOf(statement)).toEqual(["sts:AssumeRole"]);
      expect(Object.keys(statement.Principal as object)).toEqual(["Service"]);
    }
  });

  it("attaches only acknowledged AWS managed policies", () => {
    const attached = Object.values(resources).flatMap((r) =>
      ((r.Properties?.ManagedPolicyArns as unknown[] | undefined) ?? []).map((arn) => flattenJoin(arn)),
    );
    const names = attached.map((arn) => arn.replace(/^arn:<Ref AWS::Partition>:iam::aws:policy\//, ""));
    expect(names.filter((name) => !(name in ACKNOWLEDGED_MANAGED_POLICIES))).toEqual([]);
    expect([...new Set(names)].sort()).toEqual(Object.keys(ACKNOWLEDGED_MANAGED_POLICIES).sort());
  });

  it("lets API Gateway invoke each function only from its own method and path", () => {
    const all = Object.values(resources).filter((r) => r.Type === "AWS::Lambda::Permission");
    // Besides API Gateway, only the console sign-in rule invokes a function (console-sign-ins.test.ts).
    const others = all.filter((p) => p.Properties?.Principal !== "apigateway.amazonaws.com");
    expect(others.map((p) => [p.Properties?.Principal, flattenJoin(p.Properties?.SourceArn)])).toEqual([
      ["events.amazonaws.com", expect.stringMatching(/^<GetAtt ConsoleSignInsRule\w+\.Arn>$/)],
    ]);
    const permissions = all.filter((p) => p.Properties?.Principal === "apigateway.amazonaws.com");
    expect(permissions).toHaveLength(DETECTORS.length + 1);
    const routes = permissions.map((p) => {
      expect(p.Properties?.Action).toBe("lambda:InvokeFunction");
      expect(p.Properties?.Principal).toBe("apigateway.amazonaws.com");
      const sourceArn = flattenJoin(p.Properties?.SourceArn);
      expect(sourceArn).toMatch(
        /^arn:<Ref AWS::Partition>:execute-api:<Ref AWS::Region>:<Ref AWS::AccountId>:<Ref Api\w+>\/<Ref Api\w*Stage\w+>\//,
      );
      return sourceArn.replace(/^.*?\/[^/]*\//, "/"); // drop the API id and stage
    });
    expect(routes.sort()).toEqual(["/GET/", ...DETECTORS.map((d) => `/POST${routeOf(d)}`)].sort());
  });
});

describe("docs/security.md", () => {
  const doc = readFileSync(join(ROOT, "docs", "security.md"), "utf8");
  const count = (n: number) => n.toLocaleString("en-US");

  it("states the limits and defaults the code has", () => {
    expect(doc).toContain(`1 MiB (${count(MAX_BODY_BYTES)} bytes)`);
    for (const detector of DETECTORS) {
      if (detector.input.kind === "text") {
        expect(doc).toContain(`Texts are capped at ${detector.input.maxBytes / 1024} KiB of UTF-8`);
        expect(doc).toContain(`(${count(detector.maxBatchItems)} texts)`);
      } else {
        expect(doc).toContain(`batches at ${count(detector.maxBatchItems)} items`);
      }
    }
    expect(doc).toContain(
      `(${DEFAULT_SETTINGS.throttleRateLimit} req/s, burst ${DEFAULT_SETTINGS.throttleBurstLimit} by default)`,
    );
    expect(doc).toContain(`kept ${DEFAULT_SETTINGS.logRetentionDays} days by default`);
  });

  it("counts the IAM acknowledgements this file holds", () => {
    const words = ["zero", "one", "two", "three", "four", "five", "six"];
    expect(doc).toMatch(new RegExp(`one of\\s+${words[ACKNOWLEDGED.length]}\\s+written\\s+acknowledgements`));
  });
});
