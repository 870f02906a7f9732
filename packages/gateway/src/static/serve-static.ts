/**
 * The static-file middleware: answers GET/HEAD for paths that map to files under the document root or a
 * mount, and hands every other request to the wrapped application. Routing and caching only; the HTTP
 * rules live in respond-with-file, the disk in resolve-resource.
 */
import type { Application, Body, Environ, Middleware, StartResponse } from "../types.js";
import { ContentCache } from "./content-cache.js";
import { mapRequestPath } from "./map-request-path.js";
import { resolveResource, type Resolution, type ResolveContext } from "./resolve-resource.js";
import { ResourceCache } from "./resource-cache.js";
import { respondWithFile } from "./respond-with-file.js";
import { respondWithStatus } from "./respond-with-status.js";
import { resolveStaticOptions, type StaticArea, type StaticOptions } from "./static-options.js";

/** The methods a static file answers (RFC 9110 §9.3.1, §9.3.2); the Allow header of a 405. */
const ALLOWED_METHODS = "GET, HEAD";

/** Characters kept as they are in a redirect's path: RFC 3986 pchar and "/". */
const UNSAFE_PATH_CHARACTERS = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g;

function findArea(areas: readonly StaticArea[], pathInfo: string): StaticArea | undefined {
  for (const area of areas) {
    const prefix = area.prefix;
    if (prefix === "" || (pathInfo.startsWith(prefix) && (pathInfo.length === prefix.length || pathInfo.charCodeAt(prefix.length) === 47 /* "/" */))) {
      return area;
    }
  }
  return undefined;
}

/**
 * Whether the raw request target encodes a "/" ("%2F") in its path. PATH_INFO shows it as a plain "/",
 * so "/a%2Fb" and "/a/b" would name the same file although the client meant one segment "a/b" (and an
 * upstream filter may have seen only one segment). Such a request is never a static file: it goes to the
 * application (unless its shape is refused anyway, e.g. "..%2F" → 403), in the spirit of Apache's
 * default `AllowEncodedSlashes Off`, which also never maps such a path to a file.
 */
function hasEncodedSlash(environ: Environ): boolean {
  const target = environ.REQUEST_URI;
  if (typeof target !== "string") return false;
  let index = target.indexOf("%");
  if (index === -1) return false;
  const queryStart = target.indexOf("?");
  const pathEnd = queryStart === -1 ? target.length : queryStart;
  while (index !== -1 && index < pathEnd) {
    if (target.charCodeAt(index + 1) === 50 /* "2" */ && (target.charCodeAt(index + 2) | 0x20) === 102 /* "f" */) return true;
    index = target.indexOf("%", index + 1);
  }
  return false;
}

/** Percent-encodes a decoded path for a Location header (a path-absolute reference, RFC 9110 §10.2.2). */
function encodePath(path: string): string {
  return path.replace(UNSAFE_PATH_CHARACTERS, (character) => encodeURIComponent(character));
}

function redirectToDirectory(environ: Environ, startResponse: StartResponse): Body {
  // SCRIPT_NAME is where the application is mounted: the browser must come back through it.
  // Repeated slashes were collapsed for the lookup; collapse them in the Location too, or a request for
  // "//evil.example" would redirect to the protocol-relative "//evil.example/" (an open redirect).
  const path = `${environ.SCRIPT_NAME}${environ.PATH_INFO}/`.replace(/\/{2,}/g, "/");
  const query = environ.QUERY_STRING;
  const location = encodePath(path) + (query === "" ? "" : `?${query}`);
  return respondWithStatus(startResponse, 301, [["Location", location]]);
}

/**
 * Creates the static-file middleware (`serveStatic(options)(app)`).
 *
 * - A GET or HEAD whose PATH_INFO maps to a file under `root` or a mount is answered here; anything that
 *   is not a file falls through to `app` (uWSGI check-static; a miss under a mount falls through too).
 * - Methods other than GET and HEAD: under the document root they go to `app` without a file lookup (the
 *   root shares its URL space with the application, e.g. a form POSTing to a page's own URL); under a
 *   mount, which belongs to files, an existing file answers 405 with "Allow: GET, HEAD".
 * - A directory requested without its trailing "/" is redirected (301, Location under SCRIPT_NAME, query
 *   kept) when it has an index file, like nginx; a directory without an index file falls through.
 * - Refused with 403, never with file bytes: "." and ".." segments, NUL, "\", dotfiles under the "deny"
 *   policy, and real paths (after symlinks) outside the served directory. Any other target with an
 *   encoded slash ("%2F") falls through to the application.
 * - Lookups (hits and misses) are cached for `statCacheMs`; after that a file is stat'ed again and its
 *   headers (and in-memory bytes) are reused while inode, size and mtime are unchanged.
 *
 * Throws StaticError ERR_STATIC_INVALID_OPTION for a bad option (a missing directory included).
 */
export function serveStatic(options: StaticOptions): Middleware {
  const resolved = resolveStaticOptions(options);
  const contentCache = new ContentCache(resolved.memoryCacheMaxBytes, resolved.memoryCacheMaxFileBytes);
  const releaseContent = (resolution: Resolution): void => {
    if (resolution.kind !== "file") return;
    contentCache.release(resolution.resource.identity);
    for (const variant of resolution.resource.variants) contentCache.release(variant);
  };
  const cache = new ResourceCache(resolved.statCacheMs, resolved.statCacheMaxEntries, releaseContent);
  const context: ResolveContext = { options: resolved, contentCache };
  const { areas, dotfiles } = resolved;

  return (app: Application): Application => {
    const answer = (environ: Environ, startResponse: StartResponse, resolution: Resolution, isRead: boolean): Body | Promise<Body> => {
      switch (resolution.kind) {
        case "miss":
          return app(environ, startResponse);
        case "forbidden":
          return respondWithStatus(startResponse, 403);
        case "redirect":
          return isRead ? redirectToDirectory(environ, startResponse) : respondWithStatus(startResponse, 405, [["Allow", ALLOWED_METHODS]]);
        case "file":
          return isRead ? respondWithFile(environ, startResponse, resolution.resource, environ.REQUEST_METHOD === "HEAD") : respondWithStatus(startResponse, 405, [["Allow", ALLOWED_METHODS]]);
      }
    };

    return (environ, startResponse) => {
      const method = environ.REQUEST_METHOD;
      const isRead = method === "GET" || method === "HEAD";
      const pathInfo = environ.PATH_INFO;
      const area = findArea(areas, pathInfo);
      if (area === undefined || (!isRead && area.prefix === "")) return app(environ, startResponse);
      // Checked before the cache: "/a%2Fb" has the same PATH_INFO as a cached "/a/b".
      if (hasEncodedSlash(environ)) {
        const shape = mapRequestPath(pathInfo.slice(area.prefix.length), dotfiles);
        return shape.kind === "forbidden" ? respondWithStatus(startResponse, 403) : app(environ, startResponse);
      }
      // Hot path: a fresh cached lookup answers synchronously, with no file-system call.
      const now = Date.now();
      const cached = cache.fresh(pathInfo, now);
      if (cached !== undefined) return answer(environ, startResponse, cached, isRead);
      const mapped = mapRequestPath(pathInfo.slice(area.prefix.length), dotfiles);
      // Refusals by shape are cheap to recompute and are not cached, so junk paths cannot evict real entries.
      if (mapped.kind === "forbidden") return respondWithStatus(startResponse, 403);
      if (mapped.kind === "ignored") return app(environ, startResponse);
      return cache
        .refresh(pathInfo, now, (previous) => resolveResource(area, mapped.relativePath, mapped.trailingSlash, context, previous))
        .then((resolution) => answer(environ, startResponse, resolution, isRead));
    };
  };
}
