// Tells whether a file path is a grab-bag module (utils, helpers, common, misc) by its name; no I/O.

/** Names no file or folder may have: modules are named after their topic instead. */
export const GRAB_BAG_NAMES: ReadonlySet<string> = new Set(["util", "utils", "utilities", "helper", "helpers", "common", "misc"]);

/** True when a file's base name (without extension) or any of its folders is a GRAB_BAG_NAMES member. */
export function isGrabBagFile(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  const fileName = parts.pop() ?? "";
  const baseName = fileName.replace(/(?:\.d)?\.[^.]+$/, "").toLowerCase();
  return GRAB_BAG_NAMES.has(baseName) || parts.some((folder) => GRAB_BAG_NAMES.has(folder.toLowerCase()));
}
