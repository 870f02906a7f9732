// Reads the project name a package's vitest.config.ts gives to `defineProject`; no I/O, it judges nothing.
import { stripComments } from "./strip-comments.js";

/**
 * Returns the `test.name` of a vitest config that calls `defineProject`, or undefined when it does not
 * call `defineProject` or sets no string name. Reads the text; never runs the config.
 */
export function readVitestProjectName(config: string): string | undefined {
  const code = stripComments(config);
  if (!/\bdefineProject\s*\(/.test(code)) return undefined;
  return /\bname\s*:\s*(["'])([^"'\r\n]+)\1/.exec(code)?.[2];
}
