import { expect, test } from "vitest";
import { evaluatePreconditions, type Validators } from "../../src/static/evaluate-preconditions.js";
import type { Environ } from "../../src/types.js";

const MODIFIED = Date.UTC(2024, 0, 2, 3, 4, 5);
const VALIDATORS: Validators = { etag: '"abc"', lastModifiedMs: MODIFIED };
const AT = "Tue, 02 Jan 2024 03:04:05 GMT";
const BEFORE = "Tue, 02 Jan 2024 03:04:04 GMT";

function evaluate(headers: Record<string, string>, validators: Validators = VALIDATORS): number {
  return evaluatePreconditions(headers as unknown as Environ, validators);
}

test("no conditional headers: proceed", () => {
  expect(evaluate({})).toBe(0);
});

test("If-Match: strong comparison, 412 on mismatch, * matches", () => {
  expect(evaluate({ HTTP_IF_MATCH: '"abc"' })).toBe(0);
  expect(evaluate({ HTTP_IF_MATCH: '"zzz"' })).toBe(412);
  expect(evaluate({ HTTP_IF_MATCH: 'W/"abc"' })).toBe(412);
  expect(evaluate({ HTTP_IF_MATCH: "*" })).toBe(0);
  expect(evaluate({ HTTP_IF_MATCH: '"abc"' }, { etag: undefined, lastModifiedMs: MODIFIED })).toBe(412);
});

test("If-Unmodified-Since: 412 when modified after the date; ignored with If-Match or an invalid date", () => {
  expect(evaluate({ HTTP_IF_UNMODIFIED_SINCE: BEFORE })).toBe(412);
  expect(evaluate({ HTTP_IF_UNMODIFIED_SINCE: AT })).toBe(0);
  expect(evaluate({ HTTP_IF_UNMODIFIED_SINCE: BEFORE, HTTP_IF_MATCH: '"abc"' })).toBe(0);
  expect(evaluate({ HTTP_IF_UNMODIFIED_SINCE: "garbage" })).toBe(0);
});

test("If-None-Match: weak comparison, 304 on match", () => {
  expect(evaluate({ HTTP_IF_NONE_MATCH: 'W/"abc"' })).toBe(304);
  expect(evaluate({ HTTP_IF_NONE_MATCH: '"zzz"' })).toBe(0);
  expect(evaluate({ HTTP_IF_NONE_MATCH: "*" })).toBe(304);
});

test("If-Modified-Since: 304 when not modified since; ignored when If-None-Match is present", () => {
  expect(evaluate({ HTTP_IF_MODIFIED_SINCE: AT })).toBe(304);
  expect(evaluate({ HTTP_IF_MODIFIED_SINCE: BEFORE })).toBe(0);
  expect(evaluate({ HTTP_IF_MODIFIED_SINCE: AT, HTTP_IF_NONE_MATCH: '"zzz"' })).toBe(0);
  expect(evaluate({ HTTP_IF_MODIFIED_SINCE: AT }, { etag: '"abc"', lastModifiedMs: undefined })).toBe(0);
});

test("412 from If-Match comes before 304 from If-None-Match (RFC 9110 §13.2.2 order)", () => {
  expect(evaluate({ HTTP_IF_MATCH: '"zzz"', HTTP_IF_NONE_MATCH: '"abc"' })).toBe(412);
});
