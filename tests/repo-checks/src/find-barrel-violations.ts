// Finds what a barrel (`index.ts`) holds besides named re-exports and comments; it reads source text only.
import { lineOf } from "./find-import-specifiers.js";
import { stripComments } from "./strip-comments.js";

/** Something in a barrel that is not a named re-export. */
export interface BarrelViolation {
  /** 1-based line where it starts. */
  line: number;
  /** The offending statement, trimmed to its first line. */
  text: string;
}

// `export { a, b as c } from "./x.js";` and `export type { T } from "./x.js";` — nothing else.
const NAMED_RE_EXPORT_PATTERN = /export\s+(?:type\s+)?\{[^{}]*\}\s*from\s*(["'])[^"'\r\n]+\1\s*;?/g;

/**
 * Lists everything in `source` that is neither a comment nor a named re-export (`export { … } from`,
 * `export type { … } from`): imports, declarations, `export *` and default exports are all violations.
 */
export function findBarrelViolations(source: string): BarrelViolation[] {
  const code = stripComments(source).replace(NAMED_RE_EXPORT_PATTERN, (statement) => statement.replace(/[^\n]/g, " "));
  const violations: Array<BarrelViolation & { span: number }> = [];
  for (const match of code.matchAll(/\S[^\n]*/g)) {
    const previous = violations.at(-1);
    const line = lineOf(code, match.index);
    // Report each run of leftover lines once, at its first line.
    if (previous !== undefined && previous.line + previous.span === line) {
      previous.span += 1;
      continue;
    }
    violations.push({ line, text: match[0].trim(), span: 1 });
  }
  return violations.map(({ line, text }) => ({ line, text }));
}
