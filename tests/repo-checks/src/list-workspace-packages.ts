// Lists the workspace packages named by pnpm-workspace.yaml with their manifests; it judges nothing.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { WORKSPACE_FILE_NAME } from "./find-repository-root.js";

/** The package.json fields the checks read. */
export interface PackageManifest {
  name?: unknown;
  private?: unknown;
  type?: unknown;
  sideEffects?: unknown;
  engines?: unknown;
  exports?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** One workspace package. */
export interface WorkspacePackage {
  /** The npm name from package.json (the folder path when it has none). */
  name: string;
  /** The folder relative to the repository root, with `/` separators, e.g. `packages/gateway`. */
  relativeDirectory: string;
  /** The absolute folder. */
  directory: string;
  manifest: PackageManifest;
}

/**
 * Reads the `packages:` globs of pnpm-workspace.yaml. Only the two forms this repository uses are
 * understood: a folder (`bench`) and a folder's direct children (`packages/*`).
 */
export function readWorkspaceGlobs(workspaceYaml: string): string[] {
  const globs: string[] = [];
  let inPackages = false;
  for (const line of workspaceYaml.split(/\r?\n/)) {
    if (/^\S/.test(line)) inPackages = /^packages\s*:/.test(line);
    else if (inPackages) {
      const item = /^\s+-\s+["']?([^"'#\s]+)["']?/.exec(line);
      if (item?.[1] !== undefined) globs.push(item[1]);
    }
  }
  return globs;
}

/** Lists every package of the workspace at `root` (folders with a package.json), sorted by folder. */
export function listWorkspacePackages(root: string): WorkspacePackage[] {
  const globs = readWorkspaceGlobs(readFileSync(join(root, WORKSPACE_FILE_NAME), "utf8"));
  const folders = new Set<string>();
  for (const glob of globs) {
    if (glob.endsWith("/*")) {
      const parent = glob.slice(0, -2);
      if (!existsSync(join(root, parent))) continue;
      for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
        if (entry.isDirectory()) folders.add(`${parent}/${entry.name}`);
      }
    } else folders.add(glob.replace(/\/$/, ""));
  }
  const packages: WorkspacePackage[] = [];
  for (const relativeDirectory of [...folders].sort()) {
    const directory = join(root, relativeDirectory);
    const manifestPath = join(directory, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as PackageManifest;
    const name = typeof manifest.name === "string" ? manifest.name : relativeDirectory;
    packages.push({ name, relativeDirectory, directory, manifest });
  }
  return packages;
}
