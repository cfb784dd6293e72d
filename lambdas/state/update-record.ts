/** Read-modify-write of one state record, retried when a concurrent writer wins the race. */
import type { JsonObject, StateStore } from "./state-store";

/** What an update decides: the new value and its expiry, or `undefined` to leave the record alone. */
export type RecordUpdate<R> =
  | { readonly value: JsonObject; readonly expiresAt: number; readonly result: R }
  | { readonly value?: undefined; readonly result: R };

/** How many read-modify-write rounds are tried before giving up. */
export const DEFAULT_UPDATE_ATTEMPTS = 10;

/** The first wait after a lost race, in ms; it doubles (with jitter) up to MAX_BACKOFF_MS. */
const FIRST_BACKOFF_MS = 4;
const MAX_BACKOFF_MS = 200;

/**
 * Waits before another round: writers that lost the same race must not all come back at once, or
 * a burst on one key (many instances alerting on one resource) keeps them colliding.
 */
function backoff(attempt: number, signal: AbortSignal | undefined): Promise<void> {
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1));
  const wait = ceiling / 2 + Math.random() * (ceiling / 2);
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, wait);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/**
 * Applies `update` to the record's current value and writes the result conditionally; on a
 * conflict it waits a little (growing, jittered), reads again and re-applies, so `update` must be
 * a pure function of its input.
 * Returns the result of the round that was written (or that chose not to write).
 */
export async function updateRecord<R>(
  store: StateStore,
  key: string,
  update: (current: JsonObject | undefined) => RecordUpdate<R>,
  options: { readonly maxAttempts?: number; readonly signal?: AbortSignal } = {},
): Promise<R> {
  const attempts = options.maxAttempts ?? DEFAULT_UPDATE_ATTEMPTS;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const record = (await store.read([key], options.signal)).get(key) ?? { value: undefined, version: 0 };
    const decided = update(record.value);
    if (decided.value === undefined) return decided.result;
    if (await store.write(key, decided.value, record.version, decided.expiresAt, options.signal)) {
      return decided.result;
    }
    if (attempt < attempts) await backoff(attempt, options.signal);
  }
  throw new Error(`state record ${key} kept changing under ${attempts} concurrent updates; try again`);
}
