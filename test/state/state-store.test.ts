/**
 * One contract, two adapters: the file store (local mode) and the DynamoDB store over the wire
 * against dynalite on 127.0.0.1 must behave identically, concurrency and expiry included.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ENV } from "../../lambdas/runtime/environment-names";
import { createStateStore, readStateStoreConfig } from "../../lambdas/state/create-state-store";
import { DynamoDbStateStore } from "../../lambdas/state/dynamodb-state-store";
import { FileStateStore } from "../../lambdas/state/file-state-store";
import { MemoryStateStore } from "../../lambdas/state/memory-state-store";
import { MAX_VALUE_BYTES, type StateStore } from "../../lambdas/state/state-store";
import { updateRecord } from "../../lambdas/state/update-record";
import { createStateTable, type DynaliteEndpoint, startDynalite } from "../support/dynalite-server";

/** A clock the tests move by hand, in epoch milliseconds. */
function manualClock(start = Date.UTC(2026, 10, 28)) {
  let now = start;
  return { now: () => now, advanceSeconds: (seconds: number) => (now += seconds * 1000) };
}

let dynalite: DynaliteEndpoint;
let client: DynamoDBClient;
let created = 0;
/** A fresh file or table name per test. */
function nextName(prefix: string): string {
  created += 1;
  return `${prefix}-${created}`;
}
const folder = mkdtempSync(join(tmpdir(), "helios-state-"));

beforeAll(async () => {
  dynalite = await startDynalite();
  client = new DynamoDBClient({
    endpoint: dynalite.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
});

afterAll(async () => {
  client.destroy();
  await dynalite.stop();
  rmSync(folder, { recursive: true, force: true });
});

type Clock = ReturnType<typeof manualClock>;

const adapters: Record<string, (clock: Clock) => Promise<StateStore>> = {
  memory: async (clock) => new MemoryStateStore(clock.now),
  file: async (clock) => new FileStateStore(join(folder, `${nextName("state")}.json`), clock.now),
  dynamodb: async (clock) => {
    const table = nextName("helios-state");
    await createStateTable(client, table);
    return new DynamoDbStateStore(table, client, clock.now);
  },
};

describe.each(Object.keys(adapters))("%s state store", (name) => {
  const make = adapters[name]!;
  const inAnHour = (clock: Clock) => clock.now() / 1000 + 3600;

  it("reads a key never written as no value at version 0", async () => {
    const clock = manualClock();
    const store = await make(clock);
    expect((await store.read(["login#user#nobody"])).get("login#user#nobody")).toEqual({
      value: undefined,
      version: 0,
    });
  });

  it("creates with version 0, then only accepts the current version", async () => {
    const clock = manualClock();
    const store = await make(clock);
    expect(await store.write("k", { n: 1 }, 0, inAnHour(clock))).toBe(true);
    expect(await store.write("k", { n: 99 }, 0, inAnHour(clock))).toBe(false);
    expect((await store.read(["k"])).get("k")).toEqual({ value: { n: 1 }, version: 1 });
    expect(await store.write("k", { n: 2, list: ["a", null, true] }, 1, inAnHour(clock))).toBe(true);
    expect(await store.write("k", { n: 3 }, 1, inAnHour(clock))).toBe(false);
    expect((await store.read(["k"])).get("k")).toEqual({
      value: { n: 2, list: ["a", null, true] },
      version: 2,
    });
  });

  it("reads an expired record as no value but keeps its version for the next write", async () => {
    const clock = manualClock();
    const store = await make(clock);
    await store.write("cool", { count: 3 }, 0, clock.now() / 1000 + 60);
    clock.advanceSeconds(59);
    expect((await store.read(["cool"])).get("cool")?.value).toEqual({ count: 3 });
    clock.advanceSeconds(2);
    expect((await store.read(["cool"])).get("cool")).toEqual({ value: undefined, version: 1 });
    expect(await store.write("cool", { count: 1 }, 0, inAnHour(clock))).toBe(false);
    expect(await store.write("cool", { count: 1 }, 1, inAnHour(clock))).toBe(true);
  });

  it("reads 150 keys in one call, in any mix of present and absent", async () => {
    const clock = manualClock();
    const store = await make(clock);
    for (let i = 0; i < 150; i += 3) await store.write(`key-${i}`, { i }, 0, inAnHour(clock));
    const keys = Array.from({ length: 150 }, (_, i) => `key-${i}`);
    const records = await store.read(keys);
    expect(records.size).toBe(150);
    keys.forEach((key, i) => {
      expect(records.get(key)).toEqual(
        i % 3 === 0 ? { value: { i }, version: 1 } : { value: undefined, version: 0 },
      );
    });
  });

  it("loses no update when 24 writers increment one record at once", async () => {
    const clock = manualClock();
    const store = await make(clock);
    const increment = () =>
      updateRecord(
        store,
        "counter",
        (current) => {
          const next = Number(current?.count ?? 0) + 1;
          return { value: { count: next }, expiresAt: inAnHour(clock), result: next };
        },
        { maxAttempts: 50 },
      );
    const results = await Promise.all(Array.from({ length: 24 }, increment));
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect((await store.read(["counter"])).get("counter")).toEqual({ value: { count: 24 }, version: 24 });
  });

  it("lets an update decide not to write", async () => {
    const clock = manualClock();
    const store = await make(clock);
    const result = await updateRecord(store, "quiet", () => ({ result: "skipped" }));
    expect(result).toBe("skipped");
    expect((await store.read(["quiet"])).get("quiet")?.version).toBe(0);
  });

  it("refuses an over-large value and an empty key", async () => {
    const clock = manualClock();
    const store = await make(clock);
    await expect(
      store.write("big", { blob: "x".repeat(MAX_VALUE_BYTES) }, 0, inAnHour(clock)),
    ).rejects.toThrow(/over 65536 bytes/);
    await expect(store.read([""])).rejects.toThrow(/state key must be 1 to/);
  });
});

describe("file state store", () => {
  it("keeps its records across a restart (a new store on the same file)", async () => {
    const file = join(folder, "restart.json");
    const clock = manualClock();
    await new FileStateStore(file, clock.now).write(
      "login#user#alice",
      { seen: 4 },
      0,
      clock.now() / 1000 + 60,
    );
    const reopened = new FileStateStore(file, clock.now);
    expect((await reopened.read(["login#user#alice"])).get("login#user#alice")).toEqual({
      value: { seen: 4 },
      version: 1,
    });
  });

  it("drops expired records when it rewrites the file", async () => {
    const file = join(folder, "purge.json");
    const clock = manualClock();
    const store = new FileStateStore(file, clock.now);
    await store.write("old", { a: 1 }, 0, clock.now() / 1000 + 10);
    clock.advanceSeconds(20);
    await store.write("new", { b: 2 }, 0, clock.now() / 1000 + 10);
    expect((await store.read(["old"])).get("old")).toEqual({ value: undefined, version: 0 });
  });

  it("names the file when it is not a state file", async () => {
    const file = join(folder, "corrupt.json");
    writeFileSync(file, "{not json");
    await expect(new FileStateStore(file).read(["k"])).rejects.toThrow(/corrupt\.json is not valid JSON/);
    writeFileSync(file, JSON.stringify({ records: { k: { value: 1 } } }));
    await expect(new FileStateStore(file).read(["k"])).rejects.toThrow(/is not a Helios state file/);
  });
});

describe("state store configuration", () => {
  it("defaults to memory, and a file store to the repo's .helios/state.json", () => {
    expect(readStateStoreConfig({})).toEqual({ ok: true, config: { kind: "memory" } });
    expect(createStateStore({ kind: "memory" })).toBeInstanceOf(MemoryStateStore);
    expect(readStateStoreConfig({ [ENV.stateStore]: "file" })).toEqual({
      ok: true,
      config: { kind: "file", file: expect.stringMatching(/\.helios\/state\.json$/) },
    });
    expect(
      readStateStoreConfig({ [ENV.stateStore]: "dynamodb", [ENV.stateTable]: "Helios-State-1" }),
    ).toEqual({
      ok: true,
      config: { kind: "dynamodb", table: "Helios-State-1" },
    });
    expect(createStateStore({ kind: "dynamodb", table: "t12" })).toBeInstanceOf(DynamoDbStateStore);
  });

  it("names the variable that is wrong", () => {
    expect(readStateStoreConfig({ [ENV.stateStore]: "redis" })).toEqual({
      ok: false,
      problem: 'HELIOS_STATE_STORE must be "memory", "file" or "dynamodb"',
    });
    expect(readStateStoreConfig({ [ENV.stateStore]: "dynamodb" })).toEqual({
      ok: false,
      problem: "HELIOS_STATE_TABLE must name a DynamoDB table when HELIOS_STATE_STORE=dynamodb",
    });
  });
});
