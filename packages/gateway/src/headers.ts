/** Header-list helpers shared by servers, frameworks and the validator. No I/O. */
import type { HeaderList } from "./types.js";

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1, PEP 3333 "Other HTTP Features"): they describe one connection,
 * so only the server may set them; an application that does is in error.
 */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "trailers",
  "transfer-encoding",
  "upgrade",
]);

/** True when `name` (any case) is a hop-by-hop header. */
export function isHopByHopHeader(name: string): boolean {
  return HOP_BY_HOP_HEADERS.has(name.toLowerCase());
}

/** The first value of header `name` (case-insensitive) in a header list, or undefined. */
export function getHeader(headers: HeaderList, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [headerName, value] of headers) {
    if (headerName.length === wanted.length && headerName.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** RFC 9110 §5.1 field-name: a token. */
export const FIELD_NAME_PATTERN: RegExp = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** RFC 9110 §5.5 field-value as a ByteString: HTAB, SP, VCHAR, obs-text; never CR, LF or NUL. */
export const FIELD_VALUE_PATTERN: RegExp = /^[\t\x20-\x7e\x80-\xff]*$/;
