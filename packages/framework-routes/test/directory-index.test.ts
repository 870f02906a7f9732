import { describe, expect, test } from "vitest";
import { DirectoryIndex } from "../src/directory-index.js";

interface Item {
  directory: string;
  order: number;
}

function indexOf(directories: string[]): DirectoryIndex<Item> {
  const index = new DirectoryIndex<Item>();
  directories.forEach((directory, order) => index.add({ directory, order }));
  return index;
}

const orders = (items: readonly Item[]): number[] => items.map((item) => item.order);

describe("DirectoryIndex", () => {
  test("gives the entries whose directory begins the path, at a slash", () => {
    const index = indexOf(["/api/", "/api/v1/", "/users/", "/api/v1/"]);
    expect(orders(index.candidates("/api/v1/x"))).toEqual([0, 1, 3]);
    expect(orders(index.candidates("/users/5"))).toEqual([2]);
    expect(orders(index.candidates("/apis/x"))).toEqual([]);
    expect(orders(index.candidates("/api"))).toEqual([]);
  });

  test("merges several directories in registration order", () => {
    const index = indexOf(["/a/b/", "/", "/a/", "/a/b/", "/"]);
    expect(orders(index.candidates("/a/b/c"))).toEqual([0, 1, 2, 3, 4]);
    expect(orders(index.candidates("/z"))).toEqual([1, 4]);
  });

  test("is empty with nothing indexed", () => {
    expect(new DirectoryIndex<Item>().candidates("/x/y")).toEqual([]);
  });
});
