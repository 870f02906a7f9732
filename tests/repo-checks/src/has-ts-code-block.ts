// Tells whether a Markdown document holds a TypeScript code block (a README's runnable example); no I/O.

/** True when `markdown` has a fenced code block opened with ```ts or ```typescript. */
export function hasTsCodeBlock(markdown: string): boolean {
  return /^ {0,3}(?:```|~~~)\s*(?:ts|typescript)\b/m.test(markdown);
}
