// The repository these checks read, loaded once per test file: root, workspace packages, their sources.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findRepositoryRoot } from "../src/find-repository-root.js";
import { listWorkspacePackages, type WorkspacePackage } from "../src/list-workspace-packages.js";
import { readWorkspaceSources, type WorkspaceSource } from "../src/read-workspace-sources.js";

/** The monorepo root. */
export const ROOT: string = findRepositoryRoot();

/** Every workspace package (packages/*, tests/*, examples/*, bench). */
export const WORKSPACE_PACKAGES: readonly WorkspacePackage[] = listWorkspacePackages(ROOT);

/** The published packages: every package under packages/. */
export const PUBLISHED_PACKAGES: readonly WorkspacePackage[] = WORKSPACE_PACKAGES.filter((workspacePackage) => workspacePackage.relativeDirectory.startsWith("packages/"));

// This package's fixtures break the conventions on purpose, so the checks can be seen to fail on them.
const OWN_FIXTURES = "tests/repo-checks/test/fixtures/";

/** Every source file of every workspace package, except this package's deliberately broken fixtures. */
export const WORKSPACE_SOURCES: readonly WorkspaceSource[] = readWorkspaceSources(ROOT, WORKSPACE_PACKAGES).filter((source) => !source.relativePath.startsWith(OWN_FIXTURES));

/** Reads a file of this package's test/fixtures folder. */
export function readFixture(name: string): string {
  return readFileSync(join(ROOT, OWN_FIXTURES, name), "utf8");
}
