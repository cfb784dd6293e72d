/**
 * State store adapter for local mode: every record in one JSON file, rewritten atomically (write to
 * a temporary file, then rename) so a crash never leaves half a file and a restart keeps the state.
 * Operations are serialised within the process; local mode runs one server process.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { checkKey, type JsonObject, type StateStore, type StoredRecord, serialiseValue } from "./state-store";

/** A record as the file keeps it. */
interface FileRecord {
  readonly value: JsonObject;
  readonly version: number;
  readonly expiresAt: number;
}

/** The file's layout. */
interface StateFile {
  readonly formatVersion: 1;
  readonly records: Record<string, FileRecord>;
}

function isFileRecord(value: unknown): value is FileRecord {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.value === "object" &&
    record.value !== null &&
    !Array.isArray(record.value) &&
    Number.isInteger(record.version) &&
    typeof record.expiresAt === "number"
  );
}

/** Keeps state records in one JSON file. */
export class FileStateStore implements StateStore {
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param file the JSON file (created with its folder on the first write)
   * @param now clock in epoch milliseconds (tests move it)
   */
  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads records by key. */
  async read(keys: readonly string[]): Promise<Map<string, StoredRecord>> {
    for (const key of keys) checkKey(key);
    return this.serialised(async () => {
      const { records } = await this.load();
      const nowSeconds = this.now() / 1000;
      return new Map(
        keys.map((key): [string, StoredRecord] => {
          const record = Object.hasOwn(records, key) ? records[key] : undefined;
          if (!record) return [key, { value: undefined, version: 0 }];
          return [
            key,
            { value: record.expiresAt > nowSeconds ? record.value : undefined, version: record.version },
          ];
        }),
      );
    });
  }

  /** Writes a record if its version is unchanged. */
  async write(key: string, value: JsonObject, expectedVersion: number, expiresAt: number): Promise<boolean> {
    serialiseValue(key, value);
    return this.serialised(async () => {
      const { records } = await this.load();
      const current = Object.hasOwn(records, key) ? records[key]!.version : 0;
      if (current !== expectedVersion) return false;
      const nowSeconds = this.now() / 1000;
      const kept: Record<string, FileRecord> = {};
      // Expired records are dropped as the file is rewritten, as DynamoDB's TTL would, except the
      // one being written (its version must carry on).
      for (const [name, record] of Object.entries(records)) {
        if (record.expiresAt > nowSeconds && name !== key) kept[name] = record;
      }
      kept[key] = { value, version: expectedVersion + 1, expiresAt: Math.ceil(expiresAt) };
      await this.save({ formatVersion: 1, records: kept });
      return true;
    });
  }

  private serialised<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<StateFile> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { formatVersion: 1, records: {} };
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`state file ${this.file} is not valid JSON; move it away to start with empty state`);
    }
    const records = (parsed as { records?: unknown }).records;
    if (typeof records !== "object" || records === null || !Object.values(records).every(isFileRecord)) {
      throw new Error(
        `state file ${this.file} is not a Helios state file; move it away to start with empty state`,
      );
    }
    return { formatVersion: 1, records: records as Record<string, FileRecord> };
  }

  private async save(state: StateFile): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(state), "utf8");
    await rename(temporary, this.file);
  }
}
