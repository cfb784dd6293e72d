/** The login state records: bounded in size, decoded defensively, keyed only by the event's user and address. */
import { applyToAddress, applyToUser } from "../../../lambdas/detection/login/apply-sign-in";
import {
  addressKey,
  decodeAddressState,
  decodeUserState,
  emptyAddressState,
  emptyUserState,
  encodeAddressState,
  encodeUserState,
  HOUR_TOTAL_CAP,
  LIMITS,
  userKey,
  userTag,
} from "../../../lambdas/detection/login/login-state";
import { MAX_KEY_BYTES } from "../../../lambdas/state/state-store";
import { signIn } from "../../support/sign-ins";

const START = Date.UTC(2026, 10, 2) / 1000;
const iso = (seconds: number) => new Date((START + seconds) * 1000).toISOString();

describe("user state", () => {
  it("stays bounded after 5,000 sign-ins from ever-new networks and browsers", () => {
    let state = emptyUserState();
    for (let i = 0; i < 5_000; i += 1) {
      const event = signIn({
        user: "alice",
        time: iso(i * 60),
        source_ip: `10.${(i >> 8) & 255}.${i & 255}.1`,
        success: i % 3 !== 0,
        mfa: i % 2 === 0,
        user_agent: `agent-${i}`,
      });
      state = applyToUser(state, event);
    }
    expect(state.networks).toHaveLength(LIMITS.networks);
    expect(state.agents).toHaveLength(LIMITS.agents);
    expect(state.failures.length).toBeLessThanOrEqual(LIMITS.userFailures);
    expect(state.hours.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(HOUR_TOTAL_CAP + 1);
    expect(state.successes).toBe(3_333);
    expect(JSON.stringify(encodeUserState(state)).length).toBeLessThan(4_000);
    // The most recent network is kept first; the oldest were dropped.
    expect(state.networks[0]![0]).toBe("10.19.135.0/24");
  });

  it("round-trips through its stored form, and reads anything malformed as no history", () => {
    const state = applyToUser(
      emptyUserState(),
      signIn({ user: "a", time: iso(0), mfa: true, user_agent: "x" }),
    );
    expect(decodeUserState(encodeUserState(state))).toEqual(state);
    expect(decodeUserState(undefined)).toEqual(emptyUserState());
    expect(decodeUserState({ ...encodeUserState(state), h: [1, 2] })).toEqual(emptyUserState());
    expect(decodeUserState({ ...encodeUserState(state), f: 2 })).toEqual(emptyUserState());
    expect(decodeUserState({ ...encodeUserState(state), nets: [["x", "1", 2]] })).toEqual(emptyUserState());
  });

  it("adds an event that arrives late in its place, and ignores none", () => {
    let state = emptyUserState();
    state = applyToUser(state, signIn({ user: "a", time: iso(600), success: false }));
    state = applyToUser(state, signIn({ user: "a", time: iso(300), success: false }));
    expect(state.failures).toEqual([START + 300, START + 600]);
    expect(state.first).toBe(START + 300);
    expect(state.last).toBe(START + 600);
  });
});

describe("address state", () => {
  it("stays bounded when one address tries 2,000 users in an hour", () => {
    let state = emptyAddressState();
    for (let i = 0; i < 2_000; i += 1) {
      state = applyToAddress(
        state,
        signIn({ user: `u${i}`, time: iso(i), success: false }),
        userTag(`u${i}`),
      );
    }
    expect(state.users).toHaveLength(LIMITS.addressUsers);
    expect(state.failures).toHaveLength(LIMITS.addressFailures);
    expect(JSON.stringify(encodeAddressState(state)).length).toBeLessThan(20_000);
    expect(decodeAddressState(encodeAddressState(state))).toEqual(state);
  });

  it("forgets what is older than a day", () => {
    let state = applyToAddress(
      emptyAddressState(),
      signIn({ user: "a", time: iso(0), success: false }),
      userTag("a"),
    );
    state = applyToAddress(state, signIn({ user: "b", time: iso(86_401) }), userTag("b"));
    expect(state.failures).toEqual([]);
    expect(state.users.map(([tag]) => tag)).toEqual([userTag("b")]);
  });
});

describe("state keys", () => {
  it("come from the user name and the address only, under login#", () => {
    expect(userKey("alice@example.com")).toBe("login#user#alice%40example.com");
    expect(userKey("addr#203.0.113.7")).toBe("login#user#addr%23203.0.113.7");
    expect(addressKey("203.0.113.7")).toBe("login#addr#203.0.113.7");
  });

  it("hash a name too long to key by once encoded", () => {
    const key = userKey("é".repeat(512));
    expect(key).toMatch(/^login#user#sha256:[0-9a-f]{64}$/);
    expect(Buffer.byteLength(userKey("a".repeat(512)))).toBeLessThanOrEqual(MAX_KEY_BYTES);
  });
});
