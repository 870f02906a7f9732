// Finds relative imports that leave their own package's folder (into another package); it reads source text only.
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { findImportSpecifiers, type ImportSpecifier } from "./find-import-specifiers.js";

/**
 * Lists the relative imports of the file at `filePath` (with text `source`) that resolve outside
 * `packageDirectory`. Workspace packages must import each other by package name, never by path.
 */
export function findEscapingImports(filePath: string, source: string, packageDirectory: string): ImportSpecifier[] {
  return findImportSpecifiers(source).filter(({ specifier }) => {
    if (!specifier.startsWith("./") && !specifier.startsWith("../")) return false;
    const fromPackage = relative(packageDirectory, resolve(dirname(filePath), specifier));
    return fromPackage === ".." || fromPackage.startsWith(`..${sep}`) || isAbsolute(fromPackage);
  });
}
