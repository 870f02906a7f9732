// Reads which error codes docs/errors.md lists under which package; it checks nothing itself.
import { ERROR_CODE_PATTERN } from "./find-error-codes.js";

/**
 * Maps each code in the first column of a table row of `markdown` to the packages whose section lists
 * it. A section starts at a level-2 heading naming a package (`## @patchbay/gateway`); its level-3
 * subsections belong to it. Rows before any such heading are filed under "".
 */
export function readDocumentedErrorCodes(markdown: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let section = "";
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading !== null) {
      section = /@[\w.-]+\/[\w.-]+/.exec(heading[1] ?? "")?.[0] ?? "";
      continue;
    }
    const firstCell = /^\|\s*([^|]*)\|/.exec(line)?.[1] ?? "";
    for (const code of firstCell.match(ERROR_CODE_PATTERN) ?? []) {
      const listed = sections.get(code) ?? [];
      listed.push(section);
      sections.set(code, listed);
    }
  }
  return sections;
}
