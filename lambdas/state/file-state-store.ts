/**
 * State store adapter for local mode: the records live in memory and on disk as a snapshot (one
 * JSON file, rewritten atomically: temporary file, then rename) plus a journal beside it
 * (`<file>.journal`, one JSON line per write, appended). A write costs one append rather than a
 * rewrite of every record, so a sign-in costs well under a millisecond however much state there
 * is; the journal is folded into the snapshot when it grows past a few times the records. A restart
 * reads the snapshot and replays the journal (a line cut short by a crash is ignored), so the state
 * survives restarts. Operations on one file are serialised within the process, across instances;
 * another process appending to or folding the journal is noticed (its size or inode changes) and
 * the files re-read, but local mode runs one server process and makes no stronger promise.
 */
import { appendFile, mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { checkKey, type JsonObject, type StateStore, type StoredRecord, serialiseValue } from "./state-store";

/** A record as the file keeps it. */
interface FileRecord {
  readonly value: JsonObject;
  readonly version: number;
  readonly expiresAt: number;
}

/** The snapshot's layout. */
interface StateFile {
  readonly formatVersion: 1;
  readonly records: Record<string, FileRecord>;
}

/** One journal line: a record as written. */
interface JournalLine {
  readonly k: string;
  readonly v: JsonObject;
  readonly n: number;
  readonly e: number;
}

/** The journal is folded into the snapshot past this many lines and this many lines per record. */
const COMPACT_MIN_LINES = 2_000;
const COMPACT_LINES_PER_RECORD = 4;

/** Expired records are dropped from memory at most this often (seconds of the store's clock). */
const PURGE_INTERVAL_S = 1;

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

function isJournalLine(value: unknown): value is JournalLine {
  if (typeof value !== "object" || value === null) return false;
  const line = value as Record<string, unknown>;
  return (
    typeof line.k === "string" &&
    typeof line.v === "object" &&
    line.v !== null &&
    Number.isInteger(line.n) &&
    typeof line.e === "number"
  );
}

/** Operations in flight per file, shared by every store on that file in this process. */
const queues = new Map<string, Promise<unknown>>();

/**
 * The journal as this store last left it (inode and size): when it differs, another writer appended
 * or folded the journal, and this store reads both files again. Appends change the size, a fold
 * removes the journal, so one stat per operation is enough to notice.
 */
async function journalSignature(path: string): Promise<string> {
  try {
    const info = await stat(path);
    return `${info.ino}:${info.size}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "none";
    throw error;
  }
}

/** Keeps state records in a snapshot file and its journal. */
export class FileStateStore implements StateStore {
  private readonly file: string;
  private readonly journal: string;
  private records = new Map<string, FileRecord>();
  private journalLines = 0;
  /** The journal's signature after this store's last operation; undefined: read the files again. */
  private seen: string | undefined;
  private lastPurge = Number.NEGATIVE_INFINITY;

  /**
   * @param file the snapshot's path (created with its folder on the first write; the journal is `<file>.journal`)
   * @param now clock in epoch milliseconds (tests move it)
   */
  constructor(
    file: string,
    private readonly now: () => number = Date.now,
  ) {
    this.file = resolve(file);
    this.journal = `${this.file}.journal`;
  }

  /** Reads records by key. */
  async read(keys: readonly string[]): Promise<Map<string, StoredRecord>> {
    for (const key of keys) checkKey(key);
    return this.serialised(async () => {
      await this.sync();
      const nowSeconds = this.now() / 1000;
      return new Map(
        keys.map((key): [string, StoredRecord] => {
          const record = this.records.get(key);
          if (!record) return [key, { value: undefined, version: 0 }];
          return [
            key,
            { value: record.expiresAt > nowSeconds ? record.value : undefined, version: record.version },
          ];
        }),
      );
    });
  }

  /** Writes a record if its version is unchanged: one journal append. */
  async write(key: string, value: JsonObject, expectedVersion: number, expiresAt: number): Promise<boolean> {
    serialiseValue(key, value);
    return this.serialised(async () => {
      await this.sync();
      if ((this.records.get(key)?.version ?? 0) !== expectedVersion) return false;
      const record: FileRecord = { value, version: expectedVersion + 1, expiresAt: Math.ceil(expiresAt) };
      const line = `${JSON.stringify({ k: key, v: value, n: record.version, e: record.expiresAt })}\n`;
      await mkdir(dirname(this.file), { recursive: true });
      try {
        await appendFile(this.journal, line, "utf8");
      } catch (error) {
        this.seen = undefined; // the disk may not hold what memory would: read it again next time
        throw error;
      }
      this.records.set(key, record);
      this.journalLines += 1;
      this.seen = await this.grown(Buffer.byteLength(line, "utf8"));
      this.purgeExpired(key);
      if (
        this.journalLines >= COMPACT_MIN_LINES &&
        this.journalLines >= COMPACT_LINES_PER_RECORD * this.records.size
      ) {
        await this.compact();
      }
      return true;
    });
  }

  private serialised<T>(operation: () => Promise<T>): Promise<T> {
    const previous = queues.get(this.file) ?? Promise.resolve();
    const next = previous.then(operation, operation);
    const settled = next.catch(() => undefined);
    queues.set(this.file, settled);
    // Forget an idle file's queue, so that the map does not grow with every file ever used.
    void settled.then(() => {
      if (queues.get(this.file) === settled) queues.delete(this.file);
    });
    return next;
  }

  /**
   * Expired records are dropped as DynamoDB's TTL would, except the one just written (its version
   * must carry on); at most once per PURGE_INTERVAL_S, so a write stays one append.
   */
  private purgeExpired(keep: string): void {
    const nowSeconds = this.now() / 1000;
    if (nowSeconds - this.lastPurge < PURGE_INTERVAL_S) return;
    this.lastPurge = nowSeconds;
    for (const [name, record] of this.records) {
      if (record.expiresAt <= nowSeconds && name !== keep) this.records.delete(name);
    }
  }

  /** The journal's signature after this store appended `bytes` to it: counted, or stat'ed for a new journal. */
  private async grown(bytes: number): Promise<string> {
    if (this.seen === undefined || this.seen === "none") return journalSignature(this.journal);
    const [inode, size] = this.seen.split(":");
    return `${inode}:${Number(size) + bytes}`;
  }

  /** Re-reads the files when the journal is not as this store left it (first use, or another writer). */
  private async sync(): Promise<void> {
    const current = await journalSignature(this.journal);
    if (this.seen === current) return;
    this.records = new Map(Object.entries((await this.loadSnapshot()).records));
    this.journalLines = await this.replayJournal();
    const nowSeconds = this.now() / 1000;
    for (const [name, record] of this.records) if (record.expiresAt <= nowSeconds) this.records.delete(name);
    this.seen = current;
  }

  private async loadSnapshot(): Promise<StateFile> {
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

  /** Applies the journal's lines over the snapshot; returns how many there were. */
  private async replayJournal(): Promise<number> {
    let text: string;
    try {
      text = await readFile(this.journal, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
      throw error;
    }
    // Every complete line ends with a newline, so the last piece is "" or a line a crash cut short
    // mid-append (that write never reported success): either way it is dropped.
    const complete = text.split("\n").slice(0, -1);
    complete.forEach((raw, index) => {
      let line: unknown;
      try {
        line = JSON.parse(raw);
      } catch {
        line = undefined;
      }
      if (!isJournalLine(line)) {
        throw new Error(
          `state journal ${this.journal} line ${index + 1} is corrupt; move it away to start from the snapshot`,
        );
      }
      // Replaying a line the snapshot already holds (a crash between the two steps of a compaction) changes nothing.
      if (line.n >= (this.records.get(line.k)?.version ?? 0)) {
        this.records.set(line.k, { value: line.v, version: line.n, expiresAt: line.e });
      }
    });
    return complete.length;
  }

  /** Folds the journal into a new snapshot (expired records dropped), then removes the journal. */
  private async compact(): Promise<void> {
    const nowSeconds = this.now() / 1000;
    const kept: Record<string, FileRecord> = {};
    for (const [name, record] of this.records) if (record.expiresAt > nowSeconds) kept[name] = record;
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(
      temporary,
      JSON.stringify({ formatVersion: 1, records: kept } satisfies StateFile),
      "utf8",
    );
    await rename(temporary, this.file);
    await unlink(this.journal).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    this.records = new Map(Object.entries(kept));
    this.journalLines = 0;
    this.seen = "none";
  }
}
