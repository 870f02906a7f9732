// Finds focused or disabled tests (`.only`, `.skip`, `.todo`, `.skipIf`, `.runIf`); it reads source text only.
import { lineOf } from "./find-import-specifiers.js";
import { stripComments } from "./strip-comments.js";

/** One focused or disabled test or suite. */
export interface FocusedTest {
  /** 1-based line. */
  line: number;
  /** The call as written, e.g. `it.only` or `describe.concurrent.skip`. */
  call: string;
}

/** Modifiers that run a test alone or not at all. */
export const FORBIDDEN_TEST_MODIFIERS: ReadonlySet<string> = new Set(["only", "skip", "todo", "skipIf", "runIf"]);

const TEST_CALL_PATTERN = /(?<![\w$.])(?:describe|it|test|suite|bench)((?:\s*\.\s*[A-Za-z]+)+)/g;

/** Lists every `describe`/`it`/`test`/`suite`/`bench` call chain in `source` that uses a FORBIDDEN_TEST_MODIFIERS member. */
export function findFocusedTests(source: string): FocusedTest[] {
  // Strings are blanked too: a test name may well mention "it.only".
  const code = stripComments(source, { blankStrings: true });
  const found: FocusedTest[] = [];
  for (const match of code.matchAll(TEST_CALL_PATTERN)) {
    const modifiers = (match[1] ?? "").split(".").map((part) => part.trim());
    if (modifiers.some((modifier) => FORBIDDEN_TEST_MODIFIERS.has(modifier))) {
      found.push({ line: lineOf(code, match.index), call: match[0].replace(/\s+/g, "") });
    }
  }
  return found;
}
