import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { listSourceFiles } from "../src/list-source-files.js";
import { ROOT } from "./repository.js";

describe("listSourceFiles", () => {
  const files = listSourceFiles(join(ROOT, "tests", "repo-checks")).map((path) => path.slice(join(ROOT, "tests", "repo-checks").length + 1));

  test("lists this package's sources and tests, sorted", () => {
    expect(files).toContain("src/index.ts");
    expect(files).toContain("test/list-source-files.test.ts");
    expect(files).toContain("vitest.config.ts");
    expect(files).toEqual([...files].sort());
  });

  test("skips node_modules, dist, declaration files and non-source fixtures", () => {
    expect(files.filter((path) => /(?:^|\/)(?:node_modules|dist)\/|\.d\.ts$|\.txt$/.test(path))).toEqual([]);
  });

  test("yields none for a missing folder", () => {
    expect(listSourceFiles(join(ROOT, "no-such-folder"))).toEqual([]);
  });
});
