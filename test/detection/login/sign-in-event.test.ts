/** Sign-in event validation: what is accepted, and messages that name the field. */
import { parseSourceAddress } from "../../../lambdas/detection/login/ip-address";
import {
  checkSignInEvent,
  checkSignInEvents,
  parseEventTime,
} from "../../../lambdas/detection/login/sign-in-event";

const valid = {
  user: "alice",
  time: "2026-11-28T03:12:00Z",
  source_ip: "203.0.113.7",
  success: false,
  mfa: true,
  user_agent: "Mozilla/5.0 (X11; Linux x86_64)",
};

function problem(value: unknown): string {
  const checked = checkSignInEvent(value, "event");
  if (checked.ok) throw new Error("expected a problem");
  return checked.problem;
}

describe("checkSignInEvent", () => {
  it("accepts the documented event and parses its time and address", () => {
    const checked = checkSignInEvent(valid, "event");
    expect(checked).toEqual({
      ok: true,
      value: {
        user: "alice",
        time: "2026-11-28T03:12:00Z",
        at: Date.UTC(2026, 10, 28, 3, 12) / 1000,
        sourceIp: "203.0.113.7",
        address: { canonical: "203.0.113.7", family: 4, client: "203.0.113.7", network: "203.0.113.0/24" },
        success: false,
        mfa: true,
        userAgent: "Mozilla/5.0 (X11; Linux x86_64)",
      },
    });
  });

  it("treats mfa and user_agent as optional (absent or null)", () => {
    const { mfa: _m, user_agent: _u, ...required } = valid;
    const bare = checkSignInEvent(required, "event");
    const nulls = checkSignInEvent({ ...required, mfa: null, user_agent: null }, "event");
    expect(bare.ok && nulls.ok).toBe(true);
    if (bare.ok && nulls.ok) {
      expect(bare.value.mfa).toBeUndefined();
      expect(bare.value.userAgent).toBeUndefined();
      expect(nulls.value).toEqual(bare.value);
    }
  });

  it.each([
    [{ ...valid, user: undefined }, '"event.user" must be a string, got a undefined'],
    [{ ...valid, user: "" }, '"event.user" must be 1 to 512 characters, got 0'],
    [{ ...valid, user: "x".repeat(513) }, '"event.user" must be 1 to 512 characters, got 513'],
    [{ ...valid, user: "al\nice" }, '"event.user" must not contain control characters'],
    [{ ...valid, time: 1764299520 }, '"event.time" must be a string, got a number'],
    [{ ...valid, time: "2026-11-28 03:12:00" }, '"event.time" must be an ISO-8601 time with a zone'],
    [{ ...valid, time: "2026-11-28T03:12:00" }, '"event.time" must be an ISO-8601 time with a zone'],
    [{ ...valid, time: "2026-02-30T03:12:00Z" }, '"event.time" must be an ISO-8601 time with a zone'],
    [
      { ...valid, time: "1999-12-31T23:59:59Z" },
      '"event.time" must be an ISO-8601 time with a zone in the years 2000 to 2099',
    ],
    [
      { ...valid, source_ip: "203.0.113" },
      '"event.source_ip" must be an IPv4 or IPv6 address, got "203.0.113"',
    ],
    [{ ...valid, source_ip: "fe80::1%eth0" }, '"event.source_ip" must be an IPv4 or IPv6 address'],
    [{ ...valid, source_ip: 7 }, '"event.source_ip" must be a string, got a number'],
    [{ ...valid, success: "false" }, '"event.success" must be true or false, got a string'],
    [{ ...valid, mfa: "yes" }, '"event.mfa" must be true, false or absent, got a string'],
    [{ ...valid, user_agent: "x".repeat(1025) }, '"event.user_agent" must be at most 1024 characters'],
    [{ ...valid, password: "hunter2" }, '"event" has unknown field "password"'],
    [[valid], '"event" must be an object, got a list'],
  ])("refuses a bad event naming the field: %#", (value, message) => {
    expect(problem(value)).toContain(message);
  });

  it("accepts IPv6, with and without an embedded IPv4, and maps IPv4-mapped addresses to IPv4", () => {
    const v6 = checkSignInEvent({ ...valid, source_ip: "2001:DB8:1:2::7" }, "event");
    expect(v6.ok && v6.value.address).toEqual({
      canonical: "2001:0db8:0001:0002:0000:0000:0000:0007",
      family: 6,
      client: "2001:0db8:0001:0002::/64",
      network: "2001:0db8:0001::/48",
    });
    expect(parseSourceAddress("::ffff:203.0.113.9")).toEqual(parseSourceAddress("203.0.113.9"));
    expect(parseSourceAddress("64:ff9b::198.51.100.1")?.canonical).toBe(
      "0064:ff9b:0000:0000:0000:0000:c633:6401",
    );
    expect(parseSourceAddress("1:2:3:4:5:6:1.2.3.4")?.canonical).toBe(
      "0001:0002:0003:0004:0005:0006:0102:0304",
    );
    expect(parseSourceAddress("::")?.network).toBe("0000:0000:0000::/48");
  });
});

describe("parseEventTime", () => {
  it("reads zones, offsets and fractions as epoch seconds", () => {
    const base = Date.UTC(2026, 10, 28, 3, 12) / 1000;
    expect(parseEventTime("2026-11-28T03:12:00Z")).toBe(base);
    expect(parseEventTime("2026-11-28T03:12Z")).toBe(base);
    expect(parseEventTime("2026-11-28T04:12:00+01:00")).toBe(base);
    expect(parseEventTime("2026-11-27T22:42:00-04:30")).toBe(base);
    expect(parseEventTime("2026-11-28T03:12:00.250Z")).toBe(base + 0.25);
    expect(parseEventTime("2026-11-28T03:12:00+24:00")).toBeUndefined();
    expect(parseEventTime("2026-13-01T00:00:00Z")).toBeUndefined();
    expect(parseEventTime("2028-02-29T00:00:00Z")).toBe(Date.UTC(2028, 1, 29) / 1000);
  });
});

describe("checkSignInEvents", () => {
  const at = (time: string) => ({ ...valid, time });

  it("accepts events in time order, ties included", () => {
    const times = ["2026-11-28T03:12:00Z", "2026-11-28T03:12:00Z", "2026-11-28T04:13:00+01:00"];
    const checked = checkSignInEvents(times.map(at), 1000);
    const base = Date.UTC(2026, 10, 28, 3, 12) / 1000;
    expect(checked.ok && checked.value.map((e) => e.at)).toEqual([base, base, base + 60]);
  });

  it("refuses events out of order, naming both", () => {
    expect(checkSignInEvents([at("2026-11-28T03:12:00Z"), at("2026-11-28T03:11:59Z")], 1000)).toEqual({
      ok: false,
      problem: '"events[1].time" is earlier than "events[0].time": send events in time order',
    });
  });

  it("names the event that is wrong by its index", () => {
    const checked = checkSignInEvents([valid, { ...valid, success: 1 }], 1000);
    expect(checked.ok ? "" : checked.problem).toBe('"events[1].success" must be true or false, got a number');
  });

  it("marks a list over the limit as too large (413) and refuses an empty list", () => {
    expect(checkSignInEvents(new Array(3).fill(valid), 2)).toEqual({
      ok: false,
      tooLarge: true,
      problem: '"events" has 3 events; the limit is 2 per request: split the list',
    });
    expect(checkSignInEvents([], 2)).toEqual({ ok: false, problem: '"events" must hold at least one event' });
    expect(checkSignInEvents({}, 2)).toEqual({
      ok: false,
      problem: '"events" must be a list, got an object',
    });
  });
});
