/**
 * cdk.json sets every feature flag a current `cdk init` sets, with the value it sets, so the synth
 * has no "N feature flags are not configured" notice and the stack is built the way new CDK apps
 * are. The list comes from the installed packages: upgrading aws-cdk-lib makes this fail until
 * cdk.json has the new flags.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CURRENTLY_RECOMMENDED_FLAGS } from "aws-cdk-lib/cx-api";
import { cdkJsonContext } from "./support/synth";

const ROOT = join(__dirname, "..", "..");
const readJson = (path: string) =>
  JSON.parse(readFileSync(join(ROOT, path), "utf8")) as Record<string, unknown>;

describe("cdk.json feature flags", () => {
  const context = cdkJsonContext();
  const recommended = CURRENTLY_RECOMMENDED_FLAGS as Record<string, unknown>;

  it("has every flag aws-cdk-lib recommends, at its recommended value", () => {
    expect(Object.keys(recommended).length).toBeGreaterThan(80);
    const wrong = Object.entries(recommended)
      .filter(([flag, value]) => JSON.stringify(context[flag]) !== JSON.stringify(value))
      .map(
        ([flag, value]) => `${flag}: ${JSON.stringify(context[flag])}, recommended ${JSON.stringify(value)}`,
      );
    expect(wrong).toEqual([]);
  });

  it("is exactly what the pinned CLI's cdk init writes, in its order", () => {
    const initFlags = readJson("node_modules/aws-cdk/lib/init-templates/.recommended-feature-flags.json");
    const sorted = Object.fromEntries(
      Object.keys(initFlags)
        .sort()
        .map((flag) => [flag, initFlags[flag]]),
    );
    const flagsInCdkJson = Object.fromEntries(Object.entries(context).filter(([key]) => key.startsWith("@")));
    expect(JSON.stringify(flagsInCdkJson)).toBe(JSON.stringify(sorted));
  });
});
