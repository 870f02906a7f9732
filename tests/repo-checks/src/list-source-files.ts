// Walks a folder for JavaScript/TypeScript source files, skipping installed and built output; reads no file.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Folder names never walked: installed packages, build output, caches. */
export const SKIPPED_DIRECTORY_NAMES: ReadonlySet<string> = new Set(["node_modules", "dist", "coverage", ".turbo", ".git"]);

/** File endings that count as source. */
export const SOURCE_FILE_PATTERN: RegExp = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;

/**
 * Returns the absolute paths of every source file under `directory` (see SOURCE_FILE_PATTERN), sorted,
 * skipping SKIPPED_DIRECTORY_NAMES and `.d.ts` files. A missing folder yields none.
 */
export function listSourceFiles(directory: string): string[] {
  const files: string[] = [];
  if (!existsSync(directory)) return files;
  const pending = [directory];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORY_NAMES.has(entry.name)) pending.push(path);
      } else if (SOURCE_FILE_PATTERN.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(path);
    }
  }
  return files.sort();
}
