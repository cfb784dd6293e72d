import { createLambdaContext } from "../../lambdas/local/lambda-context";

describe("local Lambda context", () => {
  it("names the function and invocation as Lambda does", () => {
    const context = createLambdaContext({
      functionName: "helios-cpu-local",
      awsRequestId: "0f1e2d3c-aaaa-bbbb-cccc-000000000001",
      memoryLimitInMB: 1024,
      timeoutMs: 10_000,
      startedAt: 0,
    });
    expect(context.functionName).toBe("helios-cpu-local");
    expect(context.functionVersion).toBe("$LATEST");
    expect(context.memoryLimitInMB).toBe("1024");
    expect(context.awsRequestId).toBe("0f1e2d3c-aaaa-bbbb-cccc-000000000001");
    expect(context.invokedFunctionArn).toMatch(/^arn:aws:lambda:[^:]+:\d{12}:function:helios-cpu-local$/);
    expect(context.logGroupName).toBe("/aws/lambda/helios-cpu-local");
  });

  it("counts the remaining time down from the timeout and never below zero", () => {
    let now = 1_000;
    const context = createLambdaContext({
      functionName: "f",
      awsRequestId: "r",
      memoryLimitInMB: 128,
      timeoutMs: 3_000,
      startedAt: 1_000,
      now: () => now,
    });
    expect(context.getRemainingTimeInMillis()).toBe(3_000);
    now = 3_500;
    expect(context.getRemainingTimeInMillis()).toBe(500);
    now = 9_000;
    expect(context.getRemainingTimeInMillis()).toBe(0);
  });

  it("refuses the deprecated callback completions", () => {
    const context = createLambdaContext({
      functionName: "f",
      awsRequestId: "r",
      memoryLimitInMB: 1,
      timeoutMs: 1,
      startedAt: 0,
    });
    expect(() => context.succeed("x")).toThrow(/return a promise/);
  });
});
