// Tests for path-pattern.ts: compiling patterns and joining prefixes.
import { describe, expect, test } from "vitest";
import { compilePathPattern, joinPattern, normalizePrefix } from "../src/path-pattern.js";

describe("compilePathPattern", () => {
  test("a static pattern", () => {
    const pattern = compilePathPattern("/users/list");
    expect(pattern.isStatic).toBe(true);
    expect(pattern.segments).toEqual([{ kind: "static", value: "users" }, { kind: "static", value: "list" }]);
    expect(pattern.shape).toBe("/users/list");
  });

  test("parameters and a named wildcard", () => {
    const pattern = compilePathPattern("/users/:id/files/*path");
    expect(pattern.isStatic).toBe(false);
    expect(pattern.paramNames).toEqual(["id", "path"]);
    expect(pattern.segments[1]).toEqual({ kind: "param", name: "id" });
    expect(pattern.segments[3]).toEqual({ kind: "wildcard", name: "path" });
    expect(pattern.shape).toBe("/users/:/files/*");
  });

  test("an unnamed wildcard is named *", () => {
    expect(compilePathPattern("/static/*").paramNames).toEqual(["*"]);
  });

  test("the root and a trailing slash are normalised", () => {
    expect(compilePathPattern("/").segments).toEqual([]);
    expect(compilePathPattern("/a/").source).toBe("/a");
  });

  test("patterns with the same shape but other names share a shape", () => {
    expect(compilePathPattern("/a/:x").shape).toBe(compilePathPattern("/a/:y").shape);
  });

  test.each([
    ["users", "must start with"],
    ["/a/:", "parameter name"],
    ["/a/:1x", "parameter name"],
    ["/a/:id/:id", "appears twice"],
    ["/a/*rest/b", "last segment"],
  ])("refuses %s", (pattern, message) => {
    expect(() => compilePathPattern(pattern)).toThrow(message);
    expect(() => compilePathPattern(pattern)).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_ROUTE" }));
  });
});

describe("joinPattern and normalizePrefix", () => {
  test("joins a prefix and a pattern", () => {
    expect(joinPattern("/api", "/users")).toBe("/api/users");
    expect(joinPattern("/api", "/")).toBe("/api");
    expect(joinPattern("", "/users")).toBe("/users");
  });

  test("normalises prefixes and refuses relative ones", () => {
    expect(normalizePrefix("/api/")).toBe("/api");
    expect(normalizePrefix("/")).toBe("");
    expect(normalizePrefix("")).toBe("");
    expect(() => normalizePrefix("api")).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_ROUTE" }));
  });
});
