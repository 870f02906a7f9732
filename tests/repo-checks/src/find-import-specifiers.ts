// Finds the module specifiers a source file imports, with their line numbers; it does not resolve them.
import { stripComments } from "./strip-comments.js";

/** One import of a source file. */
export interface ImportSpecifier {
  /** The module specifier as written, e.g. `node:fs` or `./parser.js`. */
  specifier: string;
  /** 1-based line of the specifier. */
  line: number;
  /** True for `import type … from` and `export type … from`, which erase to nothing at runtime. */
  typeOnly: boolean;
}

// The start of a statement that ends in `from "…"`, to tell `import type` from `import`.
const TYPE_ONLY_STATEMENT_PATTERN = /\b(?:import|export)\s+type\s+(?:\{[^{}]*\}|[\w$]+|\*\s+as\s+[\w$]+)\s*from\s*$/;

// A string right after `from`, `import`, `import(` or `require(`: static imports and re-exports
// (`import x from`, `export { x } from`, `export * from`), side-effect imports, dynamic imports and require.
const SPECIFIER_PATTERN = /(?<![\w$.])(?:from\s*|import\s*(?:\(\s*)?|require\s*\(\s*)(["'])([^"'\r\n]+)\1/g;

/** Lists every module specifier in `source` (comments ignored), in source order. */
export function findImportSpecifiers(source: string): ImportSpecifier[] {
  const code = stripComments(source);
  const specifiers: ImportSpecifier[] = [];
  for (const match of code.matchAll(SPECIFIER_PATTERN)) {
    const specifier = match[2] ?? "";
    const quoteOffset = match.index + match[0].length - specifier.length - 2;
    const statement = code.slice(code.lastIndexOf(";", match.index) + 1, quoteOffset);
    specifiers.push({ specifier, line: lineOf(code, quoteOffset), typeOnly: TYPE_ONLY_STATEMENT_PATTERN.test(statement) });
  }
  return specifiers;
}

/** 1-based line number of `offset` in `text`. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) line += 1;
  return line;
}
