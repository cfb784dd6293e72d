/**
 * The state store port: small JSON records by string key, written with optimistic concurrency and
 * an expiry time. Login baselines, alert cooldowns and remediation rate limits live here: DynamoDB
 * on AWS (shared by every function instance), a JSON file in local mode (kept across restarts).
 */

/** A JSON value, as JSON.parse gives it. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;

/** A JSON object: what a record holds. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** One record as read: its value (undefined when absent or expired) and its version (0 when absent). */
export interface StoredRecord {
  readonly value: JsonObject | undefined;
  /**
   * Incremented by every write. An expired record that is still stored reads as no value but keeps
   * its version, so the next write's condition still guards against a concurrent writer.
   */
  readonly version: number;
}

/** Versioned records with expiry; the two adapters behave identically (one contract test runs both). */
export interface StateStore {
  /** Reads records by key (strongly consistent); a key never written reads as `{ value: undefined, version: 0 }`. */
  read(keys: readonly string[], signal?: AbortSignal): Promise<Map<string, StoredRecord>>;
  /**
   * Writes `value` as version `expectedVersion + 1` if the stored version is still `expectedVersion`
   * (0: the key must not exist). False when another writer got there first: read again and redo.
   * @param expiresAt epoch seconds after which the record reads as absent (and DynamoDB's TTL deletes it)
   */
  write(
    key: string,
    value: JsonObject,
    expectedVersion: number,
    expiresAt: number,
    signal?: AbortSignal,
  ): Promise<boolean>;
}

/** Longest key accepted, in UTF-8 bytes (DynamoDB allows 2,048 for a partition key; ours stay short). */
export const MAX_KEY_BYTES = 1_024;

/** Largest serialised value accepted, in bytes: DynamoDB items are at most 400 KB, and state stays small. */
export const MAX_VALUE_BYTES = 64 * 1024;

/** Throws for a key no adapter may store (a programming error: keys are built by code, not sent by users). */
export function checkKey(key: string): void {
  const bytes = Buffer.byteLength(key, "utf8");
  if (bytes === 0 || bytes > MAX_KEY_BYTES)
    throw new Error(`state key must be 1 to ${MAX_KEY_BYTES} bytes, got ${bytes}`);
}

/** The value as stored (JSON); throws when it is too large to store. */
export function serialiseValue(key: string, value: JsonObject): string {
  checkKey(key);
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json, "utf8") > MAX_VALUE_BYTES) {
    throw new Error(`state record ${key} is over ${MAX_VALUE_BYTES} bytes; keep state small`);
  }
  return json;
}
