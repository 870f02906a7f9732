// NoteStore on its own: ids, order, replace and delete, with a fixed clock.
import { describe, expect, it } from "vitest";
import { NoteStore } from "../src/note-store.js";

function storeAt(...times: string[]): NoteStore {
  let index = 0;
  return new NoteStore(() => new Date(times[Math.min(index++, times.length - 1)] ?? 0));
}

describe("NoteStore", () => {
  it("gives ids from 1 up and lists in creation order", () => {
    const store = storeAt("2026-01-01T00:00:00.000Z");
    const first = store.create({ title: "a", body: "" });
    const second = store.create({ title: "b", body: "" });
    expect([first.id, second.id]).toEqual([1, 2]);
    expect(store.list().map((note) => note.title)).toEqual(["a", "b"]);
    expect(store.get(2)).toEqual(second);
    expect(store.get(3)).toBeUndefined();
  });

  it("never reuses the id of a deleted note", () => {
    const store = storeAt("2026-01-01T00:00:00.000Z");
    store.create({ title: "a", body: "" });
    expect(store.delete(1)).toBe(true);
    expect(store.delete(1)).toBe(false);
    expect(store.create({ title: "b", body: "" }).id).toBe(2);
  });

  it("replaces title and body, keeps createdAt and moves updatedAt", () => {
    const store = storeAt("2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z");
    store.create({ title: "a", body: "one" });
    expect(store.replace(1, { title: "b", body: "two" })).toEqual({
      id: 1,
      title: "b",
      body: "two",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-02T00:00:00.000Z",
    });
    expect(store.replace(7, { title: "x", body: "" })).toBeUndefined();
  });
});
