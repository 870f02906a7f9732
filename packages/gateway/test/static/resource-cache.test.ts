import { expect, test } from "vitest";
import type { Resolution } from "../../src/static/resolve-resource.js";
import { ResourceCache } from "../../src/static/resource-cache.js";

const MISS: Resolution = { kind: "miss" };
const FORBIDDEN: Resolution = { kind: "forbidden" };

test("a resolution is fresh for ttlMs, then stale", async () => {
  const cache = new ResourceCache(1000, 10);
  await cache.refresh("/a", 5000, () => Promise.resolve(MISS));
  expect(cache.fresh("/a", 5999)).toBe(MISS);
  expect(cache.fresh("/a", 6000)).toBeUndefined();
  expect(cache.fresh("/b", 5000)).toBeUndefined();
});

test("refresh hands the previous resolution to the lookup", async () => {
  const cache = new ResourceCache(0, 10);
  const seen: (Resolution | undefined)[] = [];
  await cache.refresh("/a", 0, (previous) => (seen.push(previous), Promise.resolve(MISS)));
  await cache.refresh("/a", 1, (previous) => (seen.push(previous), Promise.resolve(FORBIDDEN)));
  expect(seen).toEqual([undefined, MISS]);
});

test("concurrent refreshes of one key share one lookup", async () => {
  const cache = new ResourceCache(1000, 10);
  let lookups = 0;
  const lookup = (): Promise<Resolution> => {
    lookups++;
    return Promise.resolve(MISS);
  };
  const results = await Promise.all([cache.refresh("/a", 0, lookup), cache.refresh("/a", 0, lookup), cache.refresh("/a", 0, lookup)]);
  expect(lookups).toBe(1);
  expect(results).toEqual([MISS, MISS, MISS]);
});

test("entries are bounded: the oldest is evicted and handed to onEvict", async () => {
  const evicted: Resolution[] = [];
  const cache = new ResourceCache(1000, 2, (resolution) => evicted.push(resolution));
  await cache.refresh("/a", 0, () => Promise.resolve(FORBIDDEN));
  await cache.refresh("/b", 0, () => Promise.resolve(MISS));
  await cache.refresh("/c", 0, () => Promise.resolve(MISS));
  expect(cache.size).toBe(2);
  expect(cache.fresh("/a", 0)).toBeUndefined();
  expect(cache.fresh("/c", 0)).toBe(MISS);
  expect(evicted).toEqual([FORBIDDEN]);
});

test("a resolution replaced by a different one is handed to onEvict; one kept as is, is not", async () => {
  const evicted: Resolution[] = [];
  const cache = new ResourceCache(0, 10, (resolution) => evicted.push(resolution));
  await cache.refresh("/a", 0, () => Promise.resolve(FORBIDDEN));
  await cache.refresh("/a", 1, (previous) => Promise.resolve(previous ?? MISS));
  expect(evicted).toEqual([]);
  await cache.refresh("/a", 2, () => Promise.resolve(MISS));
  expect(evicted).toEqual([FORBIDDEN]);
});

test("a failed lookup is not remembered and does not block the next one", async () => {
  const cache = new ResourceCache(1000, 10);
  await expect(cache.refresh("/a", 0, () => Promise.reject(new Error("EIO")))).rejects.toThrow("EIO");
  expect(cache.fresh("/a", 0)).toBeUndefined();
  expect(await cache.refresh("/a", 0, () => Promise.resolve(MISS))).toBe(MISS);
});

test("maxEntries 0 remembers nothing", async () => {
  const cache = new ResourceCache(1000, 0);
  await cache.refresh("/a", 0, () => Promise.resolve(MISS));
  expect(cache.size).toBe(0);
});
