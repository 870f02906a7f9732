// Finds default exports in source text (patchbay exports by name only); no I/O.
import { lineOf } from "./find-import-specifiers.js";
import { stripComments } from "./strip-comments.js";

// `export default …` and `export { x as default }`.
const DEFAULT_EXPORT_PATTERN = /(?<![\w$.])export\s+default\b|(?<![\w$.])export\s*\{[^{}]*\bas\s+default\b[^{}]*\}/g;

/** The 1-based lines of every default export in `source`, comments and strings ignored. */
export function findDefaultExports(source: string): number[] {
  const code = stripComments(source, { blankStrings: true });
  return [...code.matchAll(DEFAULT_EXPORT_PATTERN)].map((match) => lineOf(code, match.index));
}
