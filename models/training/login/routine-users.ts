/**
 * Routine users, each with habits of their own: office hours, night shifts, flexible or part-time
 * days, on-call nights; an office NAT or VPN shared with colleagues, a home line, a mobile carrier;
 * one to three browsers that update now and then; MFA always, never or sometimes; typos, the odd
 * forgotten password, a device with a stale saved password, trips abroad, a new phone. The tricky
 * routine behaviours are what keep the detector from flagging every change.
 */
import type { Draw } from "./draw";
import {
  type Browser,
  carrier,
  drawBrowser,
  drawIPv4Prefix,
  drawIPv6Prefix,
  egress,
  homeLine,
  hostIn,
  type NetworkSource,
  userAgentOf,
} from "./sign-in-world";

/** The user name AWS logs for a console sign-in with a name that does not exist. */
const WRONG_NAME_PLACEHOLDER = "HIDDEN_DUE_TO_SECURITY_REASONS";

/** The shape of a user's working day. */
export type HabitKind = "office" | "night" | "flexible" | "oncall" | "parttime";

/** How often each routine behaviour happens; training and held-out populations differ. */
export interface RoutineMix {
  /** Relative share of each habit kind. */
  readonly habits: Readonly<Record<HabitKind, number>>;
  /** Share of users on IPv6 (home line and carrier). */
  readonly ipv6Share: number;
  /** Share of users who travel once in the period, and how far (hours of time-zone shift). */
  readonly travellerShare: number;
  readonly travelShiftHours: readonly [number, number];
  /** Share of users who get a new device, or a new home line, during the period. */
  readonly newDeviceShare: number;
  readonly newHomeShare: number;
  /** Per-session chance range of one or more typos before the success. */
  readonly typoRate: readonly [number, number];
  /** Per-session chance of first typing a wrong user name (logged as typed, or as AWS's placeholder). */
  readonly wrongNameRate: number;
  /** Per-session chance of a forgotten password (3-6 failures, then a success after a reset). */
  readonly forgottenRate: number;
  /** Share of users with a device retrying a stale saved password for a day. */
  readonly staleDeviceShare: number;
  /** Mean sign-in sessions per working day. */
  readonly sessionsPerDay: readonly [number, number];
  /** Share of events that do not say whether MFA was used. */
  readonly mfaUnknownShare: number;
}

/** One routine user. */
export interface RoutineUser {
  readonly name: string;
  readonly habit: HabitKind;
  /** Offset of the user's local time from UTC, in hours. */
  readonly zone: number;
  readonly networks: readonly (readonly [NetworkSource, number])[];
  readonly browsers: readonly {
    readonly browser: Browser;
    readonly weight: number;
    readonly updateDay: number;
  }[];
  /** Chance that a sign-in uses MFA: 1 (always), 0 (never) or in between. */
  readonly mfaRate: number;
  readonly typoRate: number;
  readonly sessionsPerDay: number;
  /** Days of the week (0-6 from the period's first day) the user works. */
  readonly workdays: readonly number[];
  readonly trip?: {
    readonly start: number;
    readonly days: number;
    readonly shift: number;
    readonly hotel: NetworkSource;
    readonly roaming: NetworkSource;
  };
  readonly newDevice?: { readonly day: number; readonly browser: Browser };
  readonly newHome?: { readonly day: number; readonly line: NetworkSource };
  readonly staleDeviceDay?: number;
}

/** Shared networks of one organisation: offices and VPN exits many users sign in through. */
export interface SharedNetworks {
  readonly offices: readonly NetworkSource[];
  readonly vpn: NetworkSource;
  readonly carriers: readonly NetworkSource[];
}

/** Draws the organisation's shared networks. */
export function drawSharedNetworks(draw: Draw, mix: RoutineMix): SharedNetworks {
  return {
    offices: [egress(draw, "office", false), egress(draw, "office", false), egress(draw, "office", true)],
    vpn: egress(draw, "vpn", false),
    carriers: [carrier(draw, false, 12), carrier(draw, false, 6), carrier(draw, mix.ipv6Share > 0, 20)],
  };
}

/** Draws one routine user with their habits; `days` is the length of the period. */
export function drawRoutineUser(
  draw: Draw,
  name: string,
  mix: RoutineMix,
  shared: SharedNetworks,
  days: number,
): RoutineUser {
  const habit = draw.weighted(Object.entries(mix.habits) as [HabitKind, number][]);
  const ipv6 = draw.chance(mix.ipv6Share);
  const home = homeLine(draw, ipv6);
  const networks: [NetworkSource, number][] = [[home, habit === "office" || habit === "oncall" ? 0.3 : 0.6]];
  if (habit !== "flexible" || draw.chance(0.5))
    networks.push([draw.pick(shared.offices), habit === "parttime" ? 0.3 : 1]);
  if (draw.chance(0.4)) networks.push([draw.pick(shared.carriers), 0.2]);
  if (draw.chance(0.25)) networks.push([shared.vpn, 0.3]);
  const browserCount = draw.weighted([
    [1, 5],
    [2, 4],
    [3, 1],
  ]);
  const browsers = Array.from({ length: browserCount }, (_, i) => ({
    browser: drawBrowser(draw),
    weight: i === 0 ? 3 : 1,
    updateDay: draw.int(0, days + 10),
  }));
  const mfaRate = draw.weighted([
    [1, 6],
    [0, 2.5],
    [0.6, 1.5],
  ]);
  const start = draw.int(0, 6);
  const workdays =
    habit === "parttime"
      ? [start, (start + 2) % 7, (start + 4) % 7]
      : [0, 1, 2, 3, 4].map((d) => (d + (habit === "night" ? start : 0)) % 7);
  const user: RoutineUser = {
    name,
    habit,
    zone: draw.pick([-8, -7, -5, -4, 0, 1, 2, 3, 5.5, 8, 9, 10]),
    networks,
    browsers,
    mfaRate,
    typoRate: draw.between(mix.typoRate[0], mix.typoRate[1]),
    sessionsPerDay: draw.between(mix.sessionsPerDay[0], mix.sessionsPerDay[1]),
    workdays,
    ...(draw.chance(mix.travellerShare)
      ? {
          trip: {
            start: draw.int(3, days - 4),
            days: draw.int(2, 7),
            shift: (draw.chance(0.5) ? 1 : -1) * draw.int(mix.travelShiftHours[0], mix.travelShiftHours[1]),
            hotel: homeLine(draw, draw.chance(0.2)),
            roaming: carrier(draw, false, 3),
          },
        }
      : {}),
    ...(draw.chance(mix.newDeviceShare)
      ? { newDevice: { day: draw.int(1, days - 1), browser: drawBrowser(draw) } }
      : {}),
    ...(draw.chance(mix.newHomeShare)
      ? { newHome: { day: draw.int(1, days - 1), line: homeLine(draw, ipv6) } }
      : {}),
    ...(draw.chance(mix.staleDeviceShare) ? { staleDeviceDay: draw.int(1, days - 1) } : {}),
  };
  return user;
}

/** One generated sign-in before validation: the API's wire shape plus its time in epoch seconds. */
export interface RawSignIn {
  readonly at: number;
  readonly user: string;
  readonly sourceIp: string;
  readonly success: boolean;
  readonly mfa?: boolean;
  readonly userAgent?: string;
}

/** Local start hours of a day's sessions, by habit. */
function sessionHours(draw: Draw, user: RoutineUser, weekday: number): number[] {
  const working = user.workdays.includes(weekday);
  const extra = () => draw.poisson(Math.max(0, user.sessionsPerDay - 1));
  switch (user.habit) {
    case "office":
    case "oncall": {
      const hours: number[] = [];
      if (working) {
        const first = Math.min(11, Math.max(6.5, draw.normal(8.8, 0.8)));
        hours.push(first, ...Array.from({ length: extra() }, () => draw.between(first + 0.3, 18.5)));
      } else if (draw.chance(0.08)) hours.push(draw.between(10, 20));
      if (user.habit === "oncall" && draw.chance(0.07)) hours.push(draw.between(0, 5.5));
      return hours;
    }
    case "night": {
      if (!working) return draw.chance(0.05) ? [draw.between(12, 20)] : [];
      const first = draw.normal(21.5, 0.8);
      return [first, ...Array.from({ length: extra() }, () => draw.between(first + 0.3, first + 8))];
    }
    case "flexible":
      return Array.from({ length: draw.poisson(user.sessionsPerDay * (working ? 1 : 0.5)) }, () =>
        draw.between(7, 24),
      );
    case "parttime":
      return working
        ? [draw.between(9, 12), ...Array.from({ length: extra() }, () => draw.between(12, 17))]
        : [];
  }
}

/** The browsers a user has on a given day (with the day's versions) and their weights. */
function browsersOn(user: RoutineUser, day: number): [Browser, number][] {
  const list: [Browser, number][] = user.browsers.map(({ browser, weight, updateDay }) => [
    day >= updateDay ? { ...browser, version: browser.version + 1 } : browser,
    weight,
  ]);
  if (user.newDevice && day >= user.newDevice.day) list.push([user.newDevice.browser, 4]);
  return list;
}

/** Every routine sign-in of one user over `days` days from `start` (epoch seconds of a UTC midnight). */
export function routineSignIns(
  draw: Draw,
  user: RoutineUser,
  start: number,
  days: number,
  mix: RoutineMix,
): RawSignIn[] {
  const events: RawSignIn[] = [];
  for (let day = 0; day < days; day += 1) {
    const travelling =
      user.trip !== undefined && day >= user.trip.start && day < user.trip.start + user.trip.days;
    const zone = user.zone + (travelling ? user.trip!.shift : 0);
    let networks = user.networks.map(([source, weight]) =>
      user.newHome && day >= user.newHome.day && source.kind === "home"
        ? ([user.newHome.line, weight] as const)
        : ([source, weight] as const),
    );
    if (travelling) {
      networks = [
        [user.trip!.hotel, 0.6],
        [user.trip!.roaming, 0.3],
        ...networks.filter(([s]) => s.kind === "vpn"),
      ];
    }
    const browsers = browsersOn(user, day);
    for (const localHour of sessionHours(draw, user, day % 7)) {
      const at = Math.round(start + day * 86_400 + (localHour - zone) * 3600 + draw.between(0, 60));
      const source = draw.weighted(networks);
      const sourceIp = source.address(draw);
      const browser = draw.weighted(browsers);
      const userAgent = userAgentOf(browser);
      const mfa = draw.chance(mix.mfaUnknownShare) ? undefined : draw.chance(user.mfaRate);
      const base = { user: user.name, sourceIp, userAgent };
      if (draw.chance(mix.forgottenRate)) {
        const failures = draw.int(3, 6);
        let t = at - draw.int(60, 600);
        for (let i = 0; i < failures; i += 1) {
          events.push({ ...base, at: t, success: false });
          t += draw.int(15, 90);
        }
      } else if (draw.chance(mix.wrongNameRate)) {
        for (let i = draw.int(1, 2); i >= 1; i -= 1) {
          const name = draw.chance(0.5)
            ? WRONG_NAME_PLACEHOLDER
            : `${user.name.slice(0, 3)}${draw.int(0, 99)}`;
          events.push({ ...base, user: name, at: at - i * draw.int(10, 50), success: false });
        }
      } else if (draw.chance(user.typoRate)) {
        const typos = draw.weighted([
          [1, 7],
          [2, 2.5],
          [3, 0.5],
        ]);
        for (let i = typos; i >= 1; i -= 1)
          events.push({ ...base, at: at - i * draw.int(8, 40), success: false });
      }
      events.push({ ...base, at, success: true, ...(mfa === undefined ? {} : { mfa }) });
    }
    if (user.staleDeviceDay === day) {
      // An old phone retrying a changed password about hourly, from the user's usual network.
      const [source] = user.networks[0]!;
      const ip = source.address(draw);
      const agent = userAgentOf(user.browsers[user.browsers.length - 1]!.browser);
      let t = start + day * 86_400 + draw.int(0, 6) * 3600;
      for (let i = draw.int(6, 14); i > 0; i -= 1) {
        events.push({ at: t, user: user.name, sourceIp: ip, success: false, userAgent: agent });
        t += draw.int(2400, 5400);
      }
    }
  }
  return events;
}

/** An address in a fresh network nobody in the population uses (an attacker's rented host). */
export function strangerAddress(draw: Draw, ipv6: boolean): string {
  return hostIn(draw, ipv6 ? drawIPv6Prefix(draw) : drawIPv4Prefix(draw));
}
