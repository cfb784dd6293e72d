/**
 * The login detection core: scores a request's sign-in events against the state store, as if every
 * event, from this request and from concurrent ones, had been applied one after the other.
 *
 * It reads each touched record once (one batch read), replays the events over them, writes every
 * record back conditionally on the version it read, and runs the model once over all events. When a
 * concurrent writer won a record, that record alone is read again and the replay redone: a record's
 * update depends only on that record and the events, so the records already written stay right, and
 * every event's verdict is measured on exactly the state its records were written from.
 */
import type { InferenceSession } from "onnxruntime-node";
import type { DecisionRule } from "../../../models/manifest-schema";
import type { StateStore, StoredRecord } from "../../state/state-store";
import { featureRow } from "./login-features";
import { runLoginModel } from "./login-model";
import { reasonsFor } from "./login-reasons";
import {
  ADDRESS_RETENTION_S,
  type AddressState,
  decodeAddressState,
  decodeUserState,
  encodeAddressState,
  encodeUserState,
  USER_RETENTION_S,
  type UserState,
} from "./login-state";
import { keysOf, type Replayed, replaySignIns } from "./replay-sign-ins";
import type { SignInEvent } from "./sign-in-event";

/** The verdict on one sign-in, in request order. */
export interface SignInVerdict {
  readonly user: string;
  readonly time: string;
  readonly anomaly: 0 | 1;
  /** The model's probability of an attack (float32). */
  readonly probability: number;
  /** The model's logit, which the decision rule compares with its threshold. */
  readonly score: number;
  readonly reasons: readonly string[];
}

/** The loaded login-events model: its session and the manifest's decision rule. */
export interface LoginEventsModel {
  readonly session: InferenceSession;
  readonly decision: Pick<DecisionRule, "operator" | "threshold">;
}

/** Where state lives and how long to keep trying. */
export interface ScoreSignInsOptions {
  readonly store: StateStore;
  /** Wall clock in epoch milliseconds: record expiry is counted from it (default Date.now). */
  readonly now?: () => number;
  /** Rounds of re-reading records a concurrent writer changed (default 8). */
  readonly maxAttempts?: number;
  readonly signal?: AbortSignal;
}

/** Thrown when concurrent writers kept changing the same records: the client should retry. */
export class LoginStateContention extends Error {
  constructor(attempts: number) {
    super(`login state kept changing under ${attempts} concurrent updates; retry the request`);
    this.name = "LoginStateContention";
  }
}

/** Default rounds of re-reading conflicting records. */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** The records an event list touches, as read from the store, with their versions. */
interface Bases {
  readonly users: Map<string, UserState>;
  readonly addresses: Map<string, AddressState>;
  readonly versions: Map<string, number>;
}

function absorb(
  bases: Bases,
  records: ReadonlyMap<string, StoredRecord>,
  userKeys: ReadonlySet<string>,
): void {
  for (const [key, record] of records) {
    bases.versions.set(key, record.version);
    if (userKeys.has(key)) bases.users.set(key, decodeUserState(record.value));
    else bases.addresses.set(key, decodeAddressState(record.value));
  }
}

/**
 * Replays `events` over the store's records and writes the results back, retrying the records a
 * concurrent writer changed; returns the replay whose every record was written.
 */
export async function applySignIns(
  events: readonly SignInEvent[],
  options: ScoreSignInsOptions,
): Promise<Replayed> {
  const { store, signal } = options;
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const userKeys = new Set<string>();
  const addressKeys = new Set<string>();
  for (const event of events) {
    const keys = keysOf(event);
    if (keys.user !== undefined) userKeys.add(keys.user);
    addressKeys.add(keys.address);
  }
  const bases: Bases = { users: new Map(), addresses: new Map(), versions: new Map() };
  let pending = [...userKeys, ...addressKeys];
  absorb(bases, await store.read(pending, signal), userKeys);
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const replayed = replaySignIns(events, bases.users, bases.addresses);
    const nowS = now() / 1000;
    const written = await Promise.all(
      pending.map((key) => {
        const isUser = userKeys.has(key);
        const state = isUser ? replayed.users.get(key)! : replayed.addresses.get(key)!;
        const value = isUser
          ? encodeUserState(state as UserState)
          : encodeAddressState(state as AddressState);
        const expiresAt = Math.max(nowS, state.last) + (isUser ? USER_RETENTION_S : ADDRESS_RETENTION_S);
        return store.write(key, value, bases.versions.get(key) ?? 0, expiresAt, signal);
      }),
    );
    const conflicted = pending.filter((_, i) => !written[i]);
    if (conflicted.length === 0) return replayed;
    pending = conflicted;
    absorb(bases, await store.read(pending, signal), userKeys);
  }
  throw new LoginStateContention(maxAttempts);
}

/** Scores sign-in events (validated, in time order) against their users' and addresses' history. */
export async function scoreSignIns(
  events: readonly SignInEvent[],
  model: LoginEventsModel,
  options: ScoreSignInsOptions,
): Promise<SignInVerdict[]> {
  const { signals } = await applySignIns(events, options);
  const outputs = await runLoginModel(model.session, signals.map(featureRow));
  const { operator, threshold } = model.decision;
  return events.map((event, i) => {
    const { score, probability } = outputs[i]!;
    const anomaly = (operator === ">" ? score > threshold : score >= threshold) ? 1 : 0;
    return {
      user: event.user,
      time: event.time,
      anomaly,
      probability,
      score,
      reasons: reasonsFor(signals[i]!),
    };
  });
}
