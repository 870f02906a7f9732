import { expect, test } from "vitest";
import { MAX_BYTE_RANGES, selectByteRanges } from "../../src/static/select-byte-ranges.js";
import type { Validators } from "../../src/static/evaluate-preconditions.js";

const MODIFIED = Date.UTC(2024, 0, 2, 3, 4, 5);
const VALIDATORS: Validators = { etag: '"abc"', lastModifiedMs: MODIFIED };

test("no Range: the whole representation", () => {
  expect(selectByteRanges(undefined, undefined, 100, VALIDATORS)).toBeUndefined();
});

test("single, suffix and open-ended ranges", () => {
  expect(selectByteRanges("bytes=0-9", undefined, 100, VALIDATORS)).toEqual([{ start: 0, end: 9 }]);
  expect(selectByteRanges("bytes=-10", undefined, 100, VALIDATORS)).toEqual([{ start: 90, end: 99 }]);
  expect(selectByteRanges("bytes=95-", undefined, 100, VALIDATORS)).toEqual([{ start: 95, end: 99 }]);
  expect(selectByteRanges("bytes=90-200", undefined, 100, VALIDATORS)).toEqual([{ start: 90, end: 99 }]);
});

test("unsatisfiable ranges, and any range of an empty file", () => {
  expect(selectByteRanges("bytes=100-", undefined, 100, VALIDATORS)).toBe("unsatisfiable");
  expect(selectByteRanges("bytes=0-", undefined, 0, VALIDATORS)).toBe("unsatisfiable");
});

test("invalid, non-bytes and too many ranges are ignored", () => {
  expect(selectByteRanges("bytes=x-y", undefined, 100, VALIDATORS)).toBeUndefined();
  expect(selectByteRanges("lines=0-1", undefined, 100, VALIDATORS)).toBeUndefined();
  const many = Array.from({ length: MAX_BYTE_RANGES + 1 }, (_, index) => `${index * 3}-${index * 3}`).join(",");
  expect(selectByteRanges(`bytes=${many}`, undefined, 1000, VALIDATORS)).toBeUndefined();
  const adjacent = Array.from({ length: MAX_BYTE_RANGES + 1 }, (_, index) => `${index}-${index}`).join(",");
  expect(selectByteRanges(`bytes=${adjacent}`, undefined, 1000, VALIDATORS)).toEqual([{ start: 0, end: MAX_BYTE_RANGES }]);
});

test("If-Range: a strong matching tag or the exact Last-Modified keeps the range; anything else drops it", () => {
  expect(selectByteRanges("bytes=0-1", '"abc"', 100, VALIDATORS)).toEqual([{ start: 0, end: 1 }]);
  expect(selectByteRanges("bytes=0-1", 'W/"abc"', 100, VALIDATORS)).toBeUndefined();
  expect(selectByteRanges("bytes=0-1", '"old"', 100, VALIDATORS)).toBeUndefined();
  expect(selectByteRanges("bytes=0-1", "Tue, 02 Jan 2024 03:04:05 GMT", 100, VALIDATORS)).toEqual([{ start: 0, end: 1 }]);
  expect(selectByteRanges("bytes=0-1", "Tue, 02 Jan 2024 03:04:06 GMT", 100, VALIDATORS)).toBeUndefined();
  expect(selectByteRanges("bytes=0-1", "not a date", 100, VALIDATORS)).toBeUndefined();
});
