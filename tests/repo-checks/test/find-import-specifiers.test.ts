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
      { specifier: "./a.js", line: 1, typeOnly: false },
      { specifier: "./b.js", line: 2, typeOnly: true },
      { specifier: "./c.js", line: 3, typeOnly: false },
      { specifier: "./d.js", line: 4, typeOnly: false },
      { specifier: "./e.js", line: 5, typeOnly: false },
      { specifier: "./f.js", line: 6, typeOnly: false },
      { specifier: "./g.js", line: 7, typeOnly: false },
      { specifier: "./h.js", line: 10, typeOnly: false },
    ]);
  });

  test("tells type-only imports and re-exports from the others", () => {
    const source = 'import type { A } from "./a.js"; export type { B } from "./b.js"; import { type C } from "./c.js"; import type * as D from "./d.js"; export { type E } from "./e.js";';
    expect(findImportSpecifiers(source).map(({ specifier, typeOnly }) => `${specifier} ${String(typeOnly)}`)).toEqual([
      "./a.js true",
      "./b.js true",
      "./c.js false",
      "./d.js true",
      "./e.js false",
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
