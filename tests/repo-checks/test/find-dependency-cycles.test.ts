import { describe, expect, test } from "vitest";
import { buildDependencyGraph } from "../src/build-dependency-graph.js";
import { findDependencyCycles } from "../src/find-dependency-cycles.js";
import { WORKSPACE_PACKAGES } from "./repository.js";

describe("findDependencyCycles", () => {
  test("an acyclic graph has none", () => {
    const graph = new Map([["a", ["b", "c"]], ["b", ["c"]], ["c", []], ["d", ["a", "outside"]]]);
    expect(findDependencyCycles(graph)).toEqual([]);
  });

  test("finds each cycle, self-dependencies included", () => {
    const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a", "d"]], ["d", []], ["e", ["e"]], ["f", ["g"]], ["g", ["f"]]]);
    expect(findDependencyCycles(graph).sort((left, right) => left.join().localeCompare(right.join()))).toEqual([["a", "b", "c"], ["e"], ["f", "g"]]);
  });
});

describe("the repository", () => {
  test("the workspace dependency graph has no cycles", () => {
    const graph = buildDependencyGraph(WORKSPACE_PACKAGES);
    expect(graph.size).toBeGreaterThan(1);
    expect(findDependencyCycles(graph)).toEqual([]);
  });
});
