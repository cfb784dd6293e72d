/**
 * The file store's own mechanics (the shared contract is in state-store.test.ts): a write is one
 * journal line, the journal folds into the snapshot, a restart replays both, a crash's half line is
 * ignored, and two stores on one file in one process lose no update.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileStateStore } from "../../lambdas/state/file-state-store";
import { updateRecord } from "../../lambdas/state/update-record";

const folder = mkdtempSync(join(tmpdir(), "helios-file-state-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let files = 0;
function fresh(): string {
  files += 1;
  return join(folder, `state-${files}.json`);
}

const NOW = Date.UTC(2026, 10, 28);
const clock = () => NOW;
const later = NOW / 1000 + 3600;

describe("file state store", () => {
  it("appends one journal line per write and leaves the snapshot alone", async () => {
    const file = fresh();
    const store = new FileStateStore(file, clock);
    await store.write("a", { n: 1 }, 0, later);
    await store.write("a", { n: 2 }, 1, later);
    await store.write("b", { n: 3 }, 0, later);
    expect(existsSync(file)).toBe(false);
    const lines = readFileSync(`${file}.journal`, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { k: "a", v: { n: 1 }, n: 1, e: later },
      { k: "a", v: { n: 2 }, n: 2, e: later },
      { k: "b", v: { n: 3 }, n: 1, e: later },
    ]);
    const reopened = new FileStateStore(file, clock);
    expect(await reopened.read(["a", "b"])).toEqual(
      new Map([
        ["a", { value: { n: 2 }, version: 2 }],
        ["b", { value: { n: 3 }, version: 1 }],
      ]),
    );
  });

  it("folds the journal into the snapshot once it is long, dropping expired records", async () => {
    const file = fresh();
    const store = new FileStateStore(file, clock);
    await store.write("gone", { x: 1 }, 0, NOW / 1000 - 1);
    // 1 + 1,999 writes: the 2,000th line triggers the fold.
    for (let i = 0; i < 1_999; i += 1) await store.write("hot", { i }, i, later);
    expect(existsSync(`${file}.journal`)).toBe(false);
    const snapshot = JSON.parse(readFileSync(file, "utf8"));
    expect(snapshot).toEqual({
      formatVersion: 1,
      records: { hot: { value: { i: 1_998 }, version: 1_999, expiresAt: later } },
    });
    await store.write("hot", { i: 1_999 }, 1_999, later);
    expect((await new FileStateStore(file, clock).read(["hot"])).get("hot")).toEqual({
      value: { i: 1_999 },
      version: 2_000,
    });
  });

  it("ignores a last line a crash cut short, and names a corrupt line in the middle", async () => {
    const file = fresh();
    await new FileStateStore(file, clock).write("k", { ok: true }, 0, later);
    writeFileSync(`${file}.journal`, `${readFileSync(`${file}.journal`, "utf8")}{"k":"k","v":{"ok":fal`);
    expect((await new FileStateStore(file, clock).read(["k"])).get("k")).toEqual({
      value: { ok: true },
      version: 1,
    });
    writeFileSync(`${file}.journal`, `garbage\n${readFileSync(`${file}.journal`, "utf8")}`);
    await expect(new FileStateStore(file, clock).read(["k"])).rejects.toThrow(/journal .*line 1 is corrupt/);
  });

  it("loses no update when two stores on one file increment one record at once", async () => {
    const file = fresh();
    const stores = [new FileStateStore(file, clock), new FileStateStore(file, clock)];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        updateRecord(
          stores[i % 2]!,
          "counter",
          (current) => ({
            value: { count: Number(current?.count ?? 0) + 1 },
            expiresAt: later,
            result: null,
          }),
          { maxAttempts: 40 },
        ),
      ),
    );
    expect((await stores[0]!.read(["counter"])).get("counter")).toEqual({
      value: { count: 20 },
      version: 20,
    });
  });

  it("re-reads the files when another writer changed them", async () => {
    const file = fresh();
    const store = new FileStateStore(file, clock);
    await store.write("k", { from: "us" }, 0, later);
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        records: { k: { value: { from: "them" }, version: 5, expiresAt: later } },
      }),
    );
    rmSync(`${file}.journal`);
    expect((await store.read(["k"])).get("k")).toEqual({ value: { from: "them" }, version: 5 });
    expect(await store.write("k", { from: "us" }, 1, later)).toBe(false);
  });
});
