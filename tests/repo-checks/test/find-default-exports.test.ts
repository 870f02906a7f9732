import { describe, expect, test } from "vitest";
import { findDefaultExports } from "../src/find-default-exports.js";
import { WORKSPACE_SOURCES } from "./repository.js";

describe("findDefaultExports", () => {
  test("finds export default and re-exports as default", () => {
    const source = ["export default function app() {}", "const a = 1;", "export { a as default };", "export {", "  a as default,", "};"].join("\n");
    expect(findDefaultExports(source)).toEqual([1, 3, 4]);
  });

  test("ignores named exports, comments and strings", () => {
    expect(findDefaultExports('export { a, b as c };\n// export default x\nconst s = "export default y";\nconst o = { default: 1 };')).toEqual([]);
  });
});

describe("the repository", () => {
  test("no module under a package's src/ has a default export", () => {
    const modules = WORKSPACE_SOURCES.filter((source) => source.packagePath.startsWith("src/"));
    const violations = modules.flatMap((source) => findDefaultExports(source.text).map((line) => `${source.relativePath}:${line}: default export; export by name`));
    expect(violations).toEqual([]);
  });
});
