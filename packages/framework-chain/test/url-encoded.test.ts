// Tests for url-encoded.ts: urlencoded parsing into prototype-less field maps.
import { describe, expect, test } from "vitest";
import { parseUrlEncoded } from "../src/url-encoded.js";

describe("parseUrlEncoded", () => {
  test("names, values, + as space, percent escapes", () => {
    expect(parseUrlEncoded("a=1&b=two+words&c=%C3%A9%26")).toEqual({ a: "1", b: "two words", c: "é&" });
  });

  test("repeated names collect into an array in order", () => {
    expect(parseUrlEncoded("x=1&x=2&x=3")).toEqual({ x: ["1", "2", "3"] });
  });

  test("empty input, empty values and names without =", () => {
    expect(parseUrlEncoded("")).toEqual({});
    expect(parseUrlEncoded("flag&empty=")).toEqual({ flag: "", empty: "" });
  });

  test("a field named __proto__ is just a field", () => {
    const fields = parseUrlEncoded("__proto__=x&constructor=y");
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(fields.__proto__).toBe("x");
    expect(fields.constructor).toBe("y");
  });

  test("an invalid escape is kept literally", () => {
    expect(parseUrlEncoded("a=%zz")).toEqual({ a: "%zz" });
  });
});
