import { basename } from "node:path";
import { describe, expect, test } from "vitest";
import { findBarrelViolations } from "../src/find-barrel-violations.js";
import { WORKSPACE_SOURCES } from "./repository.js";

describe("findBarrelViolations", () => {
  test("accepts named re-exports and comments, over several lines too", () => {
    const barrel = [
      "/** The package. Barrel only. */",
      "",
      "// Topic",
      'export { a, b as c } from "./a.js";',
      "export type {",
      "  T,",
      "  U,",
      '} from "./types.js"',
      "/* trailing */",
    ].join("\n");
    expect(findBarrelViolations(barrel)).toEqual([]);
  });

  test("reports imports, declarations, export * and default exports at their first line", () => {
    const barrel = [
      '// Barrel',
      'import { a } from "./a.js";',
      'export { b } from "./b.js";',
      'export * from "./c.js";',
      "export const d = 1;",
      "export default function e() {",
      "  return 1;",
      "}",
    ].join("\n");
    expect(findBarrelViolations(barrel)).toEqual([
      { line: 2, text: 'import { a } from "./a.js";' },
      { line: 4, text: 'export * from "./c.js";' },
    ]);
  });
});

describe("the repository", () => {
  test("every index.ts is only a barrel of named re-exports", () => {
    const barrels = WORKSPACE_SOURCES.filter((source) => basename(source.path) === "index.ts");
    expect(barrels.length).toBeGreaterThan(0);
    const violations = barrels.flatMap((source) => findBarrelViolations(source.text).map(({ line, text }) => `${source.relativePath}:${line}: ${text}`));
    expect(violations).toEqual([]);
  });
});
