// EntryStore on its own: an absent file, atomic replacement, queued writes, other writers' changes, a broken file.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EntryStore } from "../src/entry-store.js";

let dataDir: string;
const fixedClock = () => new Date("2026-11-24T12:00:00.000Z");

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "patchbay-entry-store-"));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("EntryStore", () => {
  it("lists nothing before the first entry, and creates the directory and file on add", async () => {
    const store = new EntryStore(join(dataDir, "nested", "entries.json"), fixedClock);
    expect(await store.list()).toEqual([]);
    const entry = await store.add({ name: "Ada", message: "hi" });
    expect(entry).toEqual({ id: 1, name: "Ada", message: "hi", createdAt: "2026-11-24T12:00:00.000Z" });
    expect(JSON.parse(await readFile(join(dataDir, "nested", "entries.json"), "utf8"))).toEqual([entry]);
  });

  it("lists newest first and leaves no temporary file behind", async () => {
    const store = new EntryStore(join(dataDir, "entries.json"), fixedClock);
    await store.add({ name: "a", message: "1" });
    await store.add({ name: "b", message: "2" });
    expect((await store.list()).map((entry) => entry.id)).toEqual([2, 1]);
    expect(await readdir(dataDir)).toEqual(["entries.json"]);
  });

  it("keeps every one of many concurrent adds, with distinct ids", async () => {
    const store = new EntryStore(join(dataDir, "entries.json"), fixedClock);
    const added = await Promise.all(Array.from({ length: 20 }, (_, index) => store.add({ name: `n${index}`, message: `m${index}` })));
    expect(added.map((entry) => entry.id).sort((left, right) => left - right)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(await store.list()).toHaveLength(20);
  });

  it("sees entries another writer (another worker process) added to the same file", async () => {
    const path = join(dataDir, "entries.json");
    const first = new EntryStore(path, fixedClock);
    const second = new EntryStore(path, fixedClock);
    await first.add({ name: "a", message: "from the first" });
    expect(await second.list()).toHaveLength(1);
    await second.add({ name: "b", message: "from the second" });
    expect((await first.list()).map((entry) => entry.message)).toEqual(["from the second", "from the first"]);
  });

  it("refuses a file that is not a list of entries, and goes on after a failed write", async () => {
    const path = join(dataDir, "entries.json");
    await writeFile(path, '{"not": "a list"}');
    const store = new EntryStore(path, fixedClock);
    await expect(store.list()).rejects.toThrow(/is not a guestbook file/);
    await expect(store.add({ name: "a", message: "b" })).rejects.toThrow(/is not a guestbook file/);
    await writeFile(path, "[]");
    expect((await store.add({ name: "a", message: "b" })).id).toBe(1);
  });
});
