/** AWS console sign-ins (recorded samples in the documented shape) mapped to sign-in events. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { consoleSignInEvent, isConsoleSignIn } from "../../../lambdas/detection/login/console-sign-in";

const FOLDER = join(__dirname, "..", "..", "fixtures", "console-sign-in");
const sample = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FOLDER, name), "utf8"));

function mapped(name: string) {
  const checked = consoleSignInEvent(sample(name));
  if (!checked.ok) throw new Error(checked.problem);
  return checked.value;
}

describe("console sign-in mapping", () => {
  it("reads every recorded sample", () => {
    const names = readdirSync(FOLDER).filter((n) => n.endsWith(".json"));
    expect(names).toHaveLength(8);
    for (const name of names)
      expect([name, isConsoleSignIn(sample(name)), consoleSignInEvent(sample(name)).ok]).toEqual([
        name,
        true,
        true,
      ]);
  });

  it("maps an IAM user's success, with and without MFA", () => {
    expect(mapped("iam-user-success-no-mfa.json")).toMatchObject({
      user: "111122223333/Anaya",
      time: "2026-11-20T09:12:40Z",
      sourceIp: "198.51.100.24",
      success: true,
      mfa: false,
      userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    });
    expect(mapped("iam-user-success-mfa.json")).toMatchObject({
      user: "111122223333/Anaya",
      success: true,
      mfa: true,
    });
  });

  it("keeps a failure (which carries no ARN) in the same user's history as the successes", () => {
    expect(mapped("iam-user-failure.json")).toMatchObject({
      user: "111122223333/Anaya",
      success: false,
      mfa: false,
    });
  });

  it("keeps AWS's placeholder for an unknown user name, so the detector judges it by its address", () => {
    expect(mapped("hidden-user-failure.json")).toMatchObject({
      user: "HIDDEN_DUE_TO_SECURITY_REASONS",
      success: false,
      sourceIp: "203.0.113.77",
      userAgent: "python-requests/2.32.3",
    });
  });

  it("names the root user and an assumed-role session by account", () => {
    expect(mapped("root-success-mfa.json")).toMatchObject({
      user: "111122223333/root",
      success: true,
      mfa: true,
    });
    expect(mapped("root-failure.json")).toMatchObject({ user: "111122223333/root", success: false });
    expect(mapped("assumed-role-federated-success.json")).toMatchObject({
      user: "111122223333/AdminAccess/mateo@example.com",
      success: true,
      mfa: false,
    });
  });

  it("reads an IPv6 source and the detail-type spelt 'Signin'", () => {
    expect(mapped("iam-user-success-ipv6-regional.json")).toMatchObject({
      sourceIp: "2001:db8:4006:812::200e",
      address: { family: 6, network: "2001:0db8:4006::/48" },
    });
  });

  it("refuses what is not a console sign-in, or names what it lacks", () => {
    const good = sample("iam-user-success-mfa.json");
    const detail = good.detail as Record<string, unknown>;
    expect(isConsoleSignIn({ ...good, source: "aws.iam" })).toBe(false);
    expect(isConsoleSignIn({ ...good, detail: { ...detail, eventName: "GetSigninToken" } })).toBe(false);
    expect(consoleSignInEvent({ ...good, "detail-type": "Sign-in Anomaly Alert" })).toMatchObject({
      ok: false,
    });
    expect(consoleSignInEvent({ ...good, detail: { ...detail, responseElements: null } })).toEqual({
      ok: false,
      problem: "console sign-in without responseElements.ConsoleLogin Success or Failure",
    });
    expect(consoleSignInEvent({ ...good, detail: { ...detail, sourceIPAddress: "AWS Internal" } })).toEqual({
      ok: false,
      problem: '"detail.source_ip" must be an IPv4 or IPv6 address, got "AWS Internal"',
    });
    expect(
      consoleSignInEvent({ ...good, detail: { ...detail, userIdentity: { type: "AWSService" } } }),
    ).toMatchObject({
      ok: false,
      problem: "console sign-in whose userIdentity (type AWSService) names no user",
    });
  });

  it("cuts an over-long user agent rather than refusing the sign-in", () => {
    const good = sample("iam-user-success-mfa.json");
    const long = { ...good, detail: { ...(good.detail as object), userAgent: "x".repeat(5000) } };
    const checked = consoleSignInEvent(long);
    expect(checked.ok && checked.value.userAgent?.length).toBe(1024);
  });
});
