/** Reconstructs URLs from an environ (PEP 3333 "URL Reconstruction", wsgiref.util). No I/O. */
import type { Environ } from "./types.js";

/** Percent-encodes a decoded path for use in a URL, keeping "/" and the RFC 3986 pchar set. */
function quotePath(path: string): string {
  return encodeURI(path).replace(/[?#]/g, (character) => encodeURIComponent(character));
}

function hostOf(environ: Environ): string {
  const host = environ.HTTP_HOST;
  if (host !== undefined && host !== "") return host;
  const scheme = environ["gateway.url_scheme"];
  const port = environ.SERVER_PORT;
  const defaultPort = scheme === "https" ? "443" : "80";
  return port === defaultPort ? environ.SERVER_NAME : `${environ.SERVER_NAME}:${port}`;
}

/** The application's base URL: scheme, host, and SCRIPT_NAME (or "/"). */
export function applicationUri(environ: Environ): string {
  return `${environ["gateway.url_scheme"]}://${hostOf(environ)}${quotePath(environ.SCRIPT_NAME || "/")}`;
}

/** The full request URL; the query string is included unless `includeQuery` is false. */
export function requestUri(environ: Environ, includeQuery = true): string {
  const base = `${environ["gateway.url_scheme"]}://${hostOf(environ)}${quotePath(environ.SCRIPT_NAME + environ.PATH_INFO)}`;
  return includeQuery && environ.QUERY_STRING !== "" ? `${base}?${environ.QUERY_STRING}` : base;
}
