/**
 * Loads an application from a `path/to/module.ts:exportName` reference, like gunicorn's `module:app`.
 * TypeScript modules load without a build step (through tsx). Startup only; never on a request path.
 */
import { stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Application } from "@patchbay/gateway";
import { tsImport } from "tsx/esm/api";
import { ServerKitError } from "./errors.js";

/** Export names tried, in order, when the reference names none. */
export const DEFAULT_EXPORT_NAMES: readonly string[] = ["app", "application"];

/** Extensions imported through tsx (everything else is imported by Node itself). */
const TYPESCRIPT_EXTENSIONS: ReadonlySet<string> = new Set([".ts", ".mts", ".cts", ".tsx"]);

const IDENTIFIER_PATTERN = /^[A-Za-z_$][\w$]*$/;

/** A parsed module reference. */
export interface ApplicationReference {
  /** The module path as written. */
  modulePath: string;
  /** The export name, or undefined for "app, then application". */
  exportName: string | undefined;
}

/** Splits "path/to/module.ts:exportName" at its last ":" when what follows is an identifier. */
export function parseApplicationReference(reference: string): ApplicationReference {
  const colon = reference.lastIndexOf(":");
  if (colon > 0 && IDENTIFIER_PATTERN.test(reference.slice(colon + 1))) {
    return { modulePath: reference.slice(0, colon), exportName: reference.slice(colon + 1) };
  }
  return { modulePath: reference, exportName: undefined };
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

/** Options of loadApplication. */
export interface LoadApplicationOptions {
  /** Directory the module path is resolved against. Default process.cwd(). */
  cwd?: string;
}

/**
 * Imports the module and returns its application export (the named one, else `app`, else `application`).
 * Throws ServerKitError with a one-line message: ERR_KIT_MODULE_NOT_FOUND for a missing file,
 * ERR_KIT_MODULE_LOAD_FAILED when importing it throws (the original error is the cause),
 * ERR_KIT_EXPORT_NOT_FOUND for a missing export or one that is not a function.
 */
export async function loadApplication(reference: string, options: LoadApplicationOptions = {}): Promise<Application> {
  const { modulePath, exportName } = parseApplicationReference(reference);
  if (modulePath === "") throw new ServerKitError("ERR_KIT_MODULE_NOT_FOUND", `no module path in '${reference}' (expected path/to/module.ts:export)`);
  const absolute = resolve(options.cwd ?? process.cwd(), modulePath);
  try {
    if (!(await stat(absolute)).isFile()) throw new Error("not a file");
  } catch (error) {
    throw new ServerKitError("ERR_KIT_MODULE_NOT_FOUND", `cannot find module file ${modulePath} (looked at ${absolute})`, { cause: error });
  }

  const url = pathToFileURL(absolute).href;
  let namespace: Record<string, unknown>;
  try {
    namespace = TYPESCRIPT_EXTENSIONS.has(extname(absolute)) ? ((await tsImport(url, import.meta.url)) as Record<string, unknown>) : ((await import(url)) as Record<string, unknown>);
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ServerKitError("ERR_KIT_MODULE_LOAD_FAILED", `error while loading ${modulePath}: ${message}`, { cause: error });
  }

  const candidates = exportName === undefined ? DEFAULT_EXPORT_NAMES : [exportName];
  for (const name of candidates) {
    if (!Object.hasOwn(namespace, name)) continue;
    const value = namespace[name];
    if (typeof value !== "function") throw new ServerKitError("ERR_KIT_EXPORT_NOT_FOUND", `${modulePath} exports '${name}' but it is ${describe(value)}, not an application function`);
    return value as Application;
  }
  const available = Object.keys(namespace).filter((name) => name !== "default");
  throw new ServerKitError(
    "ERR_KIT_EXPORT_NOT_FOUND",
    `${modulePath} has no export named ${candidates.map((name) => `'${name}'`).join(" or ")} (it exports: ${available.length === 0 ? "nothing" : available.join(", ")})`,
  );
}
