// Reads every source file of every workspace package, tagged with its package; it judges nothing.
import { readFileSync } from "node:fs";
import { relative, sep } from "node:path";
import { listSourceFiles } from "./list-source-files.js";
import type { WorkspacePackage } from "./list-workspace-packages.js";

/** One source file of a workspace package. */
export interface WorkspaceSource {
  /** Absolute path. */
  path: string;
  /** Path from the repository root, with `/` separators (for messages). */
  relativePath: string;
  /** Path from its package folder, with `/` separators, e.g. `src/index.ts`. */
  packagePath: string;
  workspacePackage: WorkspacePackage;
  text: string;
}

/**
 * Reads the source files (see listSourceFiles) of each package in `packages`, relative to `root`.
 * A file under a nested package folder is listed under both; callers judge each by its own package.
 */
export function readWorkspaceSources(root: string, packages: readonly WorkspacePackage[]): WorkspaceSource[] {
  const sources: WorkspaceSource[] = [];
  for (const workspacePackage of packages) {
    for (const path of listSourceFiles(workspacePackage.directory)) {
      sources.push({
        path,
        relativePath: relative(root, path).split(sep).join("/"),
        packagePath: relative(workspacePackage.directory, path).split(sep).join("/"),
        workspacePackage,
        text: readFileSync(path, "utf8"),
      });
    }
  }
  return sources;
}
