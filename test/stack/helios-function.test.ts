/** HeliosFunction refuses an environment over Lambda's 4 KB before CloudFormation would. */
import { App, Duration, Stack, Token } from "aws-cdk-lib";
import { Architecture } from "aws-cdk-lib/aws-lambda";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { HANDLERS_DIR } from "../../lib/constructs/detector-function";
import {
  environmentBytes,
  HeliosFunction,
  LAMBDA_ENVIRONMENT_LIMIT_BYTES,
} from "../../lib/constructs/helios-function";

const build = (environment: Record<string, string>) => {
  const app = new App({ context: { "aws:cdk:bundling-stacks": [] } });
  return new HeliosFunction(new Stack(app, "Test"), "Fn", {
    entry: `${HANDLERS_DIR}/status.ts`,
    description: "test",
    environment,
    memorySize: 256,
    timeout: Duration.seconds(3),
    architecture: Architecture.X86_64,
    logRetention: RetentionDays.ONE_DAY,
  });
};

describe("environmentBytes", () => {
  it("counts keys and values in UTF-8 bytes, and an unresolved token as 256", () => {
    expect(environmentBytes({ AB: "cdé" })).toBe(2 + 4);
    expect(environmentBytes({ ARN: Token.asString({ Ref: "Topic" }) })).toBe(3 + 256);
  });
});

describe("HeliosFunction", () => {
  it("accepts an environment at the limit and refuses one byte more", () => {
    const name = "BIG";
    const fits = "x".repeat(LAMBDA_ENVIRONMENT_LIMIT_BYTES - name.length);
    expect(() => build({ [name]: fits })).not.toThrow();
    expect(() => build({ [name]: `${fits}x` })).toThrow(
      /environment is about 4097 bytes, over Lambda's 4096/,
    );
  });
});
