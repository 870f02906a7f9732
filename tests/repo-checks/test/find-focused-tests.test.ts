import { describe, expect, test } from "vitest";
import { findFocusedTests } from "../src/find-focused-tests.js";
import { readFixture, WORKSPACE_SOURCES } from "./repository.js";

describe("findFocusedTests", () => {
  test("finds only, skip, todo and conditional skips, also chained and split over lines", () => {
    expect(findFocusedTests(readFixture("focused-tests.ts.txt"))).toEqual([
      { line: 2, call: "describe.only" },
      { line: 3, call: "it.skip" },
      { line: 4, call: "test.todo" },
      { line: 5, call: "describe.concurrent.skip" },
      { line: 6, call: "it.skipIf" },
      { line: 8, call: "test.only" },
    ]);
  });
});

describe("the repository", () => {
  test("no test is focused or disabled", () => {
    const testFiles = WORKSPACE_SOURCES.filter((source) => /(?:^|\/)test\/|\.(?:test|spec)\.[cm]?[jt]s$/.test(source.packagePath));
    expect(testFiles.length).toBeGreaterThan(0);
    const violations = testFiles.flatMap((source) => findFocusedTests(source.text).map(({ line, call }) => `${source.relativePath}:${line}: ${call}`));
    expect(violations).toEqual([]);
  });
});
