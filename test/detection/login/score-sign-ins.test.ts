/**
 * The store-backed login core, on both state adapters (DynamoDB over the wire against dynalite on
 * 127.0.0.1, and the local file store): one request equals the same events sent one by one,
 * concurrent instances lose no update and each event is scored on the state its records were
 * written from, a record a concurrent writer won is read again and the scoring redone, and only
 * the event's own keys are ever touched.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { decodeUserState, userKey } from "../../../lambdas/detection/login/login-state";
import {
  applySignIns,
  type LoginEventsModel,
  LoginStateContention,
  scoreSignIns,
} from "../../../lambdas/detection/login/score-sign-ins";
import type { SignInEvent } from "../../../lambdas/detection/login/sign-in-event";
import { DynamoDbStateStore } from "../../../lambdas/state/dynamodb-state-store";
import { FileStateStore } from "../../../lambdas/state/file-state-store";
import type { JsonObject, StateStore, StoredRecord } from "../../../lambdas/state/state-store";
import { type DynaliteEndpoint, startDynalite } from "../../support/dynalite-server";
import { dynaliteClient, newStateTable } from "../../support/dynalite-table";
import { openLoginEventsModel } from "../../support/login-events-model";
import { dayAt, minutesAfter, signIn } from "../../support/sign-ins";

let dynalite: DynaliteEndpoint;
let clients: DynamoDBClient[];
let model: LoginEventsModel;
const folder = mkdtempSync(join(tmpdir(), "helios-login-"));
let files = 0;

beforeAll(async () => {
  dynalite = await startDynalite();
  // Two clients: two function instances sharing one table.
  clients = [dynaliteClient(dynalite.endpoint), dynaliteClient(dynalite.endpoint)];
  model = await openLoginEventsModel();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await dynalite.stop();
  await model.session.release();
  rmSync(folder, { recursive: true, force: true });
});

/** Two handles on one store: for DynamoDB two clients, for the file store one process's store. */
const adapters: Record<string, () => Promise<[StateStore, StateStore]>> = {
  dynamodb: async () => {
    const table = await newStateTable(clients[0]!);
    return [new DynamoDbStateStore(table, clients[0]), new DynamoDbStateStore(table, clients[1])];
  },
  file: async () => {
    files += 1;
    const store = new FileStateStore(join(folder, `state-${files}.json`));
    return [store, store];
  },
};

const CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/131.0.0.0";

/** A week of alice at the office, then a burst against her and a success after it. */
function aliceStory(): SignInEvent[] {
  const week = Array.from({ length: 7 }, (_, day) =>
    signIn({
      user: "alice",
      time: dayAt(day, 9, 10),
      source_ip: "203.0.113.10",
      mfa: true,
      user_agent: CHROME,
    }),
  );
  const attack = dayAt(8, 2);
  const burst = Array.from({ length: 8 }, (_, i) =>
    signIn({ user: "alice", time: minutesAfter(attack, i / 2), source_ip: "192.0.2.66", success: false }),
  );
  const success = signIn({
    user: "alice",
    time: minutesAfter(attack, 5),
    source_ip: "192.0.2.66",
    mfa: false,
  });
  return [...week, ...burst, success];
}

describe.each(Object.keys(adapters))("%s state", (name) => {
  const make = adapters[name]!;

  it("scores a request's events exactly as if they came one per request", async () => {
    const events = aliceStory();
    const [together] = await make();
    const [oneByOne] = await make();
    const batch = await scoreSignIns(events, model, { store: together });
    const single = [];
    for (const event of events) single.push(...(await scoreSignIns([event], model, { store: oneByOne })));
    expect(single).toEqual(batch);
    expect(batch.slice(0, 7).map((v) => v.anomaly)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(batch[batch.length - 1]).toMatchObject({
      user: "alice",
      anomaly: 1,
      reasons: expect.arrayContaining(["success right after 8 failures"]),
    });
    const keys = [userKey("alice"), "login#addr#203.0.113.10", "login#addr#192.0.2.66"];
    const [a, b] = [await together.read(keys), await oneByOne.read(keys)];
    for (const key of keys) expect(a.get(key)?.value).toEqual(b.get(key)?.value);
  });

  it("loses no update when instances score one user's events at once, each on its own serial position", async () => {
    const [first, second] = await make();
    const events = Array.from({ length: 12 }, (_, i) =>
      signIn({ user: "bob", time: dayAt(3, 9, 0), source_ip: `192.0.2.${i + 1}`, success: false }),
    );
    const replays = await Promise.all(
      events.map((event, i) =>
        applySignIns([event], { store: i % 2 === 0 ? first : second, maxAttempts: 50 }),
      ),
    );
    // Every request saw the failures of the requests serialised before it, and no two saw the same count.
    const seen = replays.map((r) => r.signals[0]!.userFailuresBurst).sort((x, y) => x - y);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const stored = (await first.read([userKey("bob")])).get(userKey("bob"))!;
    expect(decodeUserState(stored.value).failures).toHaveLength(12);
    expect(stored.version).toBe(12);
  });

  it("re-reads a record a concurrent writer won and redoes the scoring on it", async () => {
    const [store] = await make();
    const mine = signIn({ user: "carol", time: dayAt(4, 10), source_ip: "192.0.2.20", success: false });
    const theirs = signIn({ user: "carol", time: dayAt(4, 10), source_ip: "198.51.100.30", success: false });
    const writes: string[] = [];
    let interfered = false;
    const racing: StateStore = {
      read: (keys, signal) => store.read(keys, signal),
      async write(key, value, expected, expiresAt, signal) {
        writes.push(key);
        if (key === userKey("carol") && !interfered) {
          interfered = true;
          // Another instance commits its event between our read and our write.
          await applySignIns([theirs], { store });
        }
        return store.write(key, value, expected, expiresAt, signal);
      },
    };
    const { signals } = await applySignIns([mine], { store: racing });
    expect(signals[0]!.userFailuresBurst).toBe(2);
    expect(writes.filter((k) => k === userKey("carol"))).toHaveLength(2);
    expect(writes.filter((k) => k === "login#addr#192.0.2.20")).toHaveLength(1);
    const stored = (await store.read([userKey("carol")])).get(userKey("carol"))!;
    expect(decodeUserState(stored.value).failures).toHaveLength(2);
  });
});

/** Wraps a store to record the keys it is asked for, and how often. */
function recording(inner: StateStore) {
  const reads: string[][] = [];
  const writes: string[] = [];
  const store: StateStore = {
    read(keys, signal) {
      reads.push([...keys]);
      return inner.read(keys, signal);
    },
    write(key, value: JsonObject, expected, expiresAt, signal) {
      writes.push(key);
      return inner.write(key, value, expected, expiresAt, signal);
    },
  };
  return { store, reads, writes };
}

describe("state access", () => {
  it("reads every key once and writes every key once for a 1,000-event request", async () => {
    const [inner] = await adapters.file!();
    const { store, reads, writes } = recording(inner);
    const events = Array.from({ length: 1_000 }, (_, i) =>
      signIn({
        user: `user${i % 50}`,
        time: minutesAfter(dayAt(0, 0), i),
        source_ip: `198.51.100.${i % 20}`,
        success: i % 7 !== 0,
      }),
    );
    await scoreSignIns(events, model, { store });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toHaveLength(70);
    expect(new Set(writes).size).toBe(70);
    expect(writes).toHaveLength(70);
  });

  it("touches only the keys of the event's own user and address (keys come from the event only)", async () => {
    const [inner] = await adapters.file!();
    const { store, reads, writes } = recording(inner);
    await scoreSignIns(
      [signIn({ user: "dave#admin", time: dayAt(1, 1), source_ip: "2001:db8:aa:bb:1::1" })],
      model,
      { store },
    );
    const expected = ["login#user#dave%23admin", "login#addr#2001:0db8:00aa:00bb::/64"];
    expect(reads.flat().sort()).toEqual(expected.sort());
    expect([...writes].sort()).toEqual(expected.sort());
  });

  it("gives up with a retryable error when every write keeps losing", async () => {
    const never: StateStore = {
      read: async (keys) =>
        new Map(keys.map((k): [string, StoredRecord] => [k, { value: undefined, version: 0 }])),
      write: async () => false,
    };
    await expect(
      scoreSignIns([signIn({ user: "erin", time: dayAt(1, 1) })], model, { store: never, maxAttempts: 3 }),
    ).rejects.toThrow(LoginStateContention);
  });
});
