/**
 * Looks a mapped path up on disk: real path inside the served directory, directory index, precompressed
 * siblings, and small-file contents. The only module that touches the file system; it builds no responses.
 */
import type { Stats } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import { extname, join, sep } from "node:path";
import { contentType as lookupContentType } from "mime-types";
import { FIELD_VALUE_PATTERN } from "../headers.js";
import { PRECOMPRESSED_SUFFIXES, type ContentCoding } from "./choose-encoding.js";
import type { ContentCache } from "./content-cache.js";
import { StaticError } from "./errors.js";
import type { ResolvedStaticOptions, StaticArea } from "./static-options.js";
import { createRepresentation, fingerprintOf, type RepresentationSource, type StaticRepresentation } from "./static-representation.js";

/** A file and its precompressed siblings. */
export interface StaticResource {
  /** The file itself. */
  readonly identity: StaticRepresentation;
  /** Precompressed siblings, in the order of `codings`. */
  readonly variants: readonly StaticRepresentation[];
  /** The content codings available, in server preference order (br, then gzip). */
  readonly codings: readonly ContentCoding[];
  /**
   * One-entry memo of content negotiation (set by respond-with-file): the last Accept-Encoding value seen
   * and the representation it chose. Browsers send the same few values, so this skips re-parsing.
   */
  negotiatedFor: string | undefined;
  negotiated: StaticRepresentation;
}

/** What a path turned out to be on disk. */
export type Resolution =
  /** Nothing servable: the request goes to the application. */
  | { readonly kind: "miss" }
  /** A real path outside the served directory (a symlink escaping it), or a file we may not read: 403. */
  | { readonly kind: "forbidden" }
  /** A directory with an index file, requested without its trailing "/": 301 to add it. */
  | { readonly kind: "redirect" }
  | { readonly kind: "file"; readonly resource: StaticResource };

/** What resolveResource needs besides the path. */
export interface ResolveContext {
  readonly options: ResolvedStaticOptions;
  readonly contentCache: ContentCache;
}

const MISS: Resolution = { kind: "miss" };
const FORBIDDEN: Resolution = { kind: "forbidden" };
const REDIRECT: Resolution = { kind: "redirect" };

/** Error codes that mean "there is no such file" (a miss, never an error response). */
const MISSING_CODES: ReadonlySet<string> = new Set(["ENOENT", "ENOTDIR", "ENAMETOOLONG", "ELOOP"]);
/** Error codes that mean "it exists but we may not read it". */
const DENIED_CODES: ReadonlySet<string> = new Set(["EACCES", "EPERM"]);

type Probe<T> = T | "missing" | "denied";

async function probe<T>(operation: Promise<T>, path: string): Promise<Probe<T>> {
  try {
    return await operation;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (MISSING_CODES.has(code)) return "missing";
    if (DENIED_CODES.has(code)) return "denied";
    throw new StaticError("ERR_STATIC_FILE_SYSTEM", `serveStatic: cannot look up ${path}: ${code || String(error)}`, { status: 500, cause: error });
  }
}

function isInside(filePath: string, directory: string): boolean {
  if (filePath === directory) return true;
  const base = directory.endsWith(sep) ? directory : directory + sep;
  return filePath.startsWith(base);
}

/** The real path of `path` if it lies inside `realDirectory`; "denied" for one outside it (a symlink escaping). */
async function realPathInside(path: string, realDirectory: string): Promise<Probe<string>> {
  const real = await probe(realpath(path), path);
  if (real === "missing" || real === "denied") return real;
  return isInside(real, realDirectory) ? real : "denied";
}

function contentTypeOf(fileName: string): string {
  const extension = extname(fileName);
  return (extension === "" ? false : lookupContentType(extension)) || "application/octet-stream";
}

async function findIndex(directory: string, realDirectory: string, names: readonly string[]): Promise<{ name: string; filePath: string; stats: Stats } | undefined> {
  for (const name of names) {
    const filePath = await realPathInside(join(directory, name), realDirectory);
    if (filePath === "missing" || filePath === "denied") continue;
    const stats = await probe(stat(filePath), filePath);
    if (typeof stats !== "string" && stats.isFile()) return { name, filePath, stats };
  }
  return undefined;
}

async function findSibling(filePath: string, coding: ContentCoding, suffix: string, realDirectory: string, contentType: string): Promise<RepresentationSource | undefined> {
  const siblingPath = await realPathInside(filePath + suffix, realDirectory);
  if (siblingPath === "missing" || siblingPath === "denied") return undefined;
  const stats = await probe(stat(siblingPath), siblingPath);
  if (typeof stats === "string" || !stats.isFile()) return undefined;
  // The sibling is sent as the original's type with a Content-Encoding (RFC 9110 §8.4), never as application/gzip.
  return { filePath: siblingPath, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, contentType, contentCoding: coding };
}

function sameFiles(previous: StaticResource, sources: readonly RepresentationSource[]): boolean {
  if (previous.variants.length + 1 !== sources.length) return false;
  for (let index = 0; index < sources.length; index++) {
    const representation = index === 0 ? previous.identity : previous.variants[index - 1];
    const source = sources[index] as RepresentationSource;
    if (representation === undefined || representation.filePath !== source.filePath || representation.contentCoding !== source.contentCoding || representation.fingerprint !== fingerprintOf(source)) {
      return false;
    }
  }
  return true;
}

async function loadContent(representation: StaticRepresentation, contentCache: ContentCache): Promise<void> {
  if (representation.bytes !== undefined || !contentCache.accepts(representation.size)) return;
  const bytes = await probe(readFile(representation.filePath), representation.filePath);
  // A file changing under us is served from disk (and noticed at the next lookup), never half-cached.
  if (typeof bytes !== "string" && bytes.length === representation.size) contentCache.admit(representation, bytes);
}

async function loadContents(resource: StaticResource, contentCache: ContentCache): Promise<void> {
  await loadContent(resource.identity, contentCache);
  for (const variant of resource.variants) await loadContent(variant, contentCache);
}

async function buildResource(identity: RepresentationSource, relativePath: string, context: ResolveContext, realDirectory: string, previous: Resolution | undefined): Promise<Resolution> {
  const { options, contentCache } = context;
  const sources: RepresentationSource[] = [identity];
  if (options.precompressed) {
    const siblings = await Promise.all(PRECOMPRESSED_SUFFIXES.map(([coding, suffix]) => findSibling(identity.filePath, coding, suffix, realDirectory, identity.contentType)));
    for (const sibling of siblings) if (sibling !== undefined) sources.push(sibling);
  }
  if (previous?.kind === "file" && sameFiles(previous.resource, sources)) {
    // Unchanged on disk: keep representations and headers, and refill what the content cache evicted
    // since the last lookup, so a hot small file keeps costing no reads.
    await loadContents(previous.resource, contentCache);
    return previous;
  }
  const cacheControl = options.cacheControl?.(relativePath);
  if (cacheControl !== undefined && (typeof cacheControl !== "string" || !FIELD_VALUE_PATTERN.test(cacheControl))) {
    throw new StaticError("ERR_STATIC_INVALID_OPTION", `serveStatic: cacheControl returned an invalid header value for ${relativePath}: ${JSON.stringify(cacheControl)}`, { status: 500 });
  }
  const policy = { etag: options.etag, lastModified: options.lastModified, cacheControl, varyAcceptEncoding: sources.length > 1 };
  const representations = sources.map((source) => createRepresentation(source, policy));
  const identityRepresentation = representations[0] as StaticRepresentation;
  const resource: StaticResource = {
    identity: identityRepresentation,
    variants: representations.slice(1),
    codings: sources.slice(1).map((source) => source.contentCoding as ContentCoding),
    negotiatedFor: undefined,
    negotiated: identityRepresentation,
  };
  await loadContents(resource, contentCache);
  return { kind: "file", resource };
}

/**
 * Resolves `relativePath` under `area`. Symlinks are followed, but the real path must stay inside the
 * directory's real path, or the answer is "forbidden" (the realpath check). A directory is served through
 * its first existing index file; without a trailing "/" it is a redirect, without an index file a miss
 * (there are no directory listings). `previous` is the last resolution of the same path: when the files
 * have not changed (same inode, size and mtime), `previous` itself is returned, so its representations,
 * headers and cached bytes are reused; freeing a replaced resolution's bytes is the caller's job.
 * Throws StaticError ERR_STATIC_FILE_SYSTEM (status 500) for file-system failures other than
 * not-found and permission-denied.
 */
export async function resolveResource(area: StaticArea, relativePath: string, trailingSlash: boolean, context: ResolveContext, previous?: Resolution): Promise<Resolution> {
  const realDirectory = await probe(realpath(area.directory), area.directory);
  if (realDirectory === "missing") return MISS;
  if (realDirectory === "denied") return FORBIDDEN;
  const requested = relativePath === "" ? area.directory : join(area.directory, relativePath);
  const filePath = await realPathInside(requested, realDirectory);
  if (filePath === "missing") return MISS;
  if (filePath === "denied") return FORBIDDEN;
  const stats = await probe(stat(filePath), filePath);
  if (stats === "missing") return MISS;
  if (stats === "denied") return FORBIDDEN;
  if (stats.isDirectory()) {
    const index = await findIndex(filePath, realDirectory, context.options.index);
    if (index === undefined) return MISS;
    if (!trailingSlash) return REDIRECT;
    const source: RepresentationSource = { filePath: index.filePath, size: index.stats.size, mtimeMs: index.stats.mtimeMs, ino: index.stats.ino, contentType: contentTypeOf(index.name), contentCoding: undefined };
    return buildResource(source, relativePath === "" ? index.name : `${relativePath}/${index.name}`, context, realDirectory, previous);
  }
  // A file asked for as a directory ("/a.txt/") does not exist, as on nginx.
  if (!stats.isFile() || trailingSlash) return MISS;
  const source: RepresentationSource = { filePath, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, contentType: contentTypeOf(requested), contentCoding: undefined };
  return buildResource(source, relativePath, context, realDirectory, previous);
}
