/**
 * A small hand-written sign-in suite in the shape the issue describes: six routine users with a
 * week of history (office hours on a shared office NAT, home evenings, a night shift, IPv6, two
 * devices on a mobile carrier, one without MFA), three more routine days, and seven attacks on
 * days 8 and 9. Written as the wire events a client sends, so the core and the API run the same.
 */
import type { SignInEventInput } from "../../lambdas/detection/login/sign-in-event";
import { dayAt, minutesAfter } from "./sign-ins";

const UA = {
  chrome:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  firefox: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  safari:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  edge: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
  iphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
} as const;

const OFFICE = "203.0.113.10";

/** One labelled wire event. */
export interface ScenarioEvent {
  readonly event: SignInEventInput;
  /** "routine", or the name of the attack it belongs to. */
  readonly scenario: string;
}

function routineDay(day: number): SignInEventInput[] {
  const weekday = day % 7 < 5;
  const events: SignInEventInput[] = [];
  const add = (e: Omit<SignInEventInput, "success"> & { success?: boolean }) =>
    events.push({ success: true, ...e });
  if (weekday) {
    add({ user: "alice", time: dayAt(day, 9, 5 + day), source_ip: OFFICE, mfa: true, user_agent: UA.chrome });
    add({ user: "alice", time: dayAt(day, 14, 20), source_ip: OFFICE, mfa: true, user_agent: UA.chrome });
    if (day === 3)
      add({
        user: "bob",
        time: dayAt(day, 8, 29),
        source_ip: OFFICE,
        success: false,
        user_agent: UA.firefox,
      });
    add({ user: "bob", time: dayAt(day, 8, 30), source_ip: OFFICE, mfa: true, user_agent: UA.firefox });
    add({ user: "bob", time: dayAt(day, 16, 45), source_ip: OFFICE, mfa: true, user_agent: UA.firefox });
    add({ user: "carol", time: dayAt(day, 10, 15), source_ip: OFFICE, mfa: false, user_agent: UA.safari });
    add({ user: "frank", time: dayAt(day, 11, 0), source_ip: OFFICE, mfa: true, user_agent: UA.chrome });
  }
  add({
    user: "carol",
    time: dayAt(day, 20, 40),
    source_ip: "198.51.100.23",
    mfa: false,
    user_agent: UA.safari,
  });
  add({ user: "dan", time: dayAt(day, 22, 10), source_ip: "192.0.2.44", mfa: true, user_agent: UA.edge });
  add({ user: "dan", time: dayAt(day, 23, 50), source_ip: "192.0.2.44", mfa: true, user_agent: UA.edge });
  add({
    user: "erin",
    time: dayAt(day, 12, 30),
    source_ip: "2001:db8:77:1::20",
    mfa: true,
    user_agent: UA.chrome,
  });
  add({
    user: "erin",
    time: dayAt(day, 18, 5),
    source_ip: "2001:db8:77:1:abcd::3",
    mfa: true,
    user_agent: UA.chrome,
  });
  // Frank's phone lands on one of his carrier's three networks.
  add({
    user: "frank",
    time: dayAt(day, 19, 15),
    source_ip: `100.${70 + (day % 3)}.8.${day + 1}`,
    mfa: true,
    user_agent: UA.iphone,
  });
  return events;
}

function attacks(): ScenarioEvent[] {
  const out: ScenarioEvent[] = [];
  const push = (scenario: string, event: SignInEventInput): void => {
    out.push({ scenario, event });
  };
  const burst = dayAt(8, 13, 2);
  for (let i = 0; i < 10; i += 1) {
    push("burst", {
      user: "alice",
      time: minutesAfter(burst, i * 0.3),
      source_ip: "45.33.12.7",
      success: false,
      user_agent: "python-requests/2.32.3",
    });
  }
  const stuffing = dayAt(8, 15, 0);
  const names = [
    "alice",
    "bob",
    "carol",
    "dan",
    "erin",
    "frank",
    ...Array.from({ length: 24 }, (_, i) => `user${i}`),
  ];
  for (const [i, user] of names.entries()) {
    push("stuffing", {
      user,
      time: minutesAfter(stuffing, i / 2),
      source_ip: "185.220.101.5",
      success: false,
      user_agent: "Go-http-client/1.1",
    });
  }
  const takeover = dayAt(9, 1, 30);
  for (let i = 0; i < 6; i += 1) {
    push("success after a burst", {
      user: "erin",
      time: minutesAfter(takeover, i),
      source_ip: "2a02:c7f:1234:5678::9",
      success: false,
      user_agent: UA.chrome,
    });
  }
  push("success after a burst", {
    user: "erin",
    time: minutesAfter(takeover, 7),
    source_ip: "2a02:c7f:1234:5678::9",
    success: true,
    mfa: true,
    user_agent: UA.chrome,
  });
  push("new network at an unusual hour", {
    user: "alice",
    time: dayAt(9, 3, 10),
    source_ip: "91.200.12.8",
    success: true,
    mfa: true,
    user_agent: UA.chrome,
  });
  push("MFA dropped", {
    user: "dan",
    time: dayAt(9, 22, 30),
    source_ip: "192.0.2.44",
    success: true,
    mfa: false,
    user_agent: UA.edge,
  });
  const hidden = dayAt(9, 6, 0);
  for (let i = 0; i < 8; i += 1) {
    push("unknown names from one address", {
      user: "HIDDEN_DUE_TO_SECURITY_REASONS",
      time: minutesAfter(hidden, i * 0.6),
      source_ip: "203.0.113.250",
      success: false,
    });
  }
  const spray = dayAt(9, 8, 0);
  for (const [i, user] of names.slice(0, 12).entries()) {
    push("password spraying", {
      user,
      time: minutesAfter(spray, i * 20),
      source_ip: "77.88.99.1",
      success: false,
      user_agent: UA.chrome,
    });
  }
  return out;
}

/** The whole suite in time order: days 0-6 routine history, days 7-9 routine plus the attacks. */
export function loginScenarioSuite(): ScenarioEvent[] {
  const routine = Array.from({ length: 10 }, (_, day) => routineDay(day))
    .flat()
    .map((event): ScenarioEvent => ({ event, scenario: "routine" }));
  const all = [...routine, ...attacks()];
  return all
    .map((item, index) => ({ item, index, at: Date.parse(item.event.time) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ item }) => item);
}

/** The first day after the week of history (routine events from then on count as false alarms). */
export const AFTER_WEEK = dayAt(7, 0);
