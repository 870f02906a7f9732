import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, test } from "vitest";
import { readVitestProjectName } from "../src/read-vitest-project-name.js";
import { WORKSPACE_PACKAGES } from "./repository.js";

describe("readVitestProjectName", () => {
  test("reads the name given to defineProject", () => {
    const config = 'import { defineProject } from "vitest/config";\n\nexport default defineProject({\n  test: { name: "server-loop", include: ["test/**/*.test.ts"] },\n});\n';
    expect(readVitestProjectName(config)).toBe("server-loop");
  });

  test("gives nothing for defineConfig, a commented-out name, or no name", () => {
    expect(readVitestProjectName('export default defineConfig({ test: { name: "x" } });')).toBeUndefined();
    expect(readVitestProjectName("export default defineProject({ test: { /* name: \"x\" */ include: [] } });")).toBeUndefined();
  });
});

describe("the repository", () => {
  test("every package with a test/ folder is a vitest project named after its folder", () => {
    const tested = WORKSPACE_PACKAGES.filter((workspacePackage) => existsSync(join(workspacePackage.directory, "test")));
    expect(tested.length).toBeGreaterThan(0);
    const problems = tested.flatMap((workspacePackage) => {
      const path = join(workspacePackage.directory, "vitest.config.ts");
      if (!existsSync(path)) return [`${workspacePackage.relativeDirectory}: test/ but no vitest.config.ts`];
      const name = readVitestProjectName(readFileSync(path, "utf8"));
      const expected = basename(workspacePackage.relativeDirectory);
      return name === expected ? [] : [`${workspacePackage.relativeDirectory}/vitest.config.ts: defineProject name is ${JSON.stringify(name)}, expected "${expected}"`];
    });
    expect(problems).toEqual([]);
  });
});
