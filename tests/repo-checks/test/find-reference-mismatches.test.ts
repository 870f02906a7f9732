import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { findReferenceMismatches, type ProjectConfig } from "../src/find-reference-mismatches.js";
import type { WorkspacePackage } from "../src/list-workspace-packages.js";
import { stripComments } from "../src/strip-comments.js";
import { ROOT, WORKSPACE_PACKAGES } from "./repository.js";

const FAKE_ROOT = "/repository";

function workspacePackage(folder: string, dependencies: Record<string, string> = {}): WorkspacePackage {
  const name = `@patchbay/${folder}`;
  return { name, relativeDirectory: `packages/${folder}`, directory: join(FAKE_ROOT, "packages", folder), manifest: { name, dependencies } };
}

const GATEWAY = workspacePackage("gateway");
const KIT = workspacePackage("server-kit", { "@patchbay/gateway": "workspace:*" });

describe("findReferenceMismatches", () => {
  test("accepts references that match the runtime dependencies", () => {
    const loop = workspacePackage("server-loop", { "@patchbay/gateway": "workspace:*", "@patchbay/server-kit": "workspace:*", busboy: "^1" });
    const tsconfig = { references: [{ path: "../gateway" }, { path: "../server-kit" }] };
    expect(findReferenceMismatches(loop, tsconfig, [GATEWAY, KIT, loop], FAKE_ROOT)).toEqual([]);
  });

  test("reports a missing reference, an extra one and one to no package", () => {
    const loop = workspacePackage("server-loop", { "@patchbay/gateway": "workspace:*" });
    const tsconfig = { references: [{ path: "../server-kit" }, { path: "../../nowhere" }] };
    expect(findReferenceMismatches(loop, tsconfig, [GATEWAY, KIT, loop], FAKE_ROOT)).toEqual([
      "references ../../nowhere, which is not a workspace package",
      "depends on @patchbay/gateway but its tsconfig.json does not reference it",
      "references @patchbay/server-kit but does not depend on it",
    ]);
  });
});

describe("the repository", () => {
  test("project references match workspace dependencies, in every package under packages/ and wherever references are used", () => {
    const problems = WORKSPACE_PACKAGES.flatMap((candidate) => {
      const path = join(candidate.directory, "tsconfig.json");
      if (!existsSync(path)) return [];
      const tsconfig = JSON.parse(stripComments(readFileSync(path, "utf8"))) as ProjectConfig;
      if (tsconfig.references === undefined && !candidate.relativeDirectory.startsWith("packages/")) return [];
      return findReferenceMismatches(candidate, tsconfig, WORKSPACE_PACKAGES, ROOT).map((problem) => `${candidate.relativeDirectory}/tsconfig.json: ${problem}`);
    });
    expect(problems).toEqual([]);
  });
});
