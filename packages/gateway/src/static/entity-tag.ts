/** Entity-tags (RFC 9110 §8.8.3): making our strong tags and matching If-Match/If-None-Match lists. Pure. */

/**
 * A strong entity-tag for a file from its size and modification time, as nginx does ("size-mtime" in hex),
 * with the content coding appended for a precompressed sibling, so each representation has its own tag
 * (RFC 9110 §8.8.3: a tag identifies one representation, and "br" and "identity" are two).
 */
export function formatEntityTag(size: number, mtimeMs: number, contentCoding?: string): string {
  const tag = `${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}`;
  return contentCoding === undefined ? `"${tag}"` : `"${tag}-${contentCoding}"`;
}

/**
 * Whether a header value holding "*" or a comma-separated list of entity-tags matches `etag` (our own tag,
 * always strong). Strong comparison (If-Match, RFC 9110 §13.1.1) requires both tags to be strong; weak
 * comparison (If-None-Match, §13.1.2) ignores the "W/" prefix. A malformed list matches nothing past the
 * point where it stops parsing. `etag` undefined means the representation has no tag: only "*" matches.
 */
export function isEntityTagListMatch(headerValue: string, etag: string | undefined, weakComparison: boolean): boolean {
  const length = headerValue.length;
  let index = 0;
  while (index < length) {
    let code = headerValue.charCodeAt(index);
    // Skip OWS and the list separators (RFC 9110 §5.6.1).
    if (code === 32 || code === 9 || code === 44) {
      index++;
      continue;
    }
    if (code === 42 /* "*" */) return true;
    let weak = false;
    if (code === 87 /* "W" */ && headerValue.charCodeAt(index + 1) === 47 /* "/" */) {
      weak = true;
      index += 2;
      code = headerValue.charCodeAt(index);
    }
    if (code !== 34 /* DQUOTE */) return false;
    const close = headerValue.indexOf('"', index + 1);
    if (close === -1) return false;
    if (etag !== undefined && (weakComparison || !weak) && close + 1 - index === etag.length && headerValue.startsWith(etag, index)) {
      return true;
    }
    index = close + 1;
  }
  return false;
}
