// Compares a package's tsconfig.json project references with its workspace dependencies; no I/O.
import { relative, resolve, sep } from "node:path";
import { workspaceDependenciesOf } from "./build-dependency-graph.js";
import type { WorkspacePackage } from "./list-workspace-packages.js";

/** The part of a tsconfig.json this check reads. */
export interface ProjectConfig {
  references?: ReadonlyArray<{ path: string }>;
}

/**
 * Lists, as sentences, where `tsconfig.references` and the package's runtime workspace dependencies
 * (`dependencies`, `peerDependencies`, `optionalDependencies`) disagree: `tsc -b` builds the referenced
 * projects first, so a dependency missing from the references may be built after the package that needs
 * it, and a reference that is not a dependency is dead weight. `root` is the repository root.
 */
export function findReferenceMismatches(workspacePackage: WorkspacePackage, tsconfig: ProjectConfig, packages: readonly WorkspacePackage[], root: string): string[] {
  const nameOfFolder = new Map(packages.map((candidate) => [candidate.relativeDirectory, candidate.name]));
  const referenced = new Set<string>();
  const problems: string[] = [];
  for (const reference of tsconfig.references ?? []) {
    const folder = relative(root, resolve(workspacePackage.directory, reference.path)).split(sep).join("/");
    const name = nameOfFolder.get(folder);
    if (name === undefined) problems.push(`references ${reference.path}, which is not a workspace package`);
    else referenced.add(name);
  }
  const names = new Set(packages.map((candidate) => candidate.name));
  const dependencies = workspaceDependenciesOf(workspacePackage.manifest, names, ["dependencies", "peerDependencies", "optionalDependencies"]);
  for (const dependency of dependencies) if (!referenced.has(dependency)) problems.push(`depends on ${dependency} but its tsconfig.json does not reference it`);
  for (const name of referenced) if (!dependencies.includes(name)) problems.push(`references ${name} but does not depend on it`);
  return problems;
}
