// Stands in for the Lambda Node.js runtime in a fresh process: loads a function bundle (Lambda's
// init phase), then sends it one API Gateway event (the first invoke), and reports the phase
// times on file descriptor 3. Plain JavaScript, so that nothing but Node itself runs before the
// bundle. stdout is captured (Lambda ships it to CloudWatch): the runtime's "model loaded" log line
// carries the model load's own phase times.
// With a delay, the first invoke comes that many ms after the init phase (a provisioned or
// pre-warmed container), so what the init phase got done shows in the first invoke's time.
// Usage: node cold-start-runner.cjs <bundle.js> <export> <event JSON> [delay ms] | node cold-start-runner.cjs --empty
"use strict";
const { writeSync } = require("node:fs");

const nodeBootMs = performance.now(); // since the process started
const [modulePath, exportName, eventJson, delayArg] = process.argv.slice(2);
const invokeDelayMs = Number(delayArg ?? 0);

function report(fields) {
  writeSync(3, `${JSON.stringify({ nodeBootMs, ...fields })}\n`);
  process.exit(0);
}

if (modulePath === "--empty") report({});

const captured = [];
process.stdout.write = (chunk) => {
  captured.push(String(chunk));
  return true;
};

const handler = require(modulePath)[exportName];
const moduleLoadedAt = performance.now();
const context = {
  awsRequestId: "cold-start",
  functionName: "helios-bench",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:helios-bench",
  memoryLimitInMB: "1024",
  logGroupName: "/aws/lambda/helios-bench",
  logStreamName: "bench",
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10000,
};
const invokedAt = () => new Promise((resolve) => setTimeout(resolve, invokeDelayMs));
invokedAt()
  .then(() => {
    const started = performance.now();
    return handler(JSON.parse(eventJson), context).then((result) => ({ result, started }));
  })
  .then(
    ({ result, started }) => {
      const answeredAt = performance.now();
      const modelLoaded = captured
        .join("")
        .split("\n")
        .filter((line) => line.includes('"model loaded"'))
        .map((line) => JSON.parse(line))[0];
      report({
        moduleLoadMs: moduleLoadedAt - nodeBootMs,
        firstInvokeMs: answeredAt - started,
        statusCode: result.statusCode,
        body: result.body,
        modelLoad: modelLoaded
          ? {
              readMs: modelLoaded.readMs,
              verifyMs: modelLoaded.verifyMs,
              sessionCreateMs: modelLoaded.sessionCreateMs,
            }
          : undefined,
        log: modelLoaded ? undefined : captured.join("").slice(0, 2000),
      });
    },
    (error) => {
      writeSync(3, `${JSON.stringify({ error: String(error?.stack ?? error) })}\n`);
      process.exit(1);
    },
  );
