import { describe, expect, test } from "vitest";
import { BUILTIN_CONVERTERS } from "../src/converter.js";
import type { Converter } from "../src/converter.js";
import { compilePathPattern } from "../src/path-pattern.js";
import { Router } from "../src/router.js";

const converters = new Map<string, Converter>(Object.entries(BUILTIN_CONVERTERS));

function routerWith(routes: [method: string, pattern: string, handler: string][]): Router<string> {
  const router = new Router<string>();
  for (const [method, pattern, handler] of routes) router.add(method, compilePathPattern(pattern, converters), handler);
  return router;
}

describe("Router", () => {
  test("finds static and dynamic routes with their params", () => {
    const router = routerWith([
      ["GET", "/", "home"],
      ["GET", "/users/<id:int>", "user"],
      ["POST", "/users", "create"],
    ]);
    expect(router.match("GET", "/")).toEqual({ kind: "found", handler: "home", params: {} });
    expect(router.match("GET", "/users/5")).toEqual({ kind: "found", handler: "user", params: { id: 5 } });
    expect(router.match("POST", "/users")).toEqual({ kind: "found", handler: "create", params: {} });
    expect(router.match("GET", "/nothing")).toEqual({ kind: "not-found" });
  });

  test("a static route wins over a dynamic one registered earlier", () => {
    const router = routerWith([
      ["GET", "/users/<name>", "by-name"],
      ["GET", "/users/me", "me"],
    ]);
    expect(router.match("GET", "/users/me")).toMatchObject({ handler: "me" });
    expect(router.match("GET", "/users/ada")).toMatchObject({ handler: "by-name", params: { name: "ada" } });
  });

  test("dynamic routes are tried in registration order, across first-segment buckets and wildcard patterns", () => {
    const router = routerWith([
      ["GET", "/<section>/<id:int>", "wildcard-first"],
      ["GET", "/users/<id:int>", "users"],
      ["GET", "/users/<name>", "users-by-name"],
      ["GET", "/<anything:path>", "catch-all"],
    ]);
    expect(router.match("GET", "/users/5")).toMatchObject({ handler: "wildcard-first", params: { section: "users", id: 5 } });
    expect(router.match("GET", "/users/ada")).toMatchObject({ handler: "users-by-name" });
    expect(router.match("GET", "/other/x/y")).toMatchObject({ handler: "catch-all", params: { anything: "other/x/y" } });
  });

  test("a path known for other methods is method-not-allowed, with a sorted Allow list", () => {
    const router = routerWith([
      ["GET", "/items/<id:int>", "read"],
      ["PUT", "/items/<id:int>", "replace"],
      ["DELETE", "/items/<n:int>", "delete"],
    ]);
    expect(router.match("POST", "/items/1")).toEqual({ kind: "method-not-allowed", allowed: ["DELETE", "GET", "HEAD", "OPTIONS", "PUT"] });
    expect(router.match("POST", "/items/x")).toEqual({ kind: "not-found" });
    expect(router.allowedMethods("/items/x")).toEqual([]);
  });

  test("a method on a later pattern is found when an earlier pattern matches the path for other methods", () => {
    const router = routerWith([
      ["GET", "/things/<id:int>", "read"],
      ["DELETE", "/things/<name>", "delete"],
    ]);
    expect(router.match("DELETE", "/things/3")).toMatchObject({ kind: "found", handler: "delete", params: { name: "3" } });
  });

  test("HEAD uses the GET handler unless HEAD has its own; methods are case-sensitive", () => {
    const router = routerWith([
      ["GET", "/a", "get-a"],
      ["GET", "/b", "get-b"],
      ["HEAD", "/b", "head-b"],
    ]);
    expect(router.match("HEAD", "/a")).toMatchObject({ handler: "get-a" });
    expect(router.match("HEAD", "/b")).toMatchObject({ handler: "head-b" });
    expect(router.match("get", "/a")).toMatchObject({ kind: "method-not-allowed" });
  });

  test("a second handler for the same method and pattern is refused", () => {
    const router = routerWith([["GET", "/x/<id>", "one"]]);
    expect(() => router.add("GET", compilePathPattern("/x/<id>", converters), "two")).toThrow(expect.objectContaining({ code: "ERR_ROUTE_DUPLICATE_ROUTE" }));
  });

  test("one hundred routes still resolve to the right one", () => {
    const router = new Router<number>();
    for (let index = 0; index < 50; index++) {
      router.add("GET", compilePathPattern(`/static${index}/page`, converters), index);
      router.add("GET", compilePathPattern(`/dynamic${index}/<id:int>`, converters), 100 + index);
    }
    expect(router.match("GET", "/static37/page")).toMatchObject({ handler: 37 });
    expect(router.match("GET", "/dynamic42/9")).toMatchObject({ handler: 142, params: { id: 9 } });
    expect(router.match("GET", "/dynamic42/x")).toEqual({ kind: "not-found" });
  });

  test("a static hit returns one shared, prebuilt result per method (nothing allocated per request)", () => {
    const router = routerWith([
      ["GET", "/a", "get-a"],
      ["POST", "/a", "post-a"],
    ]);
    expect(router.match("GET", "/a")).toBe(router.match("GET", "/a"));
    expect(router.match("HEAD", "/a")).toBe(router.match("GET", "/a"));
    expect(router.match("POST", "/a")).toEqual({ kind: "found", handler: "post-a", params: {} });
  });
});
