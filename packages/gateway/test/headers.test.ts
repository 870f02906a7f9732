import { expect, test } from "vitest";
import { FIELD_NAME_PATTERN, FIELD_VALUE_PATTERN, getHeader, isHopByHopHeader } from "../src/headers.js";

test("getHeader finds the first value case-insensitively", () => {
  const headers: [string, string][] = [["Content-Type", "a"], ["content-type", "b"]];
  expect(getHeader(headers, "CONTENT-TYPE")).toBe("a");
  expect(getHeader(headers, "missing")).toBeUndefined();
});

test("hop-by-hop headers are recognised in any case (RFC 9110 §7.6.1)", () => {
  for (const name of ["Connection", "KEEP-ALIVE", "te", "Transfer-Encoding", "Upgrade", "Proxy-Authorization", "Trailer"]) {
    expect(isHopByHopHeader(name)).toBe(true);
  }
  expect(isHopByHopHeader("Content-Type")).toBe(false);
});

test("field names are tokens and values are ByteStrings without CR, LF or NUL", () => {
  expect(FIELD_NAME_PATTERN.test("X-Custom_1")).toBe(true);
  expect(FIELD_NAME_PATTERN.test("Bad Name")).toBe(false);
  expect(FIELD_NAME_PATTERN.test("Bad:Name")).toBe(false);
  expect(FIELD_VALUE_PATTERN.test("text/html; charset=\u00e9")).toBe(true);
  expect(FIELD_VALUE_PATTERN.test("a\rb")).toBe(false);
  expect(FIELD_VALUE_PATTERN.test("a\0b")).toBe(false);
  expect(FIELD_VALUE_PATTERN.test("\u0100")).toBe(false);
});
