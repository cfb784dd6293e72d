/**
 * State store adapter that keeps records in the process's memory: what a runtime uses when no
 * store is configured (tests, benchmarks, a handler run by hand). Local mode configures the file
 * store instead, so its state survives restarts; on AWS the stack configures DynamoDB.
 */
import { checkKey, type JsonObject, type StateStore, type StoredRecord, serialiseValue } from "./state-store";

/** Keeps state records in a Map for the life of the process. */
export class MemoryStateStore implements StateStore {
  private readonly records = new Map<string, { json: string; version: number; expiresAt: number }>();

  /** @param now clock in epoch milliseconds (tests move it) */
  constructor(private readonly now: () => number = Date.now) {}

  /** Reads records by key. */
  async read(keys: readonly string[]): Promise<Map<string, StoredRecord>> {
    for (const key of keys) checkKey(key);
    const nowSeconds = this.now() / 1000;
    return new Map(
      keys.map((key): [string, StoredRecord] => {
        const record = this.records.get(key);
        if (!record) return [key, { value: undefined, version: 0 }];
        // Stored as JSON, so a caller never shares (or mutates) the stored object.
        const value = record.expiresAt > nowSeconds ? (JSON.parse(record.json) as JsonObject) : undefined;
        return [key, { value, version: record.version }];
      }),
    );
  }

  /** Writes a record if its version is unchanged. */
  async write(key: string, value: JsonObject, expectedVersion: number, expiresAt: number): Promise<boolean> {
    const json = serialiseValue(key, value);
    if ((this.records.get(key)?.version ?? 0) !== expectedVersion) return false;
    this.records.set(key, { json, version: expectedVersion + 1, expiresAt: Math.ceil(expiresAt) });
    return true;
  }
}
