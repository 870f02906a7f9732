import { describe, expect, test } from "vitest";
import { findManifestProblems } from "../src/find-manifest-problems.js";
import type { PackageManifest } from "../src/list-workspace-packages.js";
import { PUBLISHED_PACKAGES } from "./repository.js";

const GOOD_MANIFEST: PackageManifest = {
  type: "module",
  sideEffects: false,
  engines: { node: ">=20.19" },
  exports: {
    ".": { source: "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" },
    "./package.json": "./package.json",
  },
};

describe("findManifestProblems", () => {
  test("accepts a manifest that follows the conventions", () => {
    expect(findManifestProblems(GOOD_MANIFEST)).toEqual([]);
  });

  test("names each broken convention", () => {
    const manifest: PackageManifest = {
      type: "commonjs",
      engines: {},
      exports: { ".": { default: "./dist/index.js", types: "./dist/index.d.ts" }, "./static": "./dist/static.js", "./testing": { default: "./dist/testing.js" } },
    };
    expect(findManifestProblems(manifest)).toEqual([
      '"type" must be "module", got "commonjs"',
      '"sideEffects" must be false, got undefined',
      '"engines.node" must name a Node range',
      '"exports" must contain "./package.json"',
      '"exports" entry "." must list "types" before "default"',
      '"exports" entry "./static" must be a conditions object with "types" and "default"',
      '"exports" entry "./testing" must have both "types" and "default"',
    ]);
  });

  test("refuses a missing exports map", () => {
    expect(findManifestProblems({ ...GOOD_MANIFEST, exports: "./dist/index.js" })).toEqual(['"exports" must be a map of subpaths']);
  });
});

describe("the repository", () => {
  test("every package under packages/ has a conventional package.json", () => {
    expect(PUBLISHED_PACKAGES.length).toBeGreaterThan(0);
    const problems = PUBLISHED_PACKAGES.flatMap((workspacePackage) =>
      findManifestProblems(workspacePackage.manifest).map((problem) => `${workspacePackage.relativeDirectory}/package.json: ${problem}`),
    );
    expect(problems).toEqual([]);
  });
});
