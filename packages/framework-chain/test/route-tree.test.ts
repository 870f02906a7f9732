// Tests for route-tree.ts: static lookup, segment matching, precedence and backtracking.
import { describe, expect, test } from "vitest";
import { compilePathPattern } from "../src/path-pattern.js";
import { RouteTree } from "../src/route-tree.js";

function treeOf(...patterns: string[]): RouteTree<string> {
  const tree = new RouteTree<string>();
  for (const pattern of patterns) tree.insert(compilePathPattern(pattern), pattern);
  return tree;
}

function match(tree: RouteTree<string>, path: string): [string | undefined, string[]] {
  const values: string[] = [];
  return [tree.match(path, values), values];
}

describe("RouteTree", () => {
  test("static paths match exactly, with or without a trailing slash", () => {
    const tree = treeOf("/", "/users", "/users/list");
    expect(match(tree, "/")).toEqual(["/", []]);
    expect(match(tree, "/users")).toEqual(["/users", []]);
    expect(match(tree, "/users/")).toEqual(["/users", []]);
    expect(match(tree, "/users/list")).toEqual(["/users/list", []]);
    expect(match(tree, "/Users")).toEqual([undefined, []]);
    expect(match(tree, "/users/other")).toEqual([undefined, []]);
  });

  test("statics holds the static patterns by normalised path; matchAfterMiss does the rest of match", () => {
    const tree = treeOf("/", "/users", "/users/:id");
    expect([...tree.statics.keys()]).toEqual(["/", "/users"]);
    const values: string[] = [];
    expect(tree.matchAfterMiss("/users/", values)).toBe("/users");
    expect(tree.matchAfterMiss("/users/7/", values)).toBe("/users/:id");
    expect(values).toEqual(["7"]);
    expect(tree.matchAfterMiss("/nothing", [])).toBeUndefined();
  });

  test("parameters capture one non-empty segment", () => {
    const tree = treeOf("/users/:id", "/users/:id/posts/:post");
    expect(match(tree, "/users/42")).toEqual(["/users/:id", ["42"]]);
    expect(match(tree, "/users/42/posts/7")).toEqual(["/users/:id/posts/:post", ["42", "7"]]);
    expect(match(tree, "/users/42/posts")).toEqual([undefined, []]);
    expect(match(tree, "/users//posts/7")).toEqual([undefined, []]);
  });

  test("a static segment beats a parameter, which beats a wildcard", () => {
    const tree = treeOf("/users/new", "/users/:id", "/users/*rest");
    expect(match(tree, "/users/new")).toEqual(["/users/new", []]);
    expect(match(tree, "/users/7")).toEqual(["/users/:id", ["7"]]);
    expect(match(tree, "/users/7/x/y")).toEqual(["/users/*rest", ["7/x/y"]]);
  });

  test("backtracks from a static branch that dead-ends to a parameter", () => {
    const tree = treeOf("/files/special/info", "/files/:name/download");
    expect(match(tree, "/files/special/download")).toEqual(["/files/:name/download", ["special"]]);
  });

  test("restores captured values when a parameter branch fails", () => {
    const tree = treeOf("/a/:x/b", "/a/*rest");
    expect(match(tree, "/a/1/c")).toEqual(["/a/*rest", ["1/c"]]);
  });

  test("a wildcard matches the empty rest", () => {
    const tree = treeOf("/static/*");
    expect(match(tree, "/static")).toEqual(["/static/*", [""]]);
    expect(match(tree, "/static/")).toEqual(["/static/*", [""]]);
    expect(match(tree, "/static/css/site.css")).toEqual(["/static/*", ["css/site.css"]]);
    expect(match(treeOf("/*"), "/")).toEqual(["/*", [""]]);
  });

  test("a lone static child is compared in place: exact segment only, else the parameter", () => {
    const tree = treeOf("/api/:id/x", "/:any/y");
    expect(match(tree, "/api/7/x")).toEqual(["/api/:id/x", ["7"]]);
    expect(match(tree, "/apis/7/x")).toEqual([undefined, []]);
    expect(match(tree, "/ap/y")).toEqual(["/:any/y", ["ap"]]);
    expect(match(tree, "/api/y")).toEqual(["/:any/y", ["api"]]);
    expect(match(tree, "/api")).toEqual([undefined, []]);
    tree.insert(compilePathPattern("/apx/:id"), "/apx/:id");
    expect(match(tree, "/apx/3")).toEqual(["/apx/:id", ["3"]]);
    expect(match(tree, "/api/8/x")).toEqual(["/api/:id/x", ["8"]]);
  });

  test("inserting the same shape again replaces the value", () => {
    const tree = new RouteTree<string>();
    tree.insert(compilePathPattern("/a/:x"), "first");
    tree.insert(compilePathPattern("/a/:y"), "second");
    expect(match(tree, "/a/1")).toEqual(["second", ["1"]]);
  });

  test("scales to many routes without confusing them", () => {
    const tree = new RouteTree<string>();
    for (let index = 0; index < 100; index++) tree.insert(compilePathPattern(`/resource${index}/:id`), `route ${index}`);
    for (let index = 0; index < 100; index++) tree.insert(compilePathPattern(`/static${index}`), `static ${index}`);
    expect(match(tree, "/resource73/abc")).toEqual(["route 73", ["abc"]]);
    expect(match(tree, "/static99")).toEqual(["static 99", []]);
    expect(match(tree, "/resource100/abc")).toEqual([undefined, []]);
  });
});
