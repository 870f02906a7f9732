import { expect, test } from "vitest";
import { BUILTIN_CONVERTERS, checkConverter } from "../src/converter.js";

function matches(kind: keyof typeof BUILTIN_CONVERTERS, text: string): boolean {
  return new RegExp(`^(?:${BUILTIN_CONVERTERS[kind].pattern})$`).test(text);
}

test("string matches one segment and keeps it as is", () => {
  expect(matches("string", "hello world")).toBe(true);
  expect(matches("string", "a/b")).toBe(false);
  expect(matches("string", "")).toBe(false);
  expect(BUILTIN_CONVERTERS.string.parse("é")).toBe("é");
});

test("int matches an optional minus and digits, and parses safe integers only", () => {
  expect(matches("int", "42")).toBe(true);
  expect(matches("int", "-7")).toBe(true);
  expect(matches("int", "4.2")).toBe(false);
  expect(matches("int", "x1")).toBe(false);
  expect(BUILTIN_CONVERTERS.int.parse("0042")).toBe(42);
  expect(BUILTIN_CONVERTERS.int.parse("-7")).toBe(-7);
  expect(BUILTIN_CONVERTERS.int.parse("9007199254740993")).toBeUndefined();
});

test("float matches digits with an optional fraction", () => {
  expect(matches("float", "3.25")).toBe(true);
  expect(matches("float", "3")).toBe(true);
  expect(matches("float", "-0.5")).toBe(true);
  expect(matches("float", "3.")).toBe(false);
  expect(matches("float", "1e5")).toBe(false);
  expect(BUILTIN_CONVERTERS.float.parse("3.25")).toBe(3.25);
});

test("path matches several segments, slashes included", () => {
  expect(matches("path", "a/b/c.txt")).toBe(true);
  expect(matches("path", "")).toBe(false);
  expect(BUILTIN_CONVERTERS.path.parse("a/b")).toBe("a/b");
});

test("checkConverter accepts a well-formed converter and refuses the rest", () => {
  const hex = { pattern: "[0-9a-f]+", parse: (text: string) => Number.parseInt(text, 16) };
  expect(checkConverter("hex", hex)).toBe(hex);
  for (const [kind, converter] of [
    ["re", hex],
    ["1bad", hex],
    ["has-dash", hex],
    ["broken", { pattern: "(", parse: String }],
    ["noparse", { pattern: "x" }],
    ["nopattern", { parse: String }],
  ] as const) {
    expect(() => checkConverter(kind, converter as never)).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_OPTION" }));
  }
});
