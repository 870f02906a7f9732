import { expect, test } from "vitest";
import { formatQuery } from "../src/format-query.js";

test("serialises scalars, repeats arrays, skips null and undefined, form-encodes", () => {
  expect(formatQuery({ q: "a b&c", page: 2, exact: false, tag: ["x", "y"], none: null, missing: undefined })).toBe("q=a+b%26c&page=2&exact=false&tag=x&tag=y");
});

test("nothing left gives an empty string", () => {
  expect(formatQuery({})).toBe("");
  expect(formatQuery({ a: null, b: [] })).toBe("");
});
