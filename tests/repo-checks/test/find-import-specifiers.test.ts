import { describe, expect, test } from "vitest";
import { findImportSpecifiers, lineOf } from "../src/find-import-specifiers.js";

describe("findImportSpecifiers", () => {
  test("finds static, re-export, side-effect, dynamic and require forms with their lines", () => {
    const source = [
      'import { a } from "./a.js";',
      "import type { B } from './b.js';",
      'export { c } from "./c.js";',
      'export * from "./d.js";',
      'import "./e.js";',
      'const f = await import("./f.js");',
      'const g = require("./g.js");',
      "import {",
      "  h,",
      '} from "./h.js";',
    ].join("\n");
    expect(findImportSpecifiers(source)).toEqual([
      { specifier: "./a.js", line: 1 },
      { specifier: "./b.js", line: 2 },
      { specifier: "./c.js", line: 3 },
      { specifier: "./d.js", line: 4 },
      { specifier: "./e.js", line: 5 },
      { specifier: "./f.js", line: 6 },
      { specifier: "./g.js", line: 7 },
      { specifier: "./h.js", line: 10 },
    ]);
  });

  test("ignores imports in comments and calls such as Array.from", () => {
    expect(findImportSpecifiers('// import { a } from "./a.js";\nconst x = Array.from("ab");')).toEqual([]);
  });
});

describe("lineOf", () => {
  test("counts lines from 1", () => {
    expect([0, 2, 3, 6].map((offset) => lineOf("ab\ncd\nef", offset))).toEqual([1, 1, 2, 3]);
  });
});
