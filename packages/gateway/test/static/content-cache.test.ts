import { expect, test } from "vitest";
import { ContentCache, ENTRY_OVERHEAD_BYTES } from "../../src/static/content-cache.js";
import { createRepresentation, type StaticRepresentation } from "../../src/static/static-representation.js";

function representation(size: number): StaticRepresentation {
  return createRepresentation(
    { filePath: `/f${size}`, size, mtimeMs: 0, ino: size, contentType: "text/plain", contentCoding: undefined },
    { etag: true, lastModified: true, cacheControl: undefined, varyAcceptEncoding: false },
  );
}

test("admits small files and charges their size plus the per-entry overhead", () => {
  const cache = new ContentCache(10_000, 1000);
  const file = representation(100);
  const bytes = new Uint8Array(100);
  cache.admit(file, bytes);
  expect(file.bytes).toBe(bytes);
  expect(cache.totalBytes).toBe(100 + ENTRY_OVERHEAD_BYTES);
});

test("refuses files over the per-file limit", () => {
  const cache = new ContentCache(10_000, 1000);
  const file = representation(1001);
  expect(cache.accepts(1001)).toBe(false);
  cache.admit(file, new Uint8Array(1001));
  expect(file.bytes).toBeUndefined();
  expect(cache.totalBytes).toBe(0);
});

test("evicts the oldest entries to stay within the total budget", () => {
  const perEntry = 500 + ENTRY_OVERHEAD_BYTES;
  const cache = new ContentCache(perEntry * 2, 1000);
  const [first, second, third] = [representation(500), representation(500), representation(500)] as const;
  cache.admit(first, new Uint8Array(500));
  cache.admit(second, new Uint8Array(500));
  cache.admit(third, new Uint8Array(500));
  expect(first.bytes).toBeUndefined();
  expect(second.bytes).toBeDefined();
  expect(third.bytes).toBeDefined();
  expect(cache.totalBytes).toBe(perEntry * 2);
});

test("empty files count too, so the number of entries stays bounded", () => {
  const cache = new ContentCache(ENTRY_OVERHEAD_BYTES * 3, 1000);
  const files = Array.from({ length: 10 }, () => representation(0));
  for (const file of files) cache.admit(file, new Uint8Array(0));
  expect(files.filter((file) => file.bytes !== undefined)).toHaveLength(3);
});

test("release drops the bytes and the charge; a budget of 0 keeps nothing", () => {
  const cache = new ContentCache(10_000, 1000);
  const file = representation(10);
  cache.admit(file, new Uint8Array(10));
  cache.release(file);
  expect(file.bytes).toBeUndefined();
  expect(cache.totalBytes).toBe(0);
  const none = new ContentCache(0, 1000);
  const other = representation(1);
  none.admit(other, new Uint8Array(1));
  expect(other.bytes).toBeUndefined();
});
