import { existsSync } from "node:fs";
import { join, parse } from "node:path";
import { describe, expect, test } from "vitest";
import { findRepositoryRoot, WORKSPACE_FILE_NAME } from "../src/find-repository-root.js";

describe("findRepositoryRoot", () => {
  test("walks up from a nested folder to the folder holding pnpm-workspace.yaml", () => {
    const root = findRepositoryRoot();
    expect(existsSync(join(root, WORKSPACE_FILE_NAME))).toBe(true);
    expect(findRepositoryRoot(join(root, "tests", "repo-checks", "test", "fixtures"))).toBe(root);
  });

  test("throws when no folder up to the file-system root has one", () => {
    expect(() => findRepositoryRoot(parse(process.cwd()).root)).toThrow(/no pnpm-workspace\.yaml/);
  });
});
