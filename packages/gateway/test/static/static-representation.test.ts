import { expect, test } from "vitest";
import { createRepresentation, type RepresentationPolicy, type RepresentationSource } from "../../src/static/static-representation.js";

const SOURCE: RepresentationSource = { filePath: "/srv/a.css", size: 10, mtimeMs: Date.UTC(2024, 0, 2, 3, 4, 5, 678), ino: 7, contentType: "text/css; charset=utf-8", contentCoding: undefined };
const POLICY: RepresentationPolicy = { etag: true, lastModified: true, cacheControl: "max-age=60", varyAcceptEncoding: true };

test("precomputes the 200, 304 and partial header lists", () => {
  const representation = createRepresentation(SOURCE, POLICY);
  const etag = representation.etag as string;
  expect(etag).toMatch(/^"a-[0-9a-f]+"$/);
  expect(representation.lastModifiedMs).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
  const validators = [["ETag", etag], ["Last-Modified", "Tue, 02 Jan 2024 03:04:05 GMT"], ["Cache-Control", "max-age=60"], ["Vary", "Accept-Encoding"]];
  expect(representation.headers).toEqual([["Content-Type", "text/css; charset=utf-8"], ["Content-Length", "10"], ["Accept-Ranges", "bytes"], ...validators]);
  expect(representation.notModifiedHeaders).toEqual(validators);
  expect(representation.partialHeaders).toEqual([["Accept-Ranges", "bytes"], ...validators]);
  expect(representation.fingerprint).toBe(`7:10:${SOURCE.mtimeMs}`);
  expect(representation.bytes).toBeUndefined();
});

test("a precompressed sibling carries Content-Encoding and its own ETag", () => {
  const representation = createRepresentation({ ...SOURCE, contentCoding: "gzip" }, POLICY);
  expect(representation.headers).toContainEqual(["Content-Encoding", "gzip"]);
  expect(representation.partialHeaders).toContainEqual(["Content-Encoding", "gzip"]);
  expect(representation.etag).toMatch(/-gzip"$/);
});

test("validators, Cache-Control and Vary are left out when the policy says so", () => {
  const representation = createRepresentation(SOURCE, { etag: false, lastModified: false, cacheControl: undefined, varyAcceptEncoding: false });
  expect(representation.etag).toBeUndefined();
  expect(representation.lastModifiedMs).toBeUndefined();
  expect(representation.notModifiedHeaders).toEqual([]);
  expect(representation.headers.map(([name]) => name)).toEqual(["Content-Type", "Content-Length", "Accept-Ranges"]);
});
