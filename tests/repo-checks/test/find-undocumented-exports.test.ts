import { basename } from "node:path";
import { describe, expect, test } from "vitest";
import { findUndocumentedExports } from "../src/find-undocumented-exports.js";
import { WORKSPACE_SOURCES } from "./repository.js";

describe("findUndocumentedExports", () => {
  test("accepts one-line and multi-line JSDoc, and overloads under one JSDoc", () => {
    const source = [
      "/** One line. */",
      "export const A_MS = 1;",
      "/**",
      " * Several lines, naming text/* and packages/* on the way.",
      " */",
      "export function overloaded(value: string): string;",
      "export function overloaded(value: number): number;",
      "export function overloaded(value: unknown): unknown {",
      "  return value;",
      "}",
      'export { a } from "./a.js";',
    ].join("\n");
    expect(findUndocumentedExports(source)).toEqual([]);
  });

  test("reports exports with no comment, a line comment, a plain block comment, or a gap", () => {
    const source = [
      "export class Bare {}",
      "// a line comment",
      "export interface LineCommented {}",
      "/* not JSDoc */",
      "export type Plain = string;",
      "/** Separated. */",
      "",
      "export async function gap(): Promise<void> {}",
    ].join("\n");
    expect(findUndocumentedExports(source)).toEqual([
      { line: 1, name: "Bare" },
      { line: 3, name: "LineCommented" },
      { line: 5, name: "Plain" },
      { line: 8, name: "gap" },
    ]);
  });
});

describe("the repository", () => {
  test("every export of every src/ module has JSDoc", () => {
    const modules = WORKSPACE_SOURCES.filter((source) => source.packagePath.startsWith("src/") && basename(source.path) !== "index.ts");
    const violations = modules.flatMap((source) => findUndocumentedExports(source.text).map(({ line, name }) => `${source.relativePath}:${line}: ${name} has no JSDoc`));
    expect(violations).toEqual([]);
  });
});
