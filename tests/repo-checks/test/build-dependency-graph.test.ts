import { describe, expect, test } from "vitest";
import { buildDependencyGraph, workspaceDependenciesOf } from "../src/build-dependency-graph.js";
import type { WorkspacePackage } from "../src/list-workspace-packages.js";

function workspacePackage(name: string, manifest: WorkspacePackage["manifest"]): WorkspacePackage {
  return { name, relativeDirectory: `packages/${name}`, directory: `/repository/packages/${name}`, manifest: { name, ...manifest } };
}

describe("workspaceDependenciesOf", () => {
  test("keeps workspace packages from the chosen fields, sorted and once each", () => {
    const manifest = { dependencies: { b: "workspace:*", cookie: "^1.0.0" }, devDependencies: { a: "workspace:*", b: "workspace:*" }, peerDependencies: { c: "*" } };
    const names = new Set(["a", "b", "c"]);
    expect(workspaceDependenciesOf(manifest, names)).toEqual(["a", "b", "c"]);
    expect(workspaceDependenciesOf(manifest, names, ["dependencies"])).toEqual(["b"]);
  });
});

describe("buildDependencyGraph", () => {
  test("maps every package to its workspace dependencies", () => {
    const graph = buildDependencyGraph([
      workspacePackage("gateway", {}),
      workspacePackage("server", { dependencies: { gateway: "workspace:*", vitest: "4" } }),
    ]);
    expect(Object.fromEntries(graph)).toEqual({ gateway: [], server: ["gateway"] });
  });
});
