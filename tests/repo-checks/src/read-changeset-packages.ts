// Reads which packages a changeset file bumps, from its front matter; no I/O.

/**
 * Returns the package names in the front matter of a changeset (`"@patchbay/gateway": minor` lines
 * between the opening and closing `---`). A file without front matter names none.
 */
export function readChangesetPackages(changeset: string): string[] {
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(changeset)?.[1];
  if (frontMatter === undefined) return [];
  const names: string[] = [];
  for (const line of frontMatter.split(/\r?\n/)) {
    const entry = /^\s*["']?([^"':\s]+)["']?\s*:\s*(?:major|minor|patch)\s*$/.exec(line);
    if (entry?.[1] !== undefined) names.push(entry[1]);
  }
  return names;
}
