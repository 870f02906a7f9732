// Judges a published package's package.json against the manifest conventions; no I/O.
import type { PackageManifest } from "./list-workspace-packages.js";

/**
 * Lists what `manifest` gets wrong, as sentences (empty when nothing): it must have `"type": "module"`,
 * `"sideEffects": false`, an `engines.node` range, and an `exports` map holding `"./package.json"` in
 * which every other entry is a conditions object with `"types"` before `"default"`.
 */
export function findManifestProblems(manifest: PackageManifest): string[] {
  const problems: string[] = [];
  if (manifest.type !== "module") problems.push(`"type" must be "module", got ${JSON.stringify(manifest.type)}`);
  if (manifest.sideEffects !== false) problems.push(`"sideEffects" must be false, got ${JSON.stringify(manifest.sideEffects)}`);
  const engines = manifest.engines as { node?: unknown } | undefined;
  if (typeof engines?.node !== "string" || engines.node === "") problems.push('"engines.node" must name a Node range');
  const exportsMap = manifest.exports;
  if (typeof exportsMap !== "object" || exportsMap === null || Array.isArray(exportsMap)) {
    problems.push('"exports" must be a map of subpaths');
    return problems;
  }
  const entries = Object.entries(exportsMap as Record<string, unknown>);
  if (!entries.some(([subpath]) => subpath === "./package.json")) problems.push('"exports" must contain "./package.json"');
  for (const [subpath, target] of entries) {
    if (subpath === "./package.json") continue;
    if (typeof target !== "object" || target === null) {
      problems.push(`"exports" entry ${JSON.stringify(subpath)} must be a conditions object with "types" and "default"`);
      continue;
    }
    const conditions = Object.keys(target);
    const typesIndex = conditions.indexOf("types");
    const defaultIndex = conditions.indexOf("default");
    if (typesIndex === -1 || defaultIndex === -1) problems.push(`"exports" entry ${JSON.stringify(subpath)} must have both "types" and "default"`);
    else if (typesIndex > defaultIndex) problems.push(`"exports" entry ${JSON.stringify(subpath)} must list "types" before "default"`);
  }
  return problems;
}
