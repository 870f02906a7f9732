import { expect, test } from "vitest";
import { MultiDict } from "../src/multi-dict.js";

test("keeps repeated names in order; get gives the first, getAll every one", () => {
  const dict = new MultiDict<string>();
  dict.append("tag", "a");
  dict.append("name", "ada");
  dict.append("tag", "b");
  expect(dict.get("tag")).toBe("a");
  expect(dict.getAll("tag")).toEqual(["a", "b"]);
  expect(dict.get("missing")).toBeUndefined();
  expect(dict.getAll("missing")).toEqual([]);
  expect(dict.has("name")).toBe(true);
  expect(dict.size).toBe(2);
  expect([...dict.keys()]).toEqual(["tag", "name"]);
  expect([...dict]).toEqual([
    ["tag", "a"],
    ["tag", "b"],
    ["name", "ada"],
  ]);
  expect(dict.toObject()).toEqual({ tag: "a", name: "ada" });
});

test("getAll returns a copy", () => {
  const dict = new MultiDict<number>();
  dict.append("n", 1);
  dict.getAll("n").push(2);
  expect(dict.getAll("n")).toEqual([1]);
});
