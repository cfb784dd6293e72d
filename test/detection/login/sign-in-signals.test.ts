/**
 * The signals, features and reasons of sign-ins replayed over their users' and addresses' history:
 * each signal the issue names, measured on hand-made histories with known answers.
 */
import { hourOf } from "../../../lambdas/detection/login/apply-sign-in";
import { featureRow, LOGIN_FEATURES } from "../../../lambdas/detection/login/login-features";
import { reasonsFor } from "../../../lambdas/detection/login/login-reasons";
import { keysOf, replaySignIns } from "../../../lambdas/detection/login/replay-sign-ins";
import { HIDDEN_USER, type SignInEvent } from "../../../lambdas/detection/login/sign-in-event";
import { hourRarity } from "../../../lambdas/detection/login/sign-in-signals";
import { dayAt, minutesAfter, signIn } from "../../support/sign-ins";

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0";

/** Signals of the last event after replaying all of them from empty state. */
function lastSignals(events: readonly SignInEvent[]) {
  const { signals } = replaySignIns(events, new Map(), new Map());
  return signals[signals.length - 1]!;
}

/** A week of alice's office sign-ins: 09:00-09:40 UTC from 203.0.113.0/24, Chrome, MFA. */
function aliceWeek(days = 7): SignInEvent[] {
  return Array.from({ length: days }, (_, day) =>
    signIn({
      user: "alice",
      time: dayAt(day, 9, day * 5),
      source_ip: `203.0.113.${10 + day}`,
      mfa: true,
      user_agent: CHROME,
    }),
  );
}

describe("per-user signals", () => {
  it("counts a failure burst and its span: 9 failures in 4 minutes", () => {
    const start = dayAt(8, 14);
    const burst = Array.from({ length: 9 }, (_, i) =>
      signIn({ user: "alice", time: minutesAfter(start, i * 0.5), source_ip: "192.0.2.50", success: false }),
    );
    const signals = lastSignals([...aliceWeek(), ...burst]);
    expect(signals.userFailuresBurst).toBe(9);
    expect(signals.userBurstSpanS).toBe(240);
    expect(reasonsFor(signals)[0]).toBe("9 failures in 4 minutes");
  });

  it("flags a success right after the failures", () => {
    const start = dayAt(8, 14);
    const events = [
      ...aliceWeek(),
      ...Array.from({ length: 6 }, (_, i) =>
        signIn({ user: "alice", time: minutesAfter(start, i), success: false }),
      ),
      signIn({ user: "alice", time: minutesAfter(start, 7), mfa: true, user_agent: CHROME }),
    ];
    const signals = lastSignals(events);
    expect(signals.failuresBeforeSuccess).toBe(6);
    expect(reasonsFor(signals)).toContain("success right after 6 failures");
  });

  it("knows the user's networks, devices and MFA habit only once established", () => {
    const strange = { source_ip: "198.51.100.99", user_agent: "python-requests/2.32.3", mfa: false };
    const early = lastSignals([...aliceWeek(2), signIn({ user: "alice", time: dayAt(2, 9), ...strange })]);
    expect(early).toMatchObject({
      established: false,
      newNetwork: false,
      newAgent: false,
      mfaDropped: false,
      hourRarity: 0,
    });
    const later = lastSignals([...aliceWeek(), signIn({ user: "alice", time: dayAt(8, 9, 20), ...strange })]);
    expect(later).toMatchObject({
      established: true,
      newNetwork: true,
      newAgent: true,
      mfaDropped: true,
      network: "198.51.100.0/24",
    });
    expect(reasonsFor(later)).toEqual(
      expect.arrayContaining([
        "no MFA, though this user always used it",
        "first sign-in from this network (198.51.100.0/24)",
        "new device or browser for this user",
      ]),
    );
    const home = lastSignals([
      ...aliceWeek(),
      signIn({ user: "alice", time: dayAt(8, 9), source_ip: "203.0.113.200", mfa: true, user_agent: CHROME }),
    ]);
    expect(home).toMatchObject({ newNetwork: false, newAgent: false, mfaDropped: false });
    expect(reasonsFor(home)).toEqual([]);
  });

  it("finds an unusual hour for this user: 03:00 for a 09:00 user, but not 10:00", () => {
    // Seven sign-ins, none within two hours of 03:00: share = (2.5/24) / (2.5 * 8) = 1/192; rarity 1 - 24/192.
    expect(
      lastSignals([...aliceWeek(), signIn({ user: "alice", time: dayAt(8, 3), mfa: true })]).hourRarity,
    ).toBe(0.875);
    expect(
      lastSignals([...aliceWeek(), signIn({ user: "alice", time: dayAt(8, 10), mfa: true })]).hourRarity,
    ).toBe(0);
    const hours = new Array<number>(24).fill(0);
    hours[9] = 10;
    // share at 9 = (10 + 2.5/24) / (2.5 * 11) = 0.3674; rarity 0. At 3: (2.5/24) / 27.5 -> 1 - 24 * 0.003788 = 0.9091.
    expect(hourRarity(hours, 9)).toBe(0);
    expect(hourRarity(hours, 3)).toBeCloseTo(0.90909, 4);
    expect(hourOf(Date.UTC(2026, 10, 2, 23, 59, 59) / 1000)).toBe(23);
  });

  it("sees a switch to another network and device minutes after a success elsewhere", () => {
    const events = [
      ...aliceWeek(),
      signIn({ user: "alice", time: dayAt(8, 9), source_ip: "203.0.113.10", mfa: true, user_agent: CHROME }),
      signIn({
        user: "alice",
        time: dayAt(8, 9, 12),
        source_ip: "100.64.7.7",
        mfa: true,
        user_agent: "curl/8.11.0",
      }),
    ];
    const signals = lastSignals(events);
    expect(signals.switchMinutes).toBe(12);
    expect(reasonsFor(signals)).toContain("signed in from another network 12 minutes earlier");
    expect(featureRow(signals)[LOGIN_FEATURES.findIndex((f) => f.name === "network_and_device_switch")]).toBe(
      1,
    );
  });

  it("judges a new user by the global signals only: nothing about them is new", () => {
    const signals = lastSignals([
      signIn({
        user: "newcomer",
        time: dayAt(0, 3),
        source_ip: "192.0.2.1",
        mfa: false,
        user_agent: "curl/8",
      }),
    ]);
    expect(signals).toMatchObject({
      established: false,
      newNetwork: false,
      hourRarity: 0,
      newAgent: false,
      mfaDropped: false,
    });
    expect(reasonsFor(signals)).toEqual([]);
  });
});

describe("per-address signals", () => {
  it("sees one address trying 30 users", () => {
    const start = dayAt(3, 2);
    const events = Array.from({ length: 30 }, (_, i) =>
      signIn({ user: `victim${i}`, time: minutesAfter(start, i), source_ip: "192.0.2.66", success: false }),
    );
    const signals = lastSignals(events);
    expect(signals).toMatchObject({
      addressUsersHour: 30,
      addressFailedUsersHour: 30,
      addressFailuresBurst: 11,
    });
    expect(reasonsFor(signals)).toContain("one address trying 30 users");
  });

  it("counts an office NAT's many successful users, so many users alone is not stuffing", () => {
    const start = dayAt(3, 9);
    const events = Array.from({ length: 40 }, (_, i) =>
      signIn({ user: `staff${i}`, time: minutesAfter(start, i), source_ip: "203.0.113.1" }),
    );
    const signals = lastSignals(events);
    expect(signals).toMatchObject({
      addressUsersHour: 40,
      addressFailedUsersHour: 0,
      addressSuccessUsersDay: 40,
    });
    expect(reasonsFor(signals)).toEqual([]);
  });

  it("groups an IPv6 host's rotating addresses by /64", () => {
    const events = Array.from({ length: 5 }, (_, i) =>
      signIn({ user: `u${i}`, time: dayAt(1, 1, i), source_ip: `2001:db8:1:2:${i}::9`, success: false }),
    );
    expect(new Set(events.map((e) => keysOf(e).address))).toEqual(
      new Set(["login#addr#2001:0db8:0001:0002::/64"]),
    );
    expect(lastSignals(events).addressFailuresBurst).toBe(5);
  });

  it("keeps the placeholder user out of user history but counts its failures on the address", () => {
    const events = Array.from({ length: 12 }, (_, i) =>
      signIn({ user: HIDDEN_USER, time: dayAt(2, 4, i), source_ip: "192.0.2.9", success: false }),
    );
    expect(keysOf(events[0]!).user).toBeUndefined();
    const { signals, users } = replaySignIns(events, new Map(), new Map());
    const last = signals[signals.length - 1]!;
    expect(users.size).toBe(0);
    expect(last).toMatchObject({
      hiddenUser: true,
      userFailuresBurst: 1,
      addressFailuresBurst: 11,
      addressUsersHour: 0,
    });
    expect(reasonsFor(last)).toEqual([
      // The window includes its start: minutes 1 to 11.
      "11 failures from this address in 10 minutes",
      "user name unknown to AWS (logged as HIDDEN_DUE_TO_SECURITY_REASONS)",
    ]);
  });

  it("does not count a later history as a burst when histories arrive out of order", () => {
    const bob = Array.from({ length: 6 }, (_, i) =>
      signIn({ user: "bob", time: dayAt(5, 9, i), source_ip: "192.0.2.80", success: false }),
    );
    const alice = signIn({ user: "alice", time: dayAt(5, 8, 58), source_ip: "192.0.2.80", success: false });
    const signals = lastSignals([...bob, alice]);
    expect(signals).toMatchObject({ addressFailuresBurst: 1, addressUsersHour: 1 });
  });
});
