// Finds imports of Node built-in modules written without the `node:` prefix; it reads source text only.
import { builtinModules } from "node:module";
import { findImportSpecifiers, type ImportSpecifier } from "./find-import-specifiers.js";

const BUILTIN_NAMES: ReadonlySet<string> = new Set(builtinModules.filter((name) => !name.startsWith("node:") && !name.startsWith("_")));

/** True for a specifier naming a Node built-in without `node:` (`fs`, `fs/promises`, `stream/web`). */
export function isBareBuiltinSpecifier(specifier: string): boolean {
  return BUILTIN_NAMES.has(specifier);
}

/** Lists the imports of `source` that name a Node built-in without the `node:` prefix. */
export function findBareBuiltinImports(source: string): ImportSpecifier[] {
  return findImportSpecifiers(source).filter((entry) => isBareBuiltinSpecifier(entry.specifier));
}
