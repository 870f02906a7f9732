// Builds the graph of workspace packages from their package.json dependency fields; no I/O.
import type { PackageManifest, WorkspacePackage } from "./list-workspace-packages.js";

/** The package.json fields that make one package depend on another. */
export const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;

/** One of DEPENDENCY_FIELDS. */
export type DependencyField = (typeof DEPENDENCY_FIELDS)[number];

/** The workspace packages `manifest` names in `fields` (default: all DEPENDENCY_FIELDS), sorted. */
export function workspaceDependenciesOf(manifest: PackageManifest, workspaceNames: ReadonlySet<string>, fields: readonly DependencyField[] = DEPENDENCY_FIELDS): string[] {
  const names = new Set<string>();
  for (const field of fields) {
    for (const name of Object.keys(manifest[field] ?? {})) if (workspaceNames.has(name)) names.add(name);
  }
  return [...names].sort();
}

/** Maps each package name to the workspace packages it depends on in any dependency field. */
export function buildDependencyGraph(packages: readonly WorkspacePackage[]): Map<string, string[]> {
  const names = new Set(packages.map((workspacePackage) => workspacePackage.name));
  return new Map(packages.map((workspacePackage) => [workspacePackage.name, workspaceDependenciesOf(workspacePackage.manifest, names)]));
}
