/**
 * Populations of sign-in histories: routine users over four weeks with attack scenarios in the last
 * three, all in one time-ordered stream. The training populations and the held-out ones differ in
 * seed AND in their parameters (habit mix, IPv6 share, typo rates, burst sizes and speeds, stuffing
 * and spraying sizes), so held-out figures measure what the model does on behaviour it never saw.
 */
import { checkSignInEvent, type SignInEvent } from "../../../lambdas/detection/login/sign-in-event";
import { SeededRandom } from "../random";
import { type AttackKind, type AttackMix, attackScenarios } from "./attack-scenarios";
import { Draw } from "./draw";
import {
  drawRoutineUser,
  drawSharedNetworks,
  type RawSignIn,
  type RoutineMix,
  routineSignIns,
} from "./routine-users";

/** One population's recipe. */
export interface PopulationSettings {
  readonly name: string;
  readonly seed: number;
  readonly users: number;
  readonly days: number;
  /** Epoch seconds of the first day's UTC midnight. */
  readonly start: number;
  readonly routine: RoutineMix;
  readonly attacks: AttackMix;
}

/** One generated sign-in with its label. */
export interface LabelledSignIn {
  readonly event: SignInEvent;
  /** "routine", or the attack kind of its scenario. */
  readonly kind: "routine" | AttackKind;
  /** Index of its scenario in the population, or -1 for routine sign-ins. */
  readonly scenario: number;
  /** An attack event a detector should flag (false for routine events and a burst's first failures). */
  readonly decisive: boolean;
  /** After the first week of history: where routine false alarms are counted. */
  readonly afterWeek: boolean;
}

/** A generated population. */
export interface Population {
  readonly settings: PopulationSettings;
  /** Every sign-in, in time order. */
  readonly signIns: readonly LabelledSignIn[];
  /** Attack kind of each scenario, by scenario index. */
  readonly scenarios: readonly AttackKind[];
}

/** Days of routine history before the first attack. */
export const HISTORY_DAYS = 7;

/** Monday 5 October 2026, 00:00 UTC. */
const START = Date.UTC(2026, 9, 5) / 1000;

function toEvent(raw: RawSignIn): SignInEvent {
  const checked = checkSignInEvent(
    {
      user: raw.user,
      time: new Date(raw.at * 1000).toISOString(),
      source_ip: raw.sourceIp,
      success: raw.success,
      ...(raw.mfa === undefined ? {} : { mfa: raw.mfa }),
      ...(raw.userAgent === undefined ? {} : { user_agent: raw.userAgent }),
    },
    "generated",
  );
  if (!checked.ok) throw new Error(`generator wrote an invalid sign-in: ${checked.problem}`);
  return checked.value;
}

/** Generates a population: its routine users' four weeks and its attack scenarios, merged in time order. */
export function generatePopulation(settings: PopulationSettings): Population {
  const draw = new Draw(new SeededRandom(settings.seed));
  const shared = drawSharedNetworks(draw, settings.routine);
  const users = Array.from({ length: settings.users }, (_, i) =>
    drawRoutineUser(draw, `${settings.name}.user${i}@example.com`, settings.routine, shared, settings.days),
  );
  const tagged: { raw: RawSignIn; kind: LabelledSignIn["kind"]; scenario: number; decisive: boolean }[] = [];
  for (const user of users) {
    for (const raw of routineSignIns(draw, user, settings.start, settings.days, settings.routine)) {
      tagged.push({ raw, kind: "routine", scenario: -1, decisive: false });
    }
  }
  const scenarios = attackScenarios(draw, settings.attacks, {
    users,
    start: settings.start,
    days: settings.days,
    firstAttackDay: HISTORY_DAYS,
  });
  scenarios.forEach((scenario, index) => {
    scenario.events.forEach((raw, i) => {
      const attack = scenario.attack[i]!;
      tagged.push({
        raw,
        kind: attack ? scenario.kind : "routine",
        scenario: attack ? index : -1,
        decisive: scenario.decisive[i]!,
      });
    });
  });
  // A stable sort: events at the same second keep their generation order (a burst stays in order).
  const order = tagged.map((_, i) => i).sort((a, b) => tagged[a]!.raw.at - tagged[b]!.raw.at || a - b);
  const weekEnd = settings.start + HISTORY_DAYS * 86_400;
  const signIns = order.map((i) => {
    const { raw, kind, scenario, decisive } = tagged[i]!;
    return { event: toEvent(raw), kind, scenario, decisive, afterWeek: raw.at >= weekEnd };
  });
  return { settings, signIns, scenarios: scenarios.map((s) => s.kind) };
}

const TRAINING_ROUTINE: RoutineMix = {
  habits: { office: 5, night: 1, flexible: 2, oncall: 1, parttime: 1 },
  ipv6Share: 0.2,
  travellerShare: 0.12,
  travelShiftHours: [3, 9],
  newDeviceShare: 0.08,
  newHomeShare: 0.05,
  typoRate: [0.02, 0.08],
  wrongNameRate: 0.01,
  forgottenRate: 0.004,
  staleDeviceShare: 0.02,
  sessionsPerDay: [1.2, 3.5],
  mfaUnknownShare: 0.03,
};

const TRAINING_ATTACKS: AttackMix = {
  counts: {
    brute_force: 40,
    distributed_brute_force: 20,
    credential_stuffing: 30,
    password_spraying: 20,
    success_after_burst: 30,
    new_network_rare_hour: 40,
    mfa_dropped: 40,
    impossible_switch: 30,
  },
  burstFailures: [6, 30],
  burstMinutes: [1, 10],
  stuffingUsers: [15, 60],
  stuffingMinutes: [5, 60],
  unknownNameShare: 0.4,
  sprayUsers: [10, 40],
  sprayHours: [1, 4],
  distributedAddresses: [5, 20],
  distributedMinutes: [5, 30],
  switchMinutes: [2, 30],
  attackerIpv6Share: 0.2,
  copiedAgentShare: 0.3,
  placeholderShare: 0.5,
};

/** The populations the model is trained on. */
export const TRAINING_POPULATIONS: readonly PopulationSettings[] = [11, 12, 13].map((seed) => ({
  name: `train${seed}`,
  seed,
  users: 150,
  days: 28,
  start: START,
  routine: TRAINING_ROUTINE,
  attacks: TRAINING_ATTACKS,
}));

/**
 * Populations held out from training: other seeds, and parameters outside the training ranges
 * (smaller and slower bursts, far larger ones, small and huge stuffing lists, slow spraying, more
 * night workers, travellers and IPv6, sloppier typists).
 */
export const HELD_OUT_POPULATIONS: readonly PopulationSettings[] = [
  {
    name: "heldout21",
    seed: 21,
    users: 200,
    days: 28,
    start: START,
    routine: {
      ...TRAINING_ROUTINE,
      habits: { office: 3, night: 2, flexible: 3, oncall: 1, parttime: 1 },
      ipv6Share: 0.4,
      travellerShare: 0.2,
      travelShiftHours: [2, 11],
      typoRate: [0.04, 0.12],
      sessionsPerDay: [1, 5],
    },
    attacks: {
      ...TRAINING_ATTACKS,
      burstFailures: [5, 8],
      burstMinutes: [2, 15],
      stuffingUsers: [8, 14],
      stuffingMinutes: [10, 90],
      sprayUsers: [6, 12],
      sprayHours: [4, 10],
      distributedAddresses: [3, 6],
      distributedMinutes: [10, 40],
      switchMinutes: [30, 55],
      attackerIpv6Share: 0.4,
      copiedAgentShare: 0.6,
    },
  },
  {
    name: "heldout22",
    seed: 22,
    users: 120,
    days: 21,
    start: START + 14 * 86_400,
    routine: {
      ...TRAINING_ROUTINE,
      habits: { office: 6, night: 0.5, flexible: 1, oncall: 2, parttime: 0.5 },
      ipv6Share: 0.1,
      newDeviceShare: 0.15,
      newHomeShare: 0.1,
      forgottenRate: 0.008,
      wrongNameRate: 0.02,
      staleDeviceShare: 0.05,
    },
    attacks: {
      ...TRAINING_ATTACKS,
      burstFailures: [40, 120],
      burstMinutes: [1, 3],
      stuffingUsers: [80, 150],
      stuffingMinutes: [2, 20],
      sprayUsers: [40, 80],
      sprayHours: [0.5, 2],
      distributedAddresses: [20, 40],
      distributedMinutes: [2, 10],
      switchMinutes: [1, 5],
      unknownNameShare: 0.7,
      copiedAgentShare: 0.1,
    },
  },
];
