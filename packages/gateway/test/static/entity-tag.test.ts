import { expect, test } from "vitest";
import { formatEntityTag, isEntityTagListMatch } from "../../src/static/entity-tag.js";

test("formatEntityTag makes a strong size-mtime tag, with the coding for a precompressed sibling", () => {
  expect(formatEntityTag(255, 4096.7)).toBe('"ff-1000"');
  expect(formatEntityTag(255, 4096, "br")).toBe('"ff-1000-br"');
});

test("weak comparison (If-None-Match) ignores W/, strong comparison (If-Match) does not", () => {
  expect(isEntityTagListMatch('W/"a"', '"a"', true)).toBe(true);
  expect(isEntityTagListMatch('W/"a"', '"a"', false)).toBe(false);
  expect(isEntityTagListMatch('"a"', '"a"', false)).toBe(true);
});

test("lists, including tags holding commas, and *", () => {
  expect(isEntityTagListMatch('"x", "y,z" ,"a"', '"a"', false)).toBe(true);
  expect(isEntityTagListMatch('"y,z"', '"y,z"', false)).toBe(true);
  expect(isEntityTagListMatch('"x", "y"', '"a"', true)).toBe(false);
  expect(isEntityTagListMatch("*", undefined, false)).toBe(true);
  expect(isEntityTagListMatch('"a"', undefined, true)).toBe(false);
});

test("a malformed list matches nothing after the malformation", () => {
  expect(isEntityTagListMatch('a, "a"', '"a"', true)).toBe(false);
  expect(isEntityTagListMatch('"a', '"a"', true)).toBe(false);
  expect(isEntityTagListMatch('"ab"', '"a"', true)).toBe(false);
});
