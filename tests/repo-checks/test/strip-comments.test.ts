import { describe, expect, test } from "vitest";
import { stripComments } from "../src/strip-comments.js";

describe("stripComments", () => {
  test("blanks line and block comments but keeps the line count", () => {
    const source = "const a = 1; // note\n/* one\n two */ const b = 2;\n";
    const stripped = stripComments(source);
    expect(stripped).toBe("const a = 1;        \n      \n        const b = 2;\n");
    expect(stripped.split("\n")).toHaveLength(source.split("\n").length);
  });

  test("keeps comment markers inside strings, templates and regular expressions", () => {
    const source = 'const url = "http://example.com"; const t = `/* ${"//"} */`; const r = /\\/\\/[/]/g; // gone';
    expect(stripComments(source)).toBe(source.replace("// gone", "       "));
  });

  test("tells a regular expression from a division", () => {
    expect(stripComments("const half = total / 2; // c")).toBe("const half = total / 2;     ");
    expect(stripComments("return /x\\/y/.test(s); // c")).toBe("return /x\\/y/.test(s);     ");
  });

  test("follows code nested in template literals", () => {
    const source = "const s = `a ${ { b: `c ${d}` }.b } e`; // c";
    expect(stripComments(source)).toBe(source.replace("// c", "    "));
  });

  test("blankStrings blanks literal text but keeps the quotes and template code", () => {
    expect(stripComments('f("it.only", `x ${y} z`); // c', { blankStrings: true })).toBe('f("       ", `  ${y}  `);     ');
  });
});
