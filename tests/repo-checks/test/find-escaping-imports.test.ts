import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { findEscapingImports } from "../src/find-escaping-imports.js";
import { readFixture, WORKSPACE_SOURCES } from "./repository.js";

describe("findEscapingImports", () => {
  test("finds relative imports that resolve outside the package folder", () => {
    const packageDirectory = join("/repository", "packages", "server-loop");
    const found = findEscapingImports(join(packageDirectory, "test", "listener.test.ts"), readFixture("escaping-imports.ts.txt"), packageDirectory);
    expect(found).toEqual([
      { specifier: "../../gateway/src/errors.js", line: 2, typeOnly: false },
      { specifier: "../../../packages/server-socket/src/parser.js", line: 3, typeOnly: false },
      { specifier: "../../elsewhere.js", line: 4, typeOnly: false },
    ]);
  });

  test("judges by where the file is: from a folder deep enough, the same imports stay inside", () => {
    const packageDirectory = join("/repository", "packages", "gateway");
    const deepFile = join(packageDirectory, "src", "static", "deep", "deeper", "file.ts");
    expect(findEscapingImports(deepFile, readFixture("escaping-imports.ts.txt"), packageDirectory)).toEqual([]);
  });
});

describe("the repository", () => {
  test("no file imports another workspace package by relative path", () => {
    const violations = WORKSPACE_SOURCES.flatMap((source) =>
      findEscapingImports(source.path, source.text, source.workspacePackage.directory).map(
        ({ specifier, line }) => `${source.relativePath}:${line}: "${specifier}" leaves ${source.workspacePackage.relativeDirectory}; import by package name`,
      ),
    );
    expect(violations).toEqual([]);
  });
});
