/**
 * Labelled attack scenarios, written from how these attacks are described (brute force, credential
 * stuffing, password spraying, a session taken over with a stolen password or token), with their
 * sizes and speeds drawn from ranges the training and held-out populations set differently.
 * Each event is marked decisive when a detector could fairly be expected to flag it: the first few
 * failures of a burst look like typos and are neither attacks to learn nor false alarms to count.
 */
import type { Draw } from "./draw";
import { type RawSignIn, type RoutineUser, strangerAddress } from "./routine-users";
import { drawBrowser, TOOL_AGENTS, userAgentOf } from "./sign-in-world";

/** The attack kinds the generator writes. */
export const ATTACK_KINDS = [
  "brute_force",
  "distributed_brute_force",
  "credential_stuffing",
  "password_spraying",
  "success_after_burst",
  "new_network_rare_hour",
  "mfa_dropped",
  "impossible_switch",
] as const;

/** One attack kind. */
export type AttackKind = (typeof ATTACK_KINDS)[number];

/** Scenario sizes and speeds: [low, high] ranges, drawn uniformly. */
export interface AttackMix {
  /** Scenarios of each kind in one population. */
  readonly counts: Readonly<Record<AttackKind, number>>;
  /** Failures in a brute-force burst, and the minutes it lasts. */
  readonly burstFailures: readonly [number, number];
  readonly burstMinutes: readonly [number, number];
  /** Users one stuffing address tries, over how many minutes, and the share of names that do not exist. */
  readonly stuffingUsers: readonly [number, number];
  readonly stuffingMinutes: readonly [number, number];
  readonly unknownNameShare: number;
  /** Users a sprayer tries (one attempt each), over how many hours. */
  readonly sprayUsers: readonly [number, number];
  readonly sprayHours: readonly [number, number];
  /** Addresses a distributed brute force uses (1-3 failures each), over how many minutes. */
  readonly distributedAddresses: readonly [number, number];
  readonly distributedMinutes: readonly [number, number];
  /** Minutes between the user's own sign-in and the attacker's, for the impossible switch. */
  readonly switchMinutes: readonly [number, number];
  /** Share of attacker addresses that are IPv6. */
  readonly attackerIpv6Share: number;
  /** Share of targeted take-overs that copy the victim's exact user agent. */
  readonly copiedAgentShare: number;
  /** Share of unknown names logged as AWS's placeholder (console sign-ins) rather than as typed. */
  readonly placeholderShare: number;
}

/** One scenario's events (attacker and, for the switch, the victim's own sign-in just before). */
export interface Scenario {
  readonly kind: AttackKind;
  readonly events: readonly RawSignIn[];
  /** Per event: an attack event a detector should flag. */
  readonly decisive: readonly boolean[];
  /** Per event: part of the attack (false for the victim's own sign-in in a switch). */
  readonly attack: readonly boolean[];
}

/** What a scenario generator needs about the population. */
export interface Victims {
  readonly users: readonly RoutineUser[];
  /** Epoch seconds of the period's first UTC midnight, and its length in days. */
  readonly start: number;
  readonly days: number;
  /** The first day attacks may start (after the week of history). */
  readonly firstAttackDay: number;
}

/** The placeholder AWS logs for a user name that does not exist (see lambdas/detection/login). */
const PLACEHOLDER = "HIDDEN_DUE_TO_SECURITY_REASONS";

function range(draw: Draw, [low, high]: readonly [number, number]): number {
  return draw.int(Math.round(low), Math.round(high));
}

function attackerAgent(draw: Draw): string | undefined {
  return draw.weighted<string | undefined>([
    [draw.pick(TOOL_AGENTS), 5],
    [userAgentOf(drawBrowser(draw)), 4],
    [undefined, 1],
  ]);
}

/** A time on an attack day, at a uniformly random moment. */
function attackTime(draw: Draw, v: Victims): number {
  return v.start + draw.int(v.firstAttackDay, v.days - 1) * 86_400 + draw.int(0, 86_399);
}

/** A name that belongs to no user: typed as is, or logged as AWS's placeholder. */
function unknownName(draw: Draw, mix: AttackMix): string {
  if (draw.chance(mix.placeholderShare)) return PLACEHOLDER;
  return `${draw.pick(["admin", "test", "ops", "dev", "backup", "j.doe", "svc"])}${draw.int(0, 999)}`;
}

/** Spreads `count` times over `seconds` from `start`, in order, with jitter. */
function spread(draw: Draw, start: number, count: number, seconds: number): number[] {
  return Array.from({ length: count }, (_, i) =>
    Math.round(start + (seconds * (i + draw.between(0, 0.9))) / Math.max(1, count)),
  );
}

/** A local hour far from the user's habits. */
function rareLocalHour(draw: Draw, user: RoutineUser): number {
  switch (user.habit) {
    case "night":
      return draw.between(11, 16);
    case "flexible":
      return draw.between(2, 5.5);
    default:
      return draw.between(1.5, 5);
  }
}

/** A local hour inside the user's habits. */
function usualLocalHour(draw: Draw, user: RoutineUser): number {
  switch (user.habit) {
    case "night":
      return draw.between(21.5, 23.5);
    case "flexible":
      return draw.between(10, 20);
    default:
      return draw.between(9, 16);
  }
}

/** A day on which the user works (so the victim's own sign-in is routine). */
function workday(draw: Draw, user: RoutineUser, v: Victims): number {
  for (let tries = 0; tries < 50; tries += 1) {
    const day = draw.int(v.firstAttackDay, v.days - 1);
    if (user.workdays.includes(day % 7) || user.habit === "flexible") return day;
  }
  return v.firstAttackDay;
}

function victimAgent(user: RoutineUser): string {
  return userAgentOf(user.browsers[0]!.browser);
}

/** A usual address of the user (their first network: home or office). */
function usualAddress(draw: Draw, user: RoutineUser): string {
  return user.networks[0]![0].address(draw);
}

type Generator = (draw: Draw, mix: AttackMix, v: Victims) => Scenario;

function burst(
  draw: Draw,
  user: string,
  ip: string,
  agent: string | undefined,
  at: number,
  count: number,
  seconds: number,
): RawSignIn[] {
  return spread(draw, at, count, seconds).map((t) => ({
    at: t,
    user,
    sourceIp: ip,
    success: false,
    ...(agent ? { userAgent: agent } : {}),
  }));
}

const GENERATORS: Readonly<Record<AttackKind, Generator>> = {
  brute_force(draw, mix, v) {
    const user = draw.chance(0.8) ? draw.pick(v.users).name : unknownName(draw, mix);
    const ip = strangerAddress(draw, draw.chance(mix.attackerIpv6Share));
    const count = range(draw, mix.burstFailures);
    const events = burst(
      draw,
      user,
      ip,
      attackerAgent(draw),
      attackTime(draw, v),
      count,
      range(draw, mix.burstMinutes) * 60,
    );
    return {
      kind: "brute_force",
      events,
      decisive: events.map((_, i) => i >= 3),
      attack: events.map(() => true),
    };
  },
  distributed_brute_force(draw, mix, v) {
    const user = draw.pick(v.users).name;
    const addresses = range(draw, mix.distributedAddresses);
    const ipv6 = draw.chance(mix.attackerIpv6Share);
    const attempts = Array.from({ length: addresses }, () => ({
      ip: strangerAddress(draw, ipv6),
      n: draw.int(1, 3),
    }));
    const total = attempts.reduce((sum, a) => sum + a.n, 0);
    const times = spread(draw, attackTime(draw, v), total, range(draw, mix.distributedMinutes) * 60);
    const agent = attackerAgent(draw);
    let index = 0;
    const events = attempts.flatMap(({ ip, n }) =>
      Array.from({ length: n }, () => ({
        at: times[index++]!,
        user,
        sourceIp: ip,
        success: false,
        ...(agent ? { userAgent: agent } : {}),
      })),
    );
    events.sort((a, b) => a.at - b.at);
    return {
      kind: "distributed_brute_force",
      events,
      decisive: events.map((_, i) => i >= 3),
      attack: events.map(() => true),
    };
  },
  credential_stuffing(draw, mix, v) {
    const ip = strangerAddress(draw, draw.chance(mix.attackerIpv6Share));
    const agent = attackerAgent(draw);
    const count = range(draw, mix.stuffingUsers);
    const names = Array.from({ length: count }, () =>
      draw.chance(mix.unknownNameShare) ? unknownName(draw, mix) : draw.pick(v.users).name,
    );
    const attempts = names.flatMap((name) => (draw.chance(0.2) ? [name, name] : [name]));
    const times = spread(draw, attackTime(draw, v), attempts.length, range(draw, mix.stuffingMinutes) * 60);
    const seen = new Set<string>();
    const decisive: boolean[] = [];
    const events = attempts.map((name, i) => {
      seen.add(name);
      decisive.push(seen.size >= 5);
      // A leaked password sometimes still works.
      const success = name !== PLACEHOLDER && draw.chance(0.04);
      return {
        at: times[i]!,
        user: name,
        sourceIp: ip,
        success,
        ...(agent ? { userAgent: agent } : {}),
        ...(success ? { mfa: false } : {}),
      };
    });
    return { kind: "credential_stuffing", events, decisive, attack: events.map(() => true) };
  },
  password_spraying(draw, mix, v) {
    const ip = strangerAddress(draw, draw.chance(mix.attackerIpv6Share));
    const agent = attackerAgent(draw);
    const count = range(draw, mix.sprayUsers);
    const names = [
      ...new Set(
        Array.from({ length: count }, () =>
          draw.chance(mix.unknownNameShare / 2) ? unknownName(draw, mix) : draw.pick(v.users).name,
        ),
      ),
    ];
    const times = spread(draw, attackTime(draw, v), names.length, range(draw, mix.sprayHours) * 3600);
    const events = names.map((name, i) => ({
      at: times[i]!,
      user: name,
      sourceIp: ip,
      success: false,
      ...(agent ? { userAgent: agent } : {}),
    }));
    return {
      kind: "password_spraying",
      events,
      decisive: events.map((_, i) => i >= 4),
      attack: events.map(() => true),
    };
  },
  success_after_burst(draw, mix, v) {
    const victim = draw.pick(v.users);
    const ip = strangerAddress(draw, draw.chance(mix.attackerIpv6Share));
    const agent = draw.chance(mix.copiedAgentShare) ? victimAgent(victim) : attackerAgent(draw);
    const count = range(draw, mix.burstFailures);
    const seconds = range(draw, mix.burstMinutes) * 60;
    const at = attackTime(draw, v);
    const failures = burst(draw, victim.name, ip, agent, at, count, seconds);
    const successIp = draw.chance(0.75) ? ip : strangerAddress(draw, draw.chance(mix.attackerIpv6Share));
    const success: RawSignIn = {
      at: at + seconds + draw.int(5, 120),
      user: victim.name,
      sourceIp: successIp,
      success: true,
      ...(agent ? { userAgent: agent } : {}),
      ...(draw.chance(0.7) ? { mfa: victim.mfaRate === 1 } : {}),
    };
    const events = [...failures, success];
    return {
      kind: "success_after_burst",
      events,
      decisive: events.map((_, i) => i >= 3),
      attack: events.map(() => true),
    };
  },
  new_network_rare_hour(draw, mix, v) {
    const victim = draw.pick(v.users);
    const day = draw.int(v.firstAttackDay, v.days - 1);
    const at = Math.round(v.start + day * 86_400 + (rareLocalHour(draw, victim) - victim.zone) * 3600);
    const agent = draw.chance(mix.copiedAgentShare) ? victimAgent(victim) : attackerAgent(draw);
    const events: RawSignIn[] = [
      {
        at,
        user: victim.name,
        sourceIp: strangerAddress(draw, draw.chance(mix.attackerIpv6Share)),
        success: true,
        ...(agent ? { userAgent: agent } : {}),
        // The attacker passes MFA when the victim uses it (a phished code), so only network and hour stand out.
        mfa: victim.mfaRate === 1,
      },
    ];
    return { kind: "new_network_rare_hour", events, decisive: [true], attack: [true] };
  },
  mfa_dropped(draw, mix, v) {
    const always = v.users.filter((u) => u.mfaRate === 1);
    const victim = draw.pick(always.length > 0 ? always : v.users);
    const day = workday(draw, victim, v);
    const at = Math.round(v.start + day * 86_400 + (usualLocalHour(draw, victim) - victim.zone) * 3600);
    const fromHome = draw.chance(0.5);
    const agent = draw.chance(mix.copiedAgentShare) ? victimAgent(victim) : attackerAgent(draw);
    const events: RawSignIn[] = [
      {
        at,
        user: victim.name,
        sourceIp: fromHome
          ? usualAddress(draw, victim)
          : strangerAddress(draw, draw.chance(mix.attackerIpv6Share)),
        success: true,
        mfa: false,
        ...(agent ? { userAgent: agent } : {}),
      },
    ];
    return { kind: "mfa_dropped", events, decisive: [true], attack: [true] };
  },
  impossible_switch(draw, mix, v) {
    const victim = draw.pick(v.users);
    const day = workday(draw, victim, v);
    const at = Math.round(v.start + day * 86_400 + (usualLocalHour(draw, victim) - victim.zone) * 3600);
    const mfa = victim.mfaRate === 1;
    const own: RawSignIn = {
      at,
      user: victim.name,
      sourceIp: usualAddress(draw, victim),
      success: true,
      userAgent: victimAgent(victim),
      mfa,
    };
    // Another device as well as another network: the same browser from a second network is a phone
    // switching from Wi-Fi to its carrier, which routine users do all day.
    const agent = draw.chance(0.5) ? draw.pick(TOOL_AGENTS) : userAgentOf(drawBrowser(draw));
    const attacker: RawSignIn = {
      at: at + range(draw, mix.switchMinutes) * 60,
      user: victim.name,
      sourceIp: strangerAddress(draw, draw.chance(mix.attackerIpv6Share)),
      success: true,
      mfa,
      userAgent: agent,
    };
    return {
      kind: "impossible_switch",
      events: [own, attacker],
      decisive: [false, true],
      attack: [false, true],
    };
  },
};

/** Every scenario of a population, kind by kind in ATTACK_KINDS order. */
export function attackScenarios(draw: Draw, mix: AttackMix, victims: Victims): Scenario[] {
  return ATTACK_KINDS.flatMap((kind) =>
    Array.from({ length: mix.counts[kind] }, () => GENERATORS[kind](draw, mix, victims)),
  );
}
