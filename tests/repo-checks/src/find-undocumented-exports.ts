// Finds exported declarations without a JSDoc comment right above them; no I/O.

/** An exported declaration with no JSDoc. */
export interface UndocumentedExport {
  /** 1-based line of the `export` keyword. */
  line: number;
  /** The declared name. */
  name: string;
}

const EXPORT_DECLARATION_PATTERN = /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|const|let|var|interface|type|enum)\s+([\w$]+)/;

/**
 * Lists the top-level exported declarations of `source` (functions, classes, constants, interfaces,
 * types) whose previous line does not end a `/** … *\/` comment. The later signatures of an overloaded
 * function share the JSDoc of the first. Re-exports (`export { … } from`) are the barrel's business.
 */
export function findUndocumentedExports(source: string): UndocumentedExport[] {
  const lines = source.split("\n");
  const undocumented: UndocumentedExport[] = [];
  let previousName: string | undefined;
  for (const [index, line] of lines.entries()) {
    const name = EXPORT_DECLARATION_PATTERN.exec(line)?.[1];
    if (name !== undefined) {
      const isOverload = name === previousName && /^export\s+(?:async\s+)?function/.test(line);
      if (!isOverload && !isJsDocEnd(lines, index - 1)) undocumented.push({ line: index + 1, name });
    }
    if (line.trim() !== "") previousName = name;
  }
  return undocumented;
}

/** True when line `index` closes a JSDoc block: `*\/` in a block whose first line starts with `/**`. */
function isJsDocEnd(lines: readonly string[], index: number): boolean {
  if (index < 0 || !/\*\/\s*$/.test(lines[index] ?? "")) return false;
  for (let cursor = index; cursor >= 0; cursor -= 1) {
    const line = (lines[cursor] ?? "").trimStart();
    if (line.startsWith("/**")) return true;
    if (line.startsWith("/*")) return false;
    // Inside a block every line but the last starts with "*"; anything else means the block began elsewhere.
    if (cursor !== index && !line.startsWith("*")) return false;
  }
  return false;
}
