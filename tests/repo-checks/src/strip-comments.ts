// Blanks out the comments of JavaScript/TypeScript source so checks read only code; it never interprets the code.

// After one of these characters a `/` starts a regular expression, not a division (ECMA-262 §12 "goal symbols").
const REGEX_PRECEDERS = new Set(["", "(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "+", "-", "*", "%", "<", ">", "~", "^"]);
const REGEX_PRECEDING_KEYWORDS = new Set(["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await", "instanceof"]);

/** Options of stripComments. */
export interface StripCommentsOptions {
  /**
   * Also blank out the text inside string and template literals (quotes and `${}` code stay), for checks
   * that look for code and must not match words in strings. Default false.
   */
  blankStrings?: boolean;
}

/**
 * Returns `source` with every `//` and `/* *\/` comment replaced by spaces, keeping newlines so line
 * numbers stay the same. Strings, template literals (with nested `${}`) and regular expression literals
 * are kept as they are (unless `options.blankStrings`), so comment markers inside them are not mistaken
 * for comments.
 */
export function stripComments(source: string, options: StripCommentsOptions = {}): string {
  const keepLiteral = options.blankStrings === true ? blankLiteral : (literal: string): string => literal;
  let output = "";
  let index = 0;
  // One entry per open template literal: the `{` depth at which its `${` was opened.
  const templateDepths: number[] = [];
  let braceDepth = 0;
  let lastSignificant = "";
  let lastWord = "";
  const length = source.length;

  while (index < length) {
    const character = source[index] ?? "";
    const next = source[index + 1] ?? "";

    if (character === "/" && next === "/") {
      const end = source.indexOf("\n", index);
      const stop = end === -1 ? length : end;
      output += " ".repeat(stop - index);
      index = stop;
      continue;
    }
    if (character === "/" && next === "*") {
      const end = source.indexOf("*/", index + 2);
      const stop = end === -1 ? length : end + 2;
      output += source.slice(index, stop).replace(/[^\n]/g, " ");
      index = stop;
      continue;
    }
    if (character === '"' || character === "'") {
      const stop = skipQuoted(source, index, character);
      output += keepLiteral(source.slice(index, stop));
      index = stop;
      lastSignificant = character;
      lastWord = "";
      continue;
    }
    if (character === "`" || (character === "}" && templateDepths.at(-1) === braceDepth)) {
      if (character === "}") templateDepths.pop();
      const [stop, opensExpression] = skipTemplate(source, index + 1);
      output += keepLiteral(source.slice(index, stop));
      index = stop;
      if (opensExpression) templateDepths.push(braceDepth);
      lastSignificant = "`";
      lastWord = "";
      continue;
    }
    if (character === "/" && (REGEX_PRECEDERS.has(lastSignificant) || REGEX_PRECEDING_KEYWORDS.has(lastWord))) {
      const stop = skipRegularExpression(source, index);
      output += source.slice(index, stop);
      index = stop;
      lastSignificant = "/";
      lastWord = "";
      continue;
    }
    if (character === "{") braceDepth += 1;
    if (character === "}") braceDepth -= 1;
    if (/[\w$]/.test(character)) {
      lastWord = /[\w$]/.test(lastSignificant) ? lastWord + character : character;
      lastSignificant = character;
    } else if (!/\s/.test(character)) {
      lastSignificant = character;
      lastWord = "";
    }
    output += character;
    index += 1;
  }
  return output;
}

/** Blanks the inside of a literal piece: its first and last characters (quotes, `${`, `}`) stay. */
function blankLiteral(literal: string): string {
  if (literal.length <= 2) return literal;
  const last = literal.endsWith("${") ? 2 : 1;
  return literal[0] + literal.slice(1, -last).replace(/[^\n]/g, " ") + literal.slice(-last);
}

/** Index just past the closing quote of the string starting at `start` (or the end of the line). */
function skipQuoted(source: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < source.length) {
    const character = source[index];
    if (character === "\\") index += 2;
    else if (character === quote || character === "\n") return index + 1;
    else index += 1;
  }
  return source.length;
}

/** Scans template text from `start`; returns where it stops and whether it stopped at a `${`. */
function skipTemplate(source: string, start: number): [number, boolean] {
  let index = start;
  while (index < source.length) {
    const character = source[index];
    if (character === "\\") index += 2;
    else if (character === "`") return [index + 1, false];
    else if (character === "$" && source[index + 1] === "{") return [index + 2, true];
    else index += 1;
  }
  return [source.length, false];
}

/** Index just past a regular expression literal's flags; `/` inside a `[...]` class does not end it. */
function skipRegularExpression(source: string, start: number): number {
  let index = start + 1;
  let inClass = false;
  while (index < source.length) {
    const character = source[index];
    if (character === "\\") index += 2;
    else if (character === "\n") return index;
    else if (character === "[" || character === "]") {
      inClass = character === "[";
      index += 1;
    } else if (character === "/" && !inClass) {
      index += 1;
      while (index < source.length && /[a-z]/i.test(source[index] ?? "")) index += 1;
      return index;
    } else index += 1;
  }
  return source.length;
}
