import { describe, expect, test } from "vitest";
import { findBareBuiltinImports, isBareBuiltinSpecifier } from "../src/find-bare-builtin-imports.js";
import { readFixture, WORKSPACE_SOURCES } from "./repository.js";

describe("findBareBuiltinImports", () => {
  test("finds every import form of a built-in without node:, and nothing else", () => {
    const found = findBareBuiltinImports(readFixture("bare-builtin-imports.ts.txt"));
    expect(found).toEqual([
      { specifier: "fs", line: 2, typeOnly: false },
      { specifier: "http", line: 3, typeOnly: true },
      { specifier: "stream/promises", line: 4, typeOnly: false },
      { specifier: "events", line: 5, typeOnly: false },
      { specifier: "crypto", line: 6, typeOnly: false },
      { specifier: "path", line: 7, typeOnly: false },
      { specifier: "net", line: 10, typeOnly: false },
    ]);
  });

  test("isBareBuiltinSpecifier accepts node: names and packages that only look like built-ins", () => {
    expect(["node:fs", "fs-extra", "./fs.js", "@types/node"].filter((specifier) => isBareBuiltinSpecifier(specifier))).toEqual([]);
  });
});

describe("the repository", () => {
  test("imports Node built-ins only with the node: prefix", () => {
    const violations = WORKSPACE_SOURCES.flatMap((source) =>
      findBareBuiltinImports(source.text).map(({ specifier, line }) => `${source.relativePath}:${line}: "${specifier}" needs the node: prefix`),
    );
    expect(violations).toEqual([]);
  });
});
