import { describe, expect, expectTypeOf, test } from "vitest";
import { BUILTIN_CONVERTERS } from "../src/converter.js";
import type { Converter } from "../src/converter.js";
import { compilePathPattern, encodePathText } from "../src/path-pattern.js";
import type { PathParams } from "../src/path-pattern.js";

const converters = new Map<string, Converter>(Object.entries(BUILTIN_CONVERTERS));
const compile = (pattern: string) => compilePathPattern(pattern, converters);

describe("compilePathPattern: matching", () => {
  test("a static pattern matches exactly and exposes its path", () => {
    const pattern = compile("/about/team");
    expect(pattern.staticPath).toBe("/about/team");
    expect(pattern.match("/about/team")).toEqual({});
    expect(pattern.match("/about/team/")).toBeUndefined();
    expect(pattern.match("/about")).toBeUndefined();
  });

  test("<name> is one string segment; <name:int> converts", () => {
    const pattern = compile("/users/<id:int>/posts/<slug>");
    expect(pattern.staticPath).toBeUndefined();
    expect(pattern.paramNames).toEqual(["id", "slug"]);
    expect(pattern.match("/users/42/posts/hello-world")).toEqual({ id: 42, slug: "hello-world" });
    expect(pattern.match("/users/x/posts/hello")).toBeUndefined();
    expect(pattern.match("/users/42/posts/a/b")).toBeUndefined();
  });

  test("<rest:path> takes the remaining segments; a literal after it still matches", () => {
    expect(compile("/files/<rest:path>").match("/files/a/b/c.txt")).toEqual({ rest: "a/b/c.txt" });
    expect(compile("/files/<rest:path>/edit").match("/files/a/b/edit")).toEqual({ rest: "a/b" });
    expect(compile("/files/<rest:path>").match("/files/")).toBeUndefined();
  });

  test("<n:float> and <code:re:REGEX> (groups inside the regex do not shift later params)", () => {
    expect(compile("/price/<n:float>").match("/price/9.5")).toEqual({ n: 9.5 });
    const pattern = compile("/<code:re:(ab|cd)+>/<id:int>");
    expect(pattern.match("/abcd/7")).toEqual({ code: "abcd", id: 7 });
    expect(pattern.match("/abx/7")).toBeUndefined();
    expect(compile("/<tag:re:a\\>b>").match("/a>b")).toEqual({ tag: "a>b" });
  });

  test("literal text is matched literally, regex characters included", () => {
    const pattern = compile("/v1.0/<name>.json");
    expect(pattern.match("/v1.0/report.json")).toEqual({ name: "report" });
    expect(pattern.match("/v1x0/report.json")).toBeUndefined();
    expect(pattern.match("/v1.0/reportxjson")).toBeUndefined();
  });

  test("matching happens on the decoded path: non-ASCII literals and values work", () => {
    expect(compile("/café/<name>").match("/café/crème brûlée")).toEqual({ name: "crème brûlée" });
  });

  test("a converter that rejects the text makes the pattern not match", () => {
    const even: Converter<number> = { pattern: "\\d+", parse: (text) => (Number(text) % 2 === 0 ? Number(text) : undefined) };
    const pattern = compilePathPattern("/even/<n:even>", new Map<string, Converter>([["even", even as Converter]]));
    expect(pattern.match("/even/4")).toEqual({ n: 4 });
    expect(pattern.match("/even/5")).toBeUndefined();
  });

  test("literalDirectory is the literal text up to the last \"/\" before the first parameter", () => {
    expect(compile("/users/<id>").literalDirectory).toBe("/users/");
    expect(compile("/api/v1/users/<id>/posts").literalDirectory).toBe("/api/v1/users/");
    expect(compile("/users").literalDirectory).toBe("/");
    expect(compile("/<id>").literalDirectory).toBe("/");
    expect(compile("/user<id>/x").literalDirectory).toBe("/");
    expect(compile("/files/img-<n:int>.png").literalDirectory).toBe("/files/");
  });
});

describe("compilePathPattern: building URLs", () => {
  test("build fills parameters and percent-encodes them, keeping / in path values", () => {
    expect(compile("/users/<id:int>").build({ id: 42 })).toBe("/users/42");
    expect(compile("/search/<term>").build({ term: "a b&c?" })).toBe("/search/a%20b%26c%3F");
    expect(compile("/files/<rest:path>").build({ rest: "docs/read me.txt" })).toBe("/files/docs/read%20me.txt");
    expect(compile("/café").build({})).toBe("/caf%C3%A9");
  });

  test("build refuses a missing value, a value its converter would not match, and a non-scalar", () => {
    const pattern = compile("/users/<id:int>/<name>");
    expect(() => pattern.build({ name: "x" })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_PARAM" }));
    expect(() => pattern.build({ id: "abc", name: "x" })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_PARAM" }));
    expect(() => pattern.build({ id: 1, name: "a/b" })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_PARAM" }));
    expect(() => pattern.build({ id: 1, name: { toString: () => "x" } })).toThrow(expect.objectContaining({ code: "ERR_ROUTE_INVALID_PARAM" }));
  });

  test("a converter's format is used to build", () => {
    const date: Converter<Date> = { pattern: "\\d{4}-\\d{2}-\\d{2}", parse: (text) => new Date(text), format: (value) => value.toISOString().slice(0, 10) };
    const pattern = compilePathPattern("/day/<d:date>", new Map([["date", date as Converter]]));
    expect(pattern.build({ d: new Date("2024-02-29T12:00:00Z") })).toBe("/day/2024-02-29");
  });

  test("encodePathText keeps unreserved characters and /", () => {
    expect(encodePathText("a-b_c.d~e/f g")).toBe("a-b_c.d~e/f%20g");
  });
});

describe("compilePathPattern: invalid patterns", () => {
  test.each([
    ["users", "ERR_ROUTE_INVALID_PATTERN"],
    ["/users/<>", "ERR_ROUTE_INVALID_PATTERN"],
    ["/users/<id", "ERR_ROUTE_INVALID_PATTERN"],
    ["/users/<1id>", "ERR_ROUTE_INVALID_PATTERN"],
    ["/<id>/<id>", "ERR_ROUTE_INVALID_PATTERN"],
    ["/<id:int:5>", "ERR_ROUTE_INVALID_PATTERN"],
    ["/<id:re:[>", "ERR_ROUTE_INVALID_PATTERN"],
    ["/<id:re:>", "ERR_ROUTE_INVALID_PATTERN"],
    ["/<id:uuid>", "ERR_ROUTE_UNKNOWN_CONVERTER"],
  ])("%s → %s", (pattern, code) => {
    expect(() => compile(pattern)).toThrow(expect.objectContaining({ code }));
  });
});

test("PathParams infers parameter types from a pattern literal", () => {
  expectTypeOf<PathParams<"/users/<id:int>/<slug>">>().toEqualTypeOf<{ id: number; slug: string }>();
  expectTypeOf<PathParams<"/files/<rest:path>/<n:float>/<c:re:[a-z]+>">>().toEqualTypeOf<{ rest: string; n: number; c: string }>();
  expectTypeOf<PathParams<"/static">>().toEqualTypeOf<{}>();
  expectTypeOf<PathParams<string>>().toEqualTypeOf<Record<string, unknown>>();
  expectTypeOf<PathParams<"/<x:custom>">>().toEqualTypeOf<{ x: unknown }>();
});
