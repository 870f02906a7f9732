// Builds the graph of runtime imports between the modules of a set of source files; reads no file.
import { dirname, resolve } from "node:path";
import { findImportSpecifiers } from "./find-import-specifiers.js";

/** A source file: its absolute path and text. */
export interface ModuleSource {
  path: string;
  text: string;
}

// NodeNext specifiers name the emitted file; the source may be any of these.
const SOURCE_EXTENSIONS_OF: Readonly<Record<string, readonly string[]>> = {
  ".js": [".ts", ".tsx", ".js"],
  ".mjs": [".mts", ".mjs"],
  ".cjs": [".cts", ".cjs"],
};

/**
 * Maps each path in `sources` to the paths in `sources` it imports at runtime, through relative
 * specifiers (`./x.js` resolves to `x.ts`). Type-only imports are left out: they erase at runtime, which
 * is why `import type` is the way to break a cycle. Imports of files outside `sources` are ignored.
 */
export function buildModuleGraph(sources: readonly ModuleSource[]): Map<string, string[]> {
  const known = new Set(sources.map((source) => source.path));
  const graph = new Map<string, string[]>();
  for (const source of sources) {
    const targets = new Set<string>();
    for (const { specifier, typeOnly } of findImportSpecifiers(source.text)) {
      if (typeOnly || (!specifier.startsWith("./") && !specifier.startsWith("../"))) continue;
      const target = resolveSourcePath(resolve(dirname(source.path), specifier), known);
      if (target !== undefined) targets.add(target);
    }
    graph.set(source.path, [...targets].sort());
  }
  return graph;
}

/** The known source file an import of `path` loads, if any. */
function resolveSourcePath(path: string, known: ReadonlySet<string>): string | undefined {
  if (known.has(path)) return path;
  const extension = /\.[cm]?js$/.exec(path)?.[0];
  const candidates = extension === undefined ? [`${path}.ts`, `${path}/index.ts`] : (SOURCE_EXTENSIONS_OF[extension] ?? []).map((sourceExtension) => path.slice(0, -extension.length) + sourceExtension);
  return candidates.find((candidate) => known.has(candidate));
}
