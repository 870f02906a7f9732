// Tests for route-table.ts: per-method trees, HEAD from GET, all() precedence, duplicates and conflicts.
import { describe, expect, test } from "vitest";
import type { ChainMiddleware, Context } from "../src/context.js";
import { ANY_METHOD, buildRouteTable, ROUTER_ALL_METHODS, treeFor, type FlatRoute, type RouteTable } from "../src/route-table.js";

/** A middleware that records its name in ctx.state.trail. */
function step(name: string): ChainMiddleware {
  return async (context, next) => {
    ((context.state.trail ??= []) as string[]).push(name);
    await next();
  };
}

function route(methods: string[], pattern: string, ...names: string[]): FlatRoute<Record<string, unknown>> {
  return { methods, pattern, chain: names.map(step) };
}

/** Runs the entry a method and path resolve to and returns the trail of step names, or undefined for no match. */
async function trailOf(table: RouteTable<Record<string, unknown>>, method: string, path: string): Promise<string[] | undefined> {
  const tree = table.trees.get(method) ?? table.anyMethod;
  const entry = tree?.match(path, []);
  if (entry === undefined) return undefined;
  const context = { state: {} } as Context;
  await entry.handler(context);
  return context.state.trail as string[];
}

describe("buildRouteTable", () => {
  test("one tree per routed method, in Allow order, with HEAD filled from GET", () => {
    const table = buildRouteTable([route(["PROPFIND"], "/a", "p"), route(["POST"], "/a", "post"), route(["GET"], "/a", "get")]);
    expect([...table.trees.keys()]).toEqual(["GET", "HEAD", "POST", "PROPFIND"]);
    expect(table.anyMethod).toBeUndefined();
  });

  test("HEAD runs the GET chain unless an own HEAD route exists for the shape", async () => {
    const table = buildRouteTable([route(["GET"], "/a", "get-a"), route(["GET"], "/b", "get-b"), route(["HEAD"], "/b", "head-b")]);
    expect(await trailOf(table, "HEAD", "/a")).toEqual(["get-a"]);
    expect(await trailOf(table, "HEAD", "/b")).toEqual(["head-b"]);
  });

  test("all() fills every method where no own route of the shape exists, and other methods through anyMethod", async () => {
    const table = buildRouteTable([route([ANY_METHOD], "/x/:id", "all"), route(["DELETE"], "/x/:id", "delete")]);
    expect([...table.trees.keys()]).toEqual([...ROUTER_ALL_METHODS]);
    expect(await trailOf(table, "DELETE", "/x/1")).toEqual(["delete"]);
    expect(await trailOf(table, "PUT", "/x/1")).toEqual(["all"]);
    expect(await trailOf(table, "MKCOL", "/x/1")).toEqual(["all"]);
  });

  test("the same method and shape registered twice run as one chain, in order", async () => {
    const table = buildRouteTable([route(["GET"], "/a/:id", "first", "second"), route(["GET"], "/a/:id/", "third")]);
    expect(await trailOf(table, "GET", "/a/1")).toEqual(["first", "second", "third"]);
  });

  test("the same shape with different parameter names is refused", () => {
    expect(() => buildRouteTable([route(["GET"], "/a/:x", "one"), route(["GET"], "/a/:y", "two")])).toThrow(expect.objectContaining({ code: "ERR_CHAIN_INVALID_ROUTE" }));
    // Different methods may name the parameter differently.
    expect(() => buildRouteTable([route(["GET"], "/a/:x", "one"), route(["PUT"], "/a/:y", "two")])).not.toThrow();
  });

  test("treeFor finds a method's own tree, else the all() tree, else nothing", () => {
    const table = buildRouteTable([route(["GET"], "/a", "get"), route(["POST"], "/a", "post")]);
    expect(treeFor(table, "POST")).toBe(table.trees.get("POST"));
    expect(treeFor(table, "HEAD")).toBe(table.trees.get("HEAD"));
    expect(treeFor(table, "PROPFIND")).toBeUndefined();
    const withAll = buildRouteTable([route(["GET"], "/a", "get"), route([ANY_METHOD], "/b", "any")]);
    expect(treeFor(withAll, "PROPFIND")).toBe(withAll.anyMethod);
  });

  test("a one-handler route's direct form is the handler itself; a longer chain's is the composed chain", () => {
    const only = step("only");
    const table = buildRouteTable([{ methods: ["GET"], pattern: "/one", chain: [only] }, route(["GET"], "/two", "a", "b")]);
    const tree = table.trees.get("GET");
    expect(tree?.match("/one", [])?.direct).toBe(only);
    const two = tree?.match("/two", []);
    expect(two?.direct).toBe(two?.handler);
  });

  test("an empty router has no trees", () => {
    const table = buildRouteTable([]);
    expect(table.trees.size).toBe(0);
    expect(table.anyMethod).toBeUndefined();
  });
});
