/** The sign-in alert: an ASCII subject within SNS's limit, a JSON message and a readable text. */
import { finishAlert } from "../../../lambdas/alerts/alert-sink";
import type { SignInVerdict } from "../../../lambdas/detection/login/score-sign-ins";
import { MAX_ALERTED_SIGN_INS, signInAlert } from "../../../lambdas/detection/login/sign-in-alert";
import { signIn } from "../../support/sign-ins";

const context = {
  detector: "login",
  model: "login@1.0.0+9630254d",
  requestId: "req-1",
  time: new Date(Date.UTC(2026, 10, 28, 3, 13)),
  source: "api" as const,
};

function verdict(user: string, anomaly: 0 | 1, reasons: string[] = []): SignInVerdict {
  return {
    user,
    time: "2026-11-28T03:12:00Z",
    anomaly,
    probability: anomaly ? 0.973 : 0.02,
    score: anomaly ? 3.6 : -3.9,
    reasons,
  };
}

describe("signInAlert", () => {
  it("sends nothing when nothing was flagged", () => {
    const event = signIn({ user: "alice", time: "2026-11-28T03:12:00Z" });
    expect(signInAlert([event], [verdict("alice", 0)], context)).toBeUndefined();
  });

  it("names the user, the time, the address, the probability and the reasons", () => {
    const events = [
      signIn({ user: "alice", time: "2026-11-28T03:12:00Z", source_ip: "203.0.113.7", success: false }),
      signIn({ user: "bob", time: "2026-11-28T03:12:00Z" }),
    ];
    const draft = signInAlert(events, [verdict("alice", 1, ["9 failures in 4 minutes"]), verdict("bob", 0)], {
      ...context,
      resource: "corp-console",
    })!;
    const alert = finishAlert(draft);
    expect(alert.subject).toBe("Helios: suspicious sign-in by alice");
    expect(alert.detector).toBe("login");
    expect(alert.text).toBe(
      [
        "Helios flagged 1 of 2 sign-in events as suspicious.",
        "",
        "Detector: login (sign-in events)",
        "Resource: corp-console",
        "Source:   POST /predict",
        "Users:    alice",
        "Time:     2026-11-28T03:13:00.000Z",
        "Model:    login@1.0.0+9630254d",
        "",
        "Flagged sign-ins (who, when, from where, attack probability, why):",
        "  alice failed to sign in at 2026-11-28T03:12:00Z from 203.0.113.7: 0.97 (9 failures in 4 minutes)",
        "",
        "Look closer:",
        "  the local server's log (request id req-1)",
        "",
        "-- Helios anomaly detection",
        "",
      ].join("\n"),
    );
    expect(alert.message).toEqual({
      detector: "login",
      resource: "corp-console",
      model: "login@1.0.0+9630254d",
      source: "api",
      requestId: "req-1",
      time: "2026-11-28T03:13:00.000Z",
      events: 2,
      flagged: 1,
      signIns: [
        {
          user: "alice",
          time: "2026-11-28T03:12:00Z",
          source_ip: "203.0.113.7",
          success: false,
          probability: 0.973,
          reasons: ["9 failures in 4 minutes"],
        },
      ],
      notListed: 0,
    });
  });

  it("summarises many flagged sign-ins and keeps the subject ASCII and short", () => {
    const names = Array.from({ length: 30 }, (_, i) => `üser-${i}-${"x".repeat(80)}`);
    const events = names.map((user) => signIn({ user, time: "2026-11-28T03:12:00Z", success: false }));
    const draft = signInAlert(
      events,
      names.map((n) => verdict(n, 1)),
      { ...context, source: "console" },
    )!;
    expect(draft.subject).toBe("Helios: 30 suspicious AWS console sign-ins (30 users)");
    expect(draft.message.signIns).toHaveLength(MAX_ALERTED_SIGN_INS);
    expect(draft.message.notListed).toBe(10);
    expect(finishAlert(draft).text).toContain("... and 10 more");
    const one = signInAlert(events.slice(0, 1), [verdict(names[0]!, 1)], context)!;
    expect(one.subject).toMatch(/^[\x20-\x7e]{1,100}$/);
    expect(one.subject.endsWith("...")).toBe(true);
  });
});
