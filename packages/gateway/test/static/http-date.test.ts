import { expect, test } from "vitest";
import { parseHttpDate } from "../../src/static/http-date.js";

const EXPECTED = Date.UTC(1994, 10, 6, 8, 49, 37);

test("parses the three HTTP-date forms of RFC 9110 §5.6.7 as GMT", () => {
  expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(EXPECTED);
  expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT")).toBe(EXPECTED);
  // asctime has no zone; Date.parse would read it as local time.
  expect(parseHttpDate("Sun Nov  6 08:49:37 1994")).toBe(EXPECTED);
});

test("rejects anything else, including impossible dates", () => {
  for (const value of ["", "yesterday", "Sun, 06 Nov 1994 08:49:37 PST", "2024-01-02T03:04:05Z", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT"]) {
    expect(parseHttpDate(value)).toBeUndefined();
  }
});
