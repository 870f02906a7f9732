/**
 * Builds, with turbo, every workspace package a package depends on, for tests that run other processes on
 * those packages' dist/ (a vitest global setup); test-only.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A cached turbo build takes a second or two; a cold one on a busy 2-core machine, well under this. */
const BUILD_TIMEOUT_MS = 180_000;

/** What {@link buildWorkspaceDependencies} may fall back on. */
export interface BuildWorkspaceDependenciesOptions {
  /**
   * Absolute paths of built files the tests need (e.g. server-cluster's `dist/bin.js`). When the build
   * fails but all of them exist (another package mid-edit in a shared checkout), the tests go on with the
   * dist/ folders there are, with a warning; otherwise the failure is thrown.
   */
  readonly fallbackFiles?: readonly string[];
  /** How long the build may take (default 180 s). */
  readonly timeoutMs?: number;
}

/** The folder holding pnpm-workspace.yaml, above this module. */
function findWorkspaceRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, "pnpm-workspace.yaml"))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error("no pnpm-workspace.yaml above @patchbay/conformance");
    directory = parent;
  }
  return directory;
}

/**
 * Runs `turbo run build --filter=<packageName>^...` at the workspace root: every workspace dependency of
 * `packageName`, not the package itself. Throws with turbo's output when the build fails, unless
 * `options.fallbackFiles` all exist.
 *
 * @example
 * // test/fixtures/build-dependencies.ts, named in vitest.config.ts `globalSetup`
 * export default function buildDependencies(): void {
 *   buildWorkspaceDependencies("blog-cluster", { fallbackFiles: [CLUSTER_DIST_BIN] });
 * }
 */
export function buildWorkspaceDependencies(packageName: string, options: BuildWorkspaceDependenciesOptions = {}): void {
  const result = spawnSync("pnpm", ["exec", "turbo", "run", "build", `--filter=${packageName}^...`, "--output-logs=errors-only"], {
    cwd: findWorkspaceRoot(),
    encoding: "utf8",
    timeout: options.timeoutMs ?? BUILD_TIMEOUT_MS,
  });
  if (result.status === 0) return;
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error === undefined ? "" : String(result.error)}`;
  const fallbackFiles = options.fallbackFiles ?? [];
  const missing = fallbackFiles.filter((file) => !existsSync(file));
  if (fallbackFiles.length === 0 || missing.length > 0) {
    const why = fallbackFiles.length === 0 ? "" : ` and ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing`;
    throw new Error(`building the dependencies of ${packageName} failed${why}:\n${output}`);
  }
  console.warn(`${packageName}: building the dependencies failed; testing with the existing dist/ folders:\n${output}`);
}
