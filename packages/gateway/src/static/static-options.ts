/** serveStatic's options: their types, defaults and validation. Runs once at startup; never serves a request. */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { FIELD_VALUE_PATTERN } from "../headers.js";
import { StaticError } from "./errors.js";

/**
 * What to do with a path that has a segment starting with "." (other than ".well-known", RFC 8615):
 * "deny" answers 403 (nginx's usual `location ~ /\. { deny all; }`), "ignore" treats it as not a static file
 * so the request falls through to the application, "allow" serves it like any other file.
 */
export type DotfilesPolicy = "deny" | "ignore" | "allow";

/** A URL prefix served from a directory, e.g. `{ prefix: "/assets", directory: "./public" }`. */
export interface StaticMount {
  /** Path prefix within PATH_INFO: starts with "/", a trailing "/" is ignored; "/" means the document root. */
  prefix: string;
  /** Directory the prefix maps to; must exist when serveStatic is called. */
  directory: string;
}

/**
 * The Cache-Control value to send: a fixed value, or a function of the file's path relative to its
 * directory ("css/site.3f2a.css"), called once per cached file (not per request); undefined sends none.
 */
export type CacheControlPolicy = string | ((relativePath: string) => string | undefined);

/** Options of `serveStatic`. At least one of `root` and `mounts` is required. */
export interface StaticOptions {
  /** Document root checked for every GET/HEAD path (uWSGI's check-static). Default: none. */
  root?: string;
  /** Prefix mounts; the longest matching prefix wins, and a mount owns its prefix. Default: none. */
  mounts?: readonly StaticMount[];
  /** File names tried, in order, for a directory; [] disables index files. Default ["index.html"]. */
  index?: readonly string[];
  /** Dotfile policy; see DotfilesPolicy. Default "deny". */
  dotfiles?: DotfilesPolicy;
  /** Cache-Control policy. Default: no Cache-Control header (as nginx and uWSGI send none). */
  cacheControl?: CacheControlPolicy;
  /** Serve `file.br` / `file.gz` siblings to clients that accept them. Default true. */
  precompressed?: boolean;
  /** Send a strong ETag ("size-mtime" in hex, like nginx). Default true. */
  etag?: boolean;
  /** Send Last-Modified. Default true. */
  lastModified?: boolean;
  /** How long a stat result (and its computed headers) is trusted before the file is checked again, in ms. Default 1000. */
  statCacheMs?: number;
  /** Most paths whose lookup result is kept (hits and misses). Default 1024. */
  statCacheMaxEntries?: number;
  /** Files up to this size are kept in memory and sent in one write. Default 1048576 (1 MiB). */
  memoryCacheMaxFileBytes?: number;
  /** Total bytes of file content kept in memory. Default 33554432 (32 MiB); 0 disables the content cache. */
  memoryCacheMaxBytes?: number;
}

/** A served directory with its URL prefix, resolved at startup. */
export interface StaticArea {
  /** "" for the document root, else "/prefix" without a trailing "/". */
  readonly prefix: string;
  /**
   * The directory as an absolute path, symlinks kept: its real path is looked up again with each file
   * lookup, so a deploy that swaps a "current" symlink is picked up; every served file must lie inside it.
   */
  readonly directory: string;
}

/** Options with every default applied and every value checked. */
export interface ResolvedStaticOptions {
  /** Areas, longest prefix first; the document root, if any, comes last. */
  readonly areas: readonly StaticArea[];
  readonly index: readonly string[];
  readonly dotfiles: DotfilesPolicy;
  readonly cacheControl: ((relativePath: string) => string | undefined) | undefined;
  readonly precompressed: boolean;
  readonly etag: boolean;
  readonly lastModified: boolean;
  readonly statCacheMs: number;
  readonly statCacheMaxEntries: number;
  readonly memoryCacheMaxFileBytes: number;
  readonly memoryCacheMaxBytes: number;
}

/** Default `index`. */
export const DEFAULT_INDEX_FILES: readonly string[] = ["index.html"];
/** Default `statCacheMs`. */
export const STAT_CACHE_MS = 1000;
/** Default `statCacheMaxEntries`. */
export const STAT_CACHE_MAX_ENTRIES = 1024;
/**
 * Default `memoryCacheMaxFileBytes`. Up to 1 MiB a file is sent from one shared Buffer in one write: a
 * streamed 1 MiB file cost ~700 µs of CPU per request (open, 16 reads of 64 KiB, close, 16 awaited
 * writes) against ~200 µs from memory; the bytes are shared by every response, never copied per request.
 */
export const MEMORY_CACHE_MAX_FILE_BYTES = 1024 * 1024;
/** Default `memoryCacheMaxBytes`: room for 32 files of the largest cached size. */
export const MEMORY_CACHE_MAX_BYTES = 32 * 1024 * 1024;

function invalid(message: string): StaticError {
  return new StaticError("ERR_STATIC_INVALID_OPTION", `serveStatic: ${message}`);
}

function resolveDirectory(directory: unknown, name: string): string {
  if (typeof directory !== "string" || directory === "") throw invalid(`${name} must be a non-empty path`);
  const absolute = resolve(directory);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch (error) {
    throw new StaticError("ERR_STATIC_INVALID_OPTION", `serveStatic: ${name} ${JSON.stringify(directory)} does not exist`, { cause: error });
  }
  if (!isDirectory) throw invalid(`${name} ${JSON.stringify(directory)} is not a directory`);
  return absolute;
}

function resolvePrefix(prefix: unknown): string {
  if (typeof prefix !== "string" || !prefix.startsWith("/")) throw invalid(`mount prefix must start with "/", got ${JSON.stringify(prefix)}`);
  const trimmed = prefix.replace(/\/+$/, "");
  if (trimmed.includes("//") || trimmed.split("/").some((segment) => segment === "." || segment === "..")) {
    throw invalid(`mount prefix must be a plain path, got ${JSON.stringify(prefix)}`);
  }
  return trimmed;
}

function resolveCount(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw invalid(`${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return value;
}

function resolveBoolean(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw invalid(`${name} must be a boolean, got ${JSON.stringify(value)}`);
  return value;
}

function resolveCacheControl(policy: unknown): ResolvedStaticOptions["cacheControl"] {
  if (policy === undefined) return undefined;
  if (typeof policy === "function") return policy as (relativePath: string) => string | undefined;
  if (typeof policy !== "string" || policy === "" || !FIELD_VALUE_PATTERN.test(policy)) {
    throw invalid(`cacheControl must be a header value or a function, got ${JSON.stringify(policy)}`);
  }
  return () => policy;
}

/** Applies defaults and validates; throws StaticError ERR_STATIC_INVALID_OPTION on any bad value. */
export function resolveStaticOptions(options: StaticOptions): ResolvedStaticOptions {
  if (typeof options !== "object" || options === null) throw invalid("options must be an object");
  const areas: StaticArea[] = [];
  for (const mount of options.mounts ?? []) {
    const prefix = resolvePrefix(mount.prefix);
    if (areas.some((area) => area.prefix === prefix)) throw invalid(`mount prefix ${JSON.stringify(mount.prefix)} is given twice`);
    areas.push({ prefix, directory: resolveDirectory(mount.directory, `mount ${JSON.stringify(mount.prefix)} directory`) });
  }
  if (options.root !== undefined) {
    if (areas.some((area) => area.prefix === "")) throw invalid('root and a mount with prefix "/" both claim the document root');
    areas.push({ prefix: "", directory: resolveDirectory(options.root, "root") });
  }
  if (areas.length === 0) throw invalid("give a root, mounts, or both");
  // Longest prefix first, so "/assets/img" wins over "/assets"; the root ("") ends up last.
  areas.sort((left, right) => right.prefix.length - left.prefix.length);

  const index = options.index ?? DEFAULT_INDEX_FILES;
  if (!Array.isArray(index)) throw invalid("index must be an array of file names");
  for (const name of index) {
    if (typeof name !== "string" || name === "" || name === "." || name === ".." || /[/\\\0]/.test(name)) {
      throw invalid(`index entries must be plain file names, got ${JSON.stringify(name)}`);
    }
  }
  const dotfiles = options.dotfiles ?? "deny";
  if (dotfiles !== "deny" && dotfiles !== "ignore" && dotfiles !== "allow") throw invalid(`dotfiles must be "deny", "ignore" or "allow", got ${JSON.stringify(dotfiles)}`);

  return {
    areas,
    index: [...index],
    dotfiles,
    cacheControl: resolveCacheControl(options.cacheControl),
    precompressed: resolveBoolean(options.precompressed, "precompressed", true),
    etag: resolveBoolean(options.etag, "etag", true),
    lastModified: resolveBoolean(options.lastModified, "lastModified", true),
    statCacheMs: resolveCount(options.statCacheMs, "statCacheMs", STAT_CACHE_MS),
    statCacheMaxEntries: resolveCount(options.statCacheMaxEntries, "statCacheMaxEntries", STAT_CACHE_MAX_ENTRIES),
    memoryCacheMaxFileBytes: resolveCount(options.memoryCacheMaxFileBytes, "memoryCacheMaxFileBytes", MEMORY_CACHE_MAX_FILE_BYTES),
    memoryCacheMaxBytes: resolveCount(options.memoryCacheMaxBytes, "memoryCacheMaxBytes", MEMORY_CACHE_MAX_BYTES),
  };
}
