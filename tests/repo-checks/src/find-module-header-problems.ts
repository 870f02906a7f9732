// Judges a module's opening comment (what it is responsible for) and its length against the soft caps; no I/O.

/** A module longer than this must say why in its header comment (STYLE.md: "splitting happens at 500 lines"). */
export const MAX_MODULE_LINES = 500;

/**
 * Lists what is wrong with the top of a module, as sentences (empty when nothing). The module must open
 * with a comment (after an optional `#!` line) saying what it is responsible for. A module over
 * MAX_MODULE_LINES lines must give the reason in that comment, by naming the limit ("over 500 lines
 * because …").
 */
export function findModuleHeaderProblems(source: string): string[] {
  const body = source.replace(/^#![^\n]*\n/, "").trimStart();
  const header = /^(?:\/\*[\s\S]*?\*\/|(?:\/\/[^\n]*(?:\n|$)\s*)+)/.exec(body)?.[0];
  const problems: string[] = [];
  if (header === undefined) problems.push("does not open with a comment saying what the module is responsible for");
  const lineCount = source.split("\n").length - (source.endsWith("\n") ? 1 : 0);
  if (lineCount > MAX_MODULE_LINES && !new RegExp(`\\b${MAX_MODULE_LINES}\\b`).test(header ?? "")) {
    problems.push(`has ${lineCount} lines, over ${MAX_MODULE_LINES}, and its header comment does not say why`);
  }
  return problems;
}
