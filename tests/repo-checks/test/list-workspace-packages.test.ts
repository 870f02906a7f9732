import { describe, expect, test } from "vitest";
import { readWorkspaceGlobs } from "../src/list-workspace-packages.js";
import { WORKSPACE_PACKAGES } from "./repository.js";

describe("readWorkspaceGlobs", () => {
  test("reads the packages list and nothing after it", () => {
    const yaml = 'packages:\n  - packages/*\n  - "examples/*"\n  - bench # one folder\nengineStrict: true\nonlyBuiltDependencies:\n  - esbuild\n';
    expect(readWorkspaceGlobs(yaml)).toEqual(["packages/*", "examples/*", "bench"]);
  });
});

describe("listWorkspacePackages on the repository", () => {
  test("finds the contract, this package, and each package once with its manifest name", () => {
    const folders = WORKSPACE_PACKAGES.map((workspacePackage) => workspacePackage.relativeDirectory);
    expect(folders).toContain("packages/gateway");
    expect(folders).toContain("tests/repo-checks");
    expect(new Set(folders).size).toBe(folders.length);
    const gateway = WORKSPACE_PACKAGES.find((workspacePackage) => workspacePackage.relativeDirectory === "packages/gateway");
    expect(gateway?.name).toBe("@patchbay/gateway");
  });
});
