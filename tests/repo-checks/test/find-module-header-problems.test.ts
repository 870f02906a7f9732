import { describe, expect, test } from "vitest";
import { findModuleHeaderProblems, MAX_MODULE_LINES } from "../src/find-module-header-problems.js";
import { WORKSPACE_SOURCES } from "./repository.js";

const LONG_BODY = "export const x = 1;\n".repeat(MAX_MODULE_LINES);

describe("findModuleHeaderProblems", () => {
  test("accepts a line comment, a block comment, or either after a shebang", () => {
    const modules = ["// Parses heads; no I/O.\nexport {};\n", "/**\n * The arbiter.\n */\nexport {};\n", "#!/usr/bin/env node\n// The bin.\nexport {};\n"];
    expect(modules.flatMap((module) => findModuleHeaderProblems(module))).toEqual([]);
  });

  test("refuses a module that opens with code", () => {
    expect(findModuleHeaderProblems('import { a } from "./a.js";\n// late comment\n')).toEqual(["does not open with a comment saying what the module is responsible for"]);
  });

  test("a module over the cap must name it in its header", () => {
    expect(findModuleHeaderProblems(`// A long module.\n${LONG_BODY}`)).toEqual([`has ${MAX_MODULE_LINES + 1} lines, over ${MAX_MODULE_LINES}, and its header comment does not say why`]);
    expect(findModuleHeaderProblems(`// A long module: over ${MAX_MODULE_LINES} lines because one state machine.\n${LONG_BODY}`)).toEqual([]);
  });
});

describe("the repository", () => {
  test("every src module opens with its responsibility, and long ones say why they are long", () => {
    const modules = WORKSPACE_SOURCES.filter((source) => source.packagePath.startsWith("src/"));
    expect(modules.length).toBeGreaterThan(0);
    const problems = modules.flatMap((source) => findModuleHeaderProblems(source.text).map((problem) => `${source.relativePath} ${problem}`));
    expect(problems).toEqual([]);
  });
});
