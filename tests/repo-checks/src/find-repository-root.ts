// Finds the monorepo root (the folder holding pnpm-workspace.yaml) by walking up; reads nothing else.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The file that marks the repository root. */
export const WORKSPACE_FILE_NAME = "pnpm-workspace.yaml";

/**
 * Returns the nearest folder at or above `start` that holds pnpm-workspace.yaml.
 * `start` defaults to this module's folder. Throws when there is none up to the file-system root.
 */
export function findRepositoryRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let directory = start;
  for (;;) {
    if (existsSync(join(directory, WORKSPACE_FILE_NAME))) return directory;
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no ${WORKSPACE_FILE_NAME} at or above ${start}`);
    directory = parent;
  }
}
