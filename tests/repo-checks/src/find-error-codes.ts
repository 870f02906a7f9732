// Finds `ERR_*` error codes in text and tells which files declare codes; it reads text only.
import { basename } from "node:path";
import { stripComments } from "./strip-comments.js";

/**
 * An error code: `ERR_` then upper-case words joined by `_`, standing alone. The look-behind keeps
 * `STDERR_ERROR_STREAM` from reading as a code `ERR_ERROR_STREAM`.
 */
export const ERROR_CODE_PATTERN: RegExp = /(?<![A-Za-z0-9_$])ERR_[A-Z0-9]+(?:_[A-Z0-9]+)*(?![A-Za-z0-9_$])/g;

// A class that extends an error class (`extends GatewayError<...>`, `extends HTTPError`).
const ERROR_CLASS_PATTERN = /\bclass\s+[\w$]+(?:<[^>]*>)?\s+extends\s+[\w$.]*Error\b/;

/** The distinct error codes in `text` (comments included), sorted. */
export function findErrorCodes(text: string): string[] {
  return [...new Set(text.match(ERROR_CODE_PATTERN) ?? [])].sort();
}

/**
 * True when a source file declares error codes: it is an `errors.ts`, or it defines a class that
 * extends an error class. Other files only use codes (throw or compare them), which any package may.
 */
export function isErrorDeclarationFile(filePath: string, source: string): boolean {
  return basename(filePath) === "errors.ts" || ERROR_CLASS_PATTERN.test(stripComments(source));
}

/** The codes a declaration file declares: those written in its code, not merely named in comments. */
export function findDeclaredErrorCodes(source: string): string[] {
  return findErrorCodes(stripComments(source));
}
