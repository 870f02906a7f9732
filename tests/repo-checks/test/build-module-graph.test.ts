import { basename, join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildModuleGraph } from "../src/build-module-graph.js";
import { findDependencyCycles } from "../src/find-dependency-cycles.js";
import { WORKSPACE_PACKAGES, WORKSPACE_SOURCES } from "./repository.js";

const SRC = join("/repository", "packages", "example", "src");

describe("buildModuleGraph", () => {
  test("resolves .js specifiers to .ts sources and leaves out type-only, package and unknown imports", () => {
    const graph = buildModuleGraph([
      { path: join(SRC, "index.ts"), text: 'export { a } from "./a.js";\nexport type { B } from "./b.js";' },
      { path: join(SRC, "a.ts"), text: 'import { c } from "./deep/c.js";\nimport type { B } from "./b.js";\nimport { x } from "@patchbay/gateway";\nimport { y } from "./gone.js";' },
      { path: join(SRC, "b.ts"), text: "export type B = string;" },
      { path: join(SRC, "deep", "c.ts"), text: 'import { a } from "../a.js";' },
    ]);
    expect(Object.fromEntries([...graph].map(([path, targets]) => [path.slice(SRC.length + 1), targets.map((target) => target.slice(SRC.length + 1))]))).toEqual({
      "index.ts": ["a.ts"],
      "a.ts": ["deep/c.ts"],
      "b.ts": [],
      "deep/c.ts": ["a.ts"],
    });
    expect(findDependencyCycles(graph)).toHaveLength(1);
  });
});

describe("the repository", () => {
  const sourcesOf = (directory: string) => WORKSPACE_SOURCES.filter((source) => source.workspacePackage.directory === directory);

  test("no package has a runtime import cycle between its modules", () => {
    const cycles = WORKSPACE_PACKAGES.flatMap((workspacePackage) => {
      const sources = sourcesOf(workspacePackage.directory);
      const relativePathOf = new Map(sources.map((source) => [source.path, source.relativePath]));
      return findDependencyCycles(buildModuleGraph(sources)).map((cycle) => cycle.map((path) => relativePathOf.get(path)).join(" <-> "));
    });
    expect(cycles).toEqual([]);
  });

  test("no module imports its own package's index.ts barrel", () => {
    const violations = WORKSPACE_PACKAGES.flatMap((workspacePackage) => {
      const sources = sourcesOf(workspacePackage.directory).filter((source) => source.packagePath.startsWith("src/"));
      return [...buildModuleGraph(sources)].flatMap(([path, targets]) =>
        targets.filter((target) => basename(target) === "index.ts" && basename(path) !== "index.ts").map((target) => `${path} imports ${target}`),
      );
    });
    expect(violations).toEqual([]);
  });
});
