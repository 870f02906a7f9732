import { describe, expect, test } from "vitest";
import { isGrabBagFile } from "../src/is-grab-bag-file.js";
import { WORKSPACE_SOURCES } from "./repository.js";

describe("isGrabBagFile", () => {
  test("flags utils, helpers, common and misc files and folders", () => {
    const paths = ["src/utils.ts", "src/helpers.ts", "src/common.ts", "src/Misc.js", "src/util/x.ts", "src/common/index.ts", "test/helpers.ts"];
    expect(paths.filter((path) => isGrabBagFile(path))).toEqual(paths);
  });

  test("accepts topic names, even ones that contain those words", () => {
    const paths = ["src/response-writer.ts", "src/common-headers.ts", "src/utilization.ts", "test/harness.ts"];
    expect(paths.filter((path) => isGrabBagFile(path))).toEqual([]);
  });
});

describe("the repository", () => {
  test("no source file is a grab-bag module", () => {
    expect(WORKSPACE_SOURCES.filter((source) => isGrabBagFile(source.packagePath)).map((source) => source.relativePath)).toEqual([]);
  });
});
