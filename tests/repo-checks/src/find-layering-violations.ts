// Judges the direction of dependencies between workspace packages (gateway <- servers, frameworks); no I/O.
import { DEPENDENCY_FIELDS, workspaceDependenciesOf, type DependencyField } from "./build-dependency-graph.js";
import type { WorkspacePackage } from "./list-workspace-packages.js";

/**
 * Where a package sits: the contract (`gateway`), the server side (`packages/server-*`, server-kit
 * included), the framework side (`packages/framework-*`), another published `library`, or a `private`
 * package (tests, examples, bench) that may depend on anything.
 */
export type PackageRole = "gateway" | "server" | "framework" | "library" | "private";

// Published packages may depend on private ones only for their own tests.
const RUNTIME_FIELDS: readonly DependencyField[] = DEPENDENCY_FIELDS.filter((field) => field !== "devDependencies");

/** The role of a workspace package, from its folder and its `private` flag. */
export function packageRole(workspacePackage: WorkspacePackage): PackageRole {
  if (workspacePackage.manifest.private === true) return "private";
  const folder = workspacePackage.relativeDirectory;
  if (folder === "packages/gateway") return "gateway";
  if (folder.startsWith("packages/server-")) return "server";
  if (folder.startsWith("packages/framework-")) return "framework";
  return "library";
}

/**
 * Lists, as sentences, every dependency that runs the wrong way: the gateway depends on no workspace
 * package; no framework depends on a server or another framework; no server depends on a framework; a
 * library depends on no server or framework; and no published package needs a private one at runtime.
 */
export function findLayeringViolations(packages: readonly WorkspacePackage[]): string[] {
  const names = new Set(packages.map((workspacePackage) => workspacePackage.name));
  const roleOf = new Map(packages.map((workspacePackage) => [workspacePackage.name, packageRole(workspacePackage)]));
  const violations: string[] = [];
  for (const workspacePackage of packages) {
    const role = roleOf.get(workspacePackage.name);
    if (role === "private") continue;
    for (const dependency of workspaceDependenciesOf(workspacePackage.manifest, names)) {
      const dependencyRole = roleOf.get(dependency);
      const edge = `${workspacePackage.name} (${role}) depends on ${dependency} (${dependencyRole})`;
      if (role === "gateway") violations.push(`${edge}: the gateway depends on no workspace package`);
      else if (role === "framework" && (dependencyRole === "server" || dependencyRole === "framework")) violations.push(`${edge}: a framework depends only on the gateway`);
      else if ((role === "server" || role === "library") && dependencyRole === "framework") violations.push(`${edge}: servers and libraries never depend on a framework`);
      else if (role === "library" && dependencyRole === "server") violations.push(`${edge}: a library never depends on a server`);
    }
    for (const dependency of workspaceDependenciesOf(workspacePackage.manifest, names, RUNTIME_FIELDS)) {
      if (roleOf.get(dependency) === "private") violations.push(`${workspacePackage.name} needs the private ${dependency} at runtime: move it to devDependencies`);
    }
  }
  return violations;
}
