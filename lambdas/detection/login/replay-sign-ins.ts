/**
 * Replays sign-ins over the states before them, one after the other: each event's signals are
 * measured on its user's and its address's state, then the event is added to both. Pure; the
 * store-backed scorer, the trainer and the benchmark all run this one function.
 */
import { applyToAddress, applyToUser } from "./apply-sign-in";
import {
  type AddressState,
  addressKey,
  emptyAddressState,
  emptyUserState,
  type UserState,
  userKey,
  userTag,
} from "./login-state";
import { isHiddenUser, type SignInEvent } from "./sign-in-event";
import { type SignInSignals, signalsOf } from "./sign-in-signals";

/** The state keys one event reads and writes: its user's (none for the placeholder user) and its address's. */
export interface EventKeys {
  readonly user: string | undefined;
  readonly address: string;
}

/** The state keys of an event. */
export function keysOf(event: SignInEvent): EventKeys {
  return {
    user: isHiddenUser(event) ? undefined : userKey(event.user),
    address: addressKey(event.address.client),
  };
}

/** Signals per event, in order, and every touched record's state after all of them. */
export interface Replayed {
  readonly signals: readonly SignInSignals[];
  readonly users: ReadonlyMap<string, UserState>;
  readonly addresses: ReadonlyMap<string, AddressState>;
}

/** Replays `events` (in time order) over the given states, keyed by state key; absent keys start empty. */
export function replaySignIns(
  events: readonly SignInEvent[],
  users: ReadonlyMap<string, UserState>,
  addresses: ReadonlyMap<string, AddressState>,
): Replayed {
  const userStates = new Map(users);
  const addressStates = new Map(addresses);
  const tags = new Map<string, string>();
  const signals = events.map((event) => {
    const keys = keysOf(event);
    let tag: string | undefined;
    if (keys.user !== undefined) {
      tag = tags.get(event.user) ?? userTag(event.user);
      tags.set(event.user, tag);
    }
    const user = keys.user === undefined ? undefined : (userStates.get(keys.user) ?? emptyUserState());
    const address = addressStates.get(keys.address) ?? emptyAddressState();
    const measured = signalsOf(event, user, address, tag);
    if (keys.user !== undefined && user) userStates.set(keys.user, applyToUser(user, event));
    addressStates.set(keys.address, applyToAddress(address, event, tag));
    return measured;
  });
  return { signals, users: userStates, addresses: addressStates };
}
