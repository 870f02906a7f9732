import { describe, expect, test } from "vitest";
import { BUILT_IN_CONVERTERS, floatConverter, intConverter, uuidConverter } from "../src/converters.js";

describe("int", () => {
  test("converts decimal integers, including negative ones, to numbers", () => {
    const convert = intConverter({});
    expect(convert("42")).toBe(42);
    expect(convert("-7")).toBe(-7);
    expect(convert("007")).toBe(7);
  });

  test("refuses anything else: signs, spaces, decimals, exponents, empty, unsafe integers", () => {
    const convert = intConverter({});
    for (const segment of ["+1", " 1", "1 ", "1.0", "1e3", "", "-", "0x10", "9007199254740993"]) expect(convert(segment)).toBeUndefined();
  });

  test("min and max are inclusive bounds", () => {
    const convert = intConverter({ min: "1", max: "10" });
    expect(convert("1")).toBe(1);
    expect(convert("10")).toBe(10);
    expect(convert("0")).toBeUndefined();
    expect(convert("11")).toBeUndefined();
  });

  test("digits requires an exact digit count (the sign does not count)", () => {
    const convert = intConverter({ digits: "4" });
    expect(convert("2024")).toBe(2024);
    expect(convert("-2024")).toBe(-2024);
    expect(convert("202")).toBeUndefined();
    expect(convert("20245")).toBeUndefined();
  });

  test("bad arguments fail when the route is added", () => {
    expect(() => intConverter({ min: "one" })).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_INVALID_CONVERTER_OPTION" }));
    expect(() => intConverter({ min: "" })).toThrow(expect.objectContaining({ code: "ERR_RESOURCE_INVALID_CONVERTER_OPTION" }));
    expect(() => intConverter({ minimum: "1" })).toThrow(/takes min, max, digits/);
  });
});

describe("float", () => {
  test("converts plain decimal numbers within bounds", () => {
    const convert = floatConverter({ min: "-1.5", max: "2" });
    expect(convert("1.25")).toBe(1.25);
    expect(convert(".5")).toBe(0.5);
    expect(convert("-1.5")).toBe(-1.5);
    expect(convert("2.5")).toBeUndefined();
    for (const segment of ["1e2", "Infinity", "NaN", "", "1.2.3"]) expect(convert(segment)).toBeUndefined();
  });
});

describe("uuid", () => {
  test("accepts the 8-4-4-4-12 form in any case and gives it lower-cased", () => {
    const convert = uuidConverter({});
    expect(convert("9F1C6A1E-5B4A-4D7E-9C1B-2A3B4C5D6E7F")).toBe("9f1c6a1e-5b4a-4d7e-9c1b-2a3b4c5d6e7f");
    expect(convert("9f1c6a1e5b4a4d7e9c1b2a3b4c5d6e7f")).toBeUndefined();
    expect(convert("9f1c6a1e-5b4a-4d7e-9c1b-2a3b4c5d6e7g")).toBeUndefined();
  });

  test("takes no arguments", () => {
    expect(() => uuidConverter({ version: "4" })).toThrow(/no arguments/);
  });
});

test("the built-in table holds int, float and uuid (path is structural)", () => {
  expect([...BUILT_IN_CONVERTERS.keys()]).toEqual(["int", "float", "uuid"]);
});
